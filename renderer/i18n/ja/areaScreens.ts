/** 取扱区域・入退室 (issue #12): words of areaScreens (pure data; db/print/labels.ts reads ja). */
export const areaScreens = {
  areaScreens: {
    title: '取扱区域の入退室',
  },
} as const;
