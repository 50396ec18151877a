/** Controlled areas and entry logs (issue #12): English words for renderer/i18n/ja/areaOutput.ts. */
export const areaOutput = {
  areaOutput: {
    title: 'Area entry log',
  },
};
