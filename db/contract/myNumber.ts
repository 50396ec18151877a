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

// Twelve digits, alone or written in 4-4-4 groups with a space or hyphen, not part of a
// longer run of digits. Full-width digits are folded first (NFKC), so １２３… counts too; the
// dashes a Japanese IME gives for "-" survive NFKC (ー U+30FC, − U+2212, ‐ U+2010 …) and
// count as hyphens.
const candidate = /(?<!\d)(\d{4})[-\s\u2010-\u2015\u2212\u30FC]?(\d{4})[-\s\u2010-\u2015\u2212\u30FC]?(\d{4})(?!\d)/g;

/** True if the text contains something that is a well-formed 個人番号. */
export function containsMyNumber(text: string): boolean {
  const folded = text.normalize('NFKC');
  for (const m of folded.matchAll(candidate)) {
    if (isValidMyNumber(`${m[1]}${m[2]}${m[3]}`)) return true;
  }
  return false;
}
