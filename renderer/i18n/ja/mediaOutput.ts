/**
 * 媒体管理台帳 and 持出管理簿 leaving the app and coming in (issue #10 item 7): the toolbar's
 * buttons, the import's words, and what only paper and CSV say (pure data; db/print/labels.ts
 * reads it). Field and status words stay in media.ts: one label per thing.
 */
export const mediaOutput = {
  mediaOutput: {
    exportCsv: 'CSV出力',
    printList: '一覧を印刷',
    pdfList: '一覧をPDF保存',
    importCsv: 'CSV取込み',
    importIntro: 'Excel等で作成した媒体管理台帳のCSVファイル（UTF-8またはShift_JIS）から媒体を取り込みます。「状態」「最終確認日」の列があればその状態で登録します（ない場合は「保管中」。持出中の媒体は取り込めません）。管理番号が空欄の行は、課等・種別の採番ルールで番号を付けます。保管場所と担当課等は、登録済みの名称で書いてください。',
    importCommitted: '{{count}}件の媒体を登録しました。',
    takeoutExportCsv: '持出管理簿をCSV出力',
    takeoutPrintList: '持出管理簿を印刷',
    takeoutPdfList: '持出管理簿をPDF保存',
    importErrors: {
      unknownStorageLocation: '保管場所「{{name}}」は、あなたが使える保管場所に登録されていません。',
      storageLocationOfOtherDepartment: '保管場所「{{name}}」は{{department}}の媒体には使えません。',
    },
    print: {
      registerTitle: '媒体管理台帳（一覧）',
      takeoutTitle: '持出管理簿',
      noConditions: '条件なし（全件）',
      notBackup: 'バックアップ媒体以外',
      searchText: '検索語',
      from: '申請日（から）',
      to: '申請日（まで）',
      registerEmpty: '該当する媒体はありません。',
      takeoutEmpty: '該当する持出しの記録はありません。',
      backupMark: '〇',
      overdueMark: '※返却予定日超過',
      requestedAt: '申請日時',
      decidedAt: '承認・却下日時',
      returnCheckedBy: '返却確認者',
      checks: '内容・複製',
      contentsIntact: '内容の確認',
      tempCopiesErased: '複製の消去',
      decisionNote: '承認・却下の備考',
      done: '〇',
      notDone: '×',
      registerLegend: '「バックアップ媒体」欄の〇：バックアップ媒体　最終確認日：点検で所在を確認した日',
      takeoutLegend: '「※返却予定日超過」：持出中で、返却予定日を過ぎたもの（印刷日の組織の暦による）　内容・複製：返却時に内容の欠落・改変がないこと、持出し先の一時的な複製を消去したことの確認',
    },
  },
} as const;
