/** Japanese: 媒体管理台帳 — home cards, overdue / unseen / missing, the backup-medium rule (issue #10 items 4 and 6). Pure data, no imports. */
export const mediaWatch = {
  mediaHome: {
    overdue: { title: '返却期限を過ぎた持出し', hint: '持出中で、返却予定日を過ぎた媒体です。持出者に確認してください。' },
    awaitingDecision: { title: '承認待ちの持出し', hint: 'あなたが承認・却下できる持出申請です（自分の申請を除く）。' },
    missing: { title: '所在不明の媒体', hint: '所在不明とされた媒体です。捜索し、見つからなければ事故として報告してください。' },
    unseen: { title: '点検されていない媒体', hint: '保管中で、最後の点検（点検前は登録日）から設定の点検間隔を過ぎた媒体です。' },
    backupBesideTerminal: { title: 'サーバと同じ室のバックアップ媒体', hint: 'バックアップ媒体が、この端末と同じ室（サーバ室）の保管場所にあります。別の場所に分散して保管してください。' },
  },
  mediaWatch: {
    filterUnseenSince: 'この日以降 点検で未確認',
    filterBesideTerminal: 'サーバと同じ室のバックアップ',
    filterAwaitingMyDecision: '自分が承認できる申請',
    besideTerminal: 'この端末と同じ室（サーバ室）',
    besideTerminalHint: 'サーバやこの端末と同じ室にある場所です。ここに保管したバックアップ媒体は警告されます（分散保管）。',
    besideTerminalMark: '同室',
    setBesideTerminal: '同じ室にする',
    unsetBesideTerminal: '同じ室ではない',
    besideTerminalChanged: '保管場所「{{name}}」の設置室を変更しました。',
    backupBesideTerminalMark: 'サーバと同じ室',
    backupBesideTerminalWarning: 'このバックアップ媒体は、この端末と同じ室（サーバ室）の保管場所にあります。災害や事故で媒体とサーバが同時に失われないよう、別の場所に保管してください（分散保管）。',
    backupMedium: '保存先の媒体（媒体管理台帳）',
    backupMediumNone: '台帳の媒体を選ばない（下に手入力）',
    backupMediumHint: '媒体管理台帳に登録したバックアップ媒体を選ぶと、管理番号と保管場所が記録されます。',
    errors: {
      unknownMedium: '選んだ媒体は媒体管理台帳にありません。',
      notBackupMedium: '{{mediaNo}} はバックアップ媒体として登録されていません。',
      mediumUnavailable: '{{mediaNo}} は廃止・廃棄済または所在不明のため、保存先に選べません。',
    },
  },
} as const;
