/** Japanese: 入力途中の内容（ロック前の入力の復元）と自動ロック前の予告. Pure data, no imports. */
export const drafts = {
  drafts: {
    offerTitle: '入力の復元',
    offer: 'ロック前の入力が残っています。復元しますか？',
    offerForm: '{{form}}（{{at}}に保持）',
    restore: '復元する',
    discard: '破棄する',
    gone: 'この入力は、すでに復元または破棄されています。',
    restored: 'ロック前の入力を復元しました。内容を確かめてから登録してください。',
    droppedOnRestore: '個人番号を含んでいた項目は保持していないため、復元されていません：{{fields}}',
    droppedNow: '個人番号を含む項目は、ロックされても保持されません：{{fields}}',
    fieldSeparator: '、',
    notKept: '入力内容が大きすぎるため、ロックされた場合に保持できません。',
    forms: {
      holdings_create: '保有個人情報等台帳の新規登録',
      holdings_edit: '保有個人情報等台帳の編集',
      media_create: '媒体管理台帳の新規登録',
      media_edit: '媒体管理台帳の編集',
      disposal_create: '廃棄・消去記録の作成',
      disposal_edit: '廃棄・消去記録の編集',
    },
  },
  idleWarning: {
    title: '自動ロックの予告',
    countdown: '操作がないため {{seconds}} 秒後にロックします',
    hint: 'キーを押すか、クリックすると、そのまま作業を続けられます。',
    draftKept: '入力途中の内容は保持されます。ロック解除後に復元できます。',
    continue: '作業を続ける',
  },
} as const;
