/**
 * A list written as one text — 「氏名、住所、生年月日」, commas, semicolons or one item per
 * line — read the same way wherever it arrives: a CSV cell, or text pasted into a list field
 * on screen. Zod-free, so the renderer imports it (one rule, not a copy).
 */
export function splitListText(text: string): string[] {
  return text
    .split(/[、,，;；\r\n]/)
    .map((s) => s.trim())
    .filter((s) => s.length > 0);
}

/**
 * Whether two display names are one name typed twice: NFKC (full- and half-width forms
 * alike) with every space left out (「佐藤 一郎」 = 「佐藤　一郎」 = 「佐藤一郎」). Namesakes
 * exist, so this only warns and flags (account review, new account); it never refuses.
 */
export function sameNameKey(displayName: string): string {
  return displayName.normalize('NFKC').replace(/[\s\u200b-\u200d\u2060\ufeff]/gu, '');
}

/**
 * A number as a person or a reader types it, in the form numbers are stored: NFKC (full-width
 * Ｒ８), the dashes a Japanese IME gives (ー, －, ‐) as '-'. Invisible characters (zero-width
 * space, soft hyphen, the Hangul fillers that are letters, a combining grapheme joiner: all
 * Default_Ignorable) never belong in a number. Also for a search by number (持出管理簿), and on
 * screen where a scanned number is compared with a record's (zod-free for that).
 */
export function foldNumberText(s: string): string {
  return s.normalize('NFKC').replace(/[\p{Cf}\p{Default_Ignorable_Code_Point}]/gu, '').replace(/[\u2010-\u2015\u2212\u30fc\uff70]/g, '-');
}
