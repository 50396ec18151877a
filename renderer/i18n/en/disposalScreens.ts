/** The 廃棄・消去 screens (issue #11): headings, buttons, hints (pure data). Field and status words are in disposal.ts. */
export const disposalScreens = {
  disposalScreens: {
    title: 'Disposal',
  },
};
