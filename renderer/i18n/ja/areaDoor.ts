/** 取扱区域・入退室 (issue #12): words of areaDoor (pure data; db/print/labels.ts reads ja). */
export const areaDoor = {
  areaDoor: {
    title: '取扱区域の入退室',
  },
} as const;
