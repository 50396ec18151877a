/** Checking a paper certificate's code, the attachments panel and the certificate's print buttons on screen (issue #11 items 2, 5, 6; pure data). */
export const disposalVerify = {
  disposalVerify: {
    title: '証明書の照合',
  },
} as const;
