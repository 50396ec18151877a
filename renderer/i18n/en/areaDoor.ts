/** Controlled areas and entry logs (issue #12): English words for renderer/i18n/ja/areaDoor.ts. */
export const areaDoor = {
  areaDoor: {
    title: 'Area entry log',
  },
};
