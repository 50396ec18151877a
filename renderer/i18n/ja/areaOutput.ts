/** 取扱区域・入退室 (issue #12): words only the 入退室管理簿 and its CSV say (pure data; db/print/labels.ts reads ja). The fields' own words are areas.ts's. */
export const areaOutput = {
  areaOutput: {
    book: {
      titleDay: '入退室管理簿（日報）',
      titleMonth: '入退室管理簿（月報）',
      fileName: '入退室管理簿',
      period: '期間',
      noConditions: '条件なし（全件）',
      badge: '入館証（返却）',
      devices: '持込み・持出し機器・媒体（検査の結果）',
      deviceIn: '持込み',
      deviceOut: '持出し',
      approvedBy: '承認: {{name}}',
      confirmedBy: '確認: {{name}}（{{at}}）',
      notConfirmed: '未確認',
      department: '課等',
      empty: '該当する入退室の記録はありません。',
      legend: '※ は例外のある入退室です（例外の欄に内容と承認者・確認者を記載）。退室時刻の「一括退室」は、終業時に理由を付けて退室させたものです。',
      confirmTitle: '確認欄',
      confirmRole: '保護管理者',
    },
    authorizationsCsv: {
      fileName: '入室許可一覧',
    },
  },
} as const;
