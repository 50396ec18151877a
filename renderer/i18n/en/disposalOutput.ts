/** The 廃棄・消去証明書, checking a code, and the 廃棄記録簿 (issue #11 items 5–7): words only paper and the check say (pure data). */
export const disposalOutput = {
  disposalOutput: {
    title: 'Disposal',
  },
};
