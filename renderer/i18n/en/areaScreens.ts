/** Controlled areas and entry logs (issue #12): English words for renderer/i18n/ja/areaScreens.ts. */
export const areaScreens = {
  areaScreens: {
    title: 'Area entry log',
    tabDoor: 'Door',
    tabInside: 'Inside now',
    tabBook: 'Entry log',
    tabAuthorizations: 'Authorizations',
    tabAreas: 'Areas',
  },
};
