/**
 * The media register's CSV import: what its rows' state (状態, 最終確認日) and numbering may be
 * refused for (db/features/media/csvImport.ts). Pure data; db/print/labels.ts reads it.
 */
export const mediaImport = {
  mediaImport: {
    errors: {
      checkedOut: '「持出中」の媒体は取り込めません。「保管中」として取り込み、持出しは申請・承認を経て記録してください（持出しには申請と承認の記録が必要です）。',
      lastSeenBeforeRegistered: '最終確認日が登録日（{{registeredAt}}）より前です。登録日が空欄の行は今日が登録日になります。',
      noNumberingRule: '{{department}}の「{{type}}」には管理番号の採番ルールがありません。管理番号を書くか、採番ルールを設定してから取り込んでください。',
    },
  },
} as const;
