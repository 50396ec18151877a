/** 取扱区域・入退室 (issue #12): words of areaScreens (pure data; db/print/labels.ts reads ja). */
export const areaScreens = {
  areaScreens: {
    title: '取扱区域の入退室',
    tabDoor: '入室・退室',
    tabInside: '在室者',
    tabBook: '入退室管理簿',
    tabAuthorizations: '入室許可',
    tabAreas: '区域',
  },
} as const;
