/**
 * 個人番号 (My Number) detection. Records that prove handling must never themselves hold
 * 特定個人情報 (番号法 guideline), so free text carrying a valid 個人番号 is refused.
 */

/** Check digit per 番号法施行令 §8 for the first 11 digits of a 12-digit number. */
export function myNumberCheckDigit(first11: string): number {
  let sum = 0;
  for (let n = 1; n <= 11; n++) {
    const p = first11.charCodeAt(11 - n) - 48; // P(n): the n-th digit counting from the right
    const q = n <= 6 ? n + 1 : n - 5;
    sum += p * q;
  }
  const r = sum % 11;
  return r <= 1 ? 0 : 11 - r;
}

export function isValidMyNumber(digits: string): boolean {
  if (!/^\d{12}$/.test(digits)) return false;
  return myNumberCheckDigit(digits.slice(0, 11)) === digits.charCodeAt(11) - 48;
}

// Twelve digits, alone or written in 4-4-4 groups, not part of a longer run of digits.
// Full-width digits are folded first (NFKC), so １２３… counts too. Between the groups, up to
// three spaces or dashes of any kind: 「1234 - 5678」, two spaces, a CRLF inside a cell, and the
// dashes a Japanese IME or Shift_JIS gives for "-" that survive NFKC (ー U+30FC, − U+2212,
// ‐ U+2010, ─ U+2500 … and every Unicode dash, \p{Pd}). A lookahead, so that every start is
// tried: in 「0000-1234-5678-9012」 the number after the first group is found too.
const candidate = /(?<!\d)(?=(\d{4})[\s\p{Pd}\u2212\u30FC\u2043\u2500\u2501\u2796\u02D7]{0,3}(\d{4})[\s\p{Pd}\u2212\u30FC\u2043\u2500\u2501\u2796\u02D7]{0,3}(\d{4})(?!\d))/gu;

// Characters that show nothing between two digits: zero-width spaces and joiners, BOM, soft
// hyphen, bidi marks (format, Cf) and combining marks (M). 1234<ZWSP>5678<ZWSP>9012 reads as a
// 個人番号 on screen and on paper, so it is looked for with them taken out as well as with
// them kept (taken out, 1<ZWSP>123456789012 would become a 13-digit run and escape).
const invisible = /[\p{Cf}\p{M}]/gu;

function hasCandidate(folded: string): boolean {
  for (const m of folded.matchAll(candidate)) {
    if (isValidMyNumber(`${m[1]}${m[2]}${m[3]}`)) return true;
  }
  return false;
}

/** True if the text contains something that is a well-formed 個人番号. */
export function containsMyNumber(text: string): boolean {
  const folded = text.normalize('NFKC');
  if (hasCandidate(folded)) return true;
  const shown = folded.replace(invisible, '');
  return shown !== folded && hasCandidate(shown);
}
