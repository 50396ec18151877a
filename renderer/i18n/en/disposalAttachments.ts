/** Photos and scans of a disposal record (issue #11 item 2): words and errors (pure data). */
export const disposalAttachments = {
  disposalAttachments: {
    title: 'Disposal',
  },
};
