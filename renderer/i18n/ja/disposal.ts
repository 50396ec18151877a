/**
 * 廃棄・消去記録 (issue #11): fields, statuses, history steps, errors (pure data; db/print/labels.ts reads ja).
 * One label per thing: the screen, the certificate, the 廃棄記録簿 and the CSV use these words.
 */
export const disposal = {
  disposal: {
    title: '廃棄・消去',
  },
} as const;
