/** Checking a paper certificate's code, the attachments panel and the certificate's print buttons on screen (issue #11 items 2, 5, 6; pure data). */
export const disposalVerify = {
  disposalVerify: {
    title: 'Check a certificate',
  },
};
