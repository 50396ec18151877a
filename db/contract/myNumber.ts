/**
 * 個人番号 (My Number) detection. Records that prove handling must never themselves hold
 * 特定個人情報 (番号法 guideline), so free text carrying a valid 個人番号 is refused.
 *
 * A number counts however it is written (issue #9 item 2): any Unicode decimal digit
 * (NFKC does not fold Arabic-Indic ٠١٢ or Devanagari ०१२), kanji numerals (一二三…〇, 壱弐参),
 * and digit groups joined by a short run of separators — spaces of every kind and line
 * breaks, dashes of every kind (what an IME or Shift_JIS gives for "-": ー ｰ − ‐ – ─ …), dots,
 * slashes and characters that show nothing (zero-width space, soft hyphen, word joiner,
 * combining marks). Only the groupings in which a 12-digit number is written count —
 * 12, 4-4-4, 3-3-3-3, twelve single digits (a form's boxes), 6-6, 4-8 and 8-4 — also inside
 * a longer joined run (「0000-1234-5678-9012」), so dates, date ranges, phone numbers, postal
 * codes, 法人番号, accounts and amounts stay acceptable (tests/fixtures/myNumberCorpus.ts).
 * One linear scan of the text per reading, no backtracking regular expression.
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

// What each character of the NFKC-folded text is. Digits are 0–9 (their value), kanji
// numerals 10–19 (10 + value): they are digits in one reading of the text and not in the
// other, so 「第一123456789018」 (一 a word, not a digit) is still caught.
const SEPARATOR = 20;
const DOT = 21; // a separator too; 「192.168.100.200」 (four dotted groups up to 255) is an IPv4 address
const INVISIBLE = 22; // Cf, M: shows nothing; read once as a separator and once as absent
const OTHER = 23;
const KANJI_ONE = 24; // 一: the digit 1, or the dash an IME gives when 「ー」 is converted wrongly

const kanjiDigits: Readonly<Record<string, number>> = {
  〇: 0, 零: 0, '○': 0, '◯': 0, 壱: 1, 弌: 1, 二: 2, 弐: 2, 貳: 2, 三: 3, 参: 3, 參: 3,
  四: 4, 肆: 4, 五: 5, 伍: 5, 六: 6, 陸: 6, 七: 7, 漆: 7, 八: 8, 捌: 8, 九: 9, 玖: 9,
};
const decimalDigit = /^\p{Nd}$/u;
// Format characters, combining marks, and what Unicode says a font shows nothing for: the
// Hangul fillers (U+3164, U+FFA0 …) are letters, yet 「1234\u31645678\u31649018」 shows as
// 「1234 5678 9018」.
const invisible = /^[\p{Cf}\p{M}\p{Default_Ignorable_Code_Point}]$/u;
// Spaces (NBSP, ideographic space, line breaks …) and dashes (\p{Pd}, and the look-alikes
// NFKC keeps: − U+2212, ー U+30FC, ─ U+2500, ━ U+2501, ⁃ U+2043, ➖ U+2796, ˗ U+02D7), the
// tilde ～ (a wave dash on Windows), slashes, the underscore a file name uses for a space, and
// the blank braille cell U+2800 (a symbol that shows as a space).
const joiner = /^[\s\p{Zs}\p{Pd}\u2212\u30FC\u2500\u2501\u2043\u2796\u02D7~_/\\\u2215\u2044\u2800]$/u;
// Dots: . (and ．), ・ (and ･), ·, •, ‧, ∙.
const dots = /^[.\u30FB\u00B7\u2022\u2027\u2219]$/u;

// Each character's kind is worked out once: a table for the BMP (kind + 1, 0 = not yet), a
// bounded map beyond it (a text of rare characters cannot grow it for ever).
const bmpKinds = new Int8Array(0x10000);
const astralKinds = new Map<number, number>();

/** Unicode puts every decimal digit set at ten consecutive code points, 0 first: the value is the place in its run of digits. */
function decimalValue(cp: number): number {
  let below = 0;
  while (decimalDigit.test(String.fromCodePoint(cp - below - 1))) below++;
  return below % 10;
}

function classifyOther(ch: string, cp: number): number {
  if (ch === '一') return KANJI_ONE;
  if (Object.hasOwn(kanjiDigits, ch)) return 10 + kanjiDigits[ch]!;
  if (decimalDigit.test(ch)) return decimalValue(cp);
  if (invisible.test(ch)) return INVISIBLE;
  if (dots.test(ch)) return DOT;
  if (joiner.test(ch)) return SEPARATOR;
  return OTHER;
}

function kindOf(ch: string, cp: number): number {
  if (cp >= 48 && cp <= 57) return cp - 48;
  if (cp === 46) return DOT;
  if (cp < 128) return cp === 32 || cp === 45 || cp === 47 || cp === 92 || cp === 95 || cp === 126 || (cp >= 9 && cp <= 13) ? SEPARATOR : OTHER;
  if (cp < 0x10000) {
    const known = bmpKinds[cp]!;
    if (known !== 0) return known - 1;
    const kind = classifyOther(ch, cp);
    bmpKinds[cp] = kind + 1;
    return kind;
  }
  let kind = astralKinds.get(cp);
  if (kind === undefined) {
    kind = classifyOther(ch, cp);
    if (astralKinds.size > 10_000) astralKinds.clear();
    astralKinds.set(cp, kind);
  }
  return kind;
}

/** One reading of the text: are kanji numerals digits, is an invisible character a separator or absent. */
interface Reading {
  kanji: boolean;
  invisible: 'separator' | 'absent';
}

// Between two groups, up to three separators: 「1234 - 5678」, a CRLF, 「1234 ー 5678」.
const maxSeparators = 3;

/** A maximal run of digit groups joined by short runs of separators. */
class Run {
  lengths: number[] = [];
  digits = '';
  /** Whether the separators before group i+1 were dots only. */
  dotted: boolean[] = [];
  /** The separators before group i+1, as written (up to maxSeparators of them). */
  gaps: string[] = [];
  clear(): void {
    this.lengths = [];
    this.digits = '';
    this.dotted = [];
    this.gaps = [];
  }
}

function scan(codes: Int8Array, points: Uint32Array, reading: Reading): boolean {
  const run = new Run();
  let inGroup = false;
  let gap = 0;
  let gapDotted = true;
  let gapText = '';
  for (let i = 0; i < codes.length; i++) {
    let kind = codes[i]!;
    if (kind === KANJI_ONE) kind = reading.kanji ? 1 : SEPARATOR;
    else if (kind >= 10 && kind < 20) kind = reading.kanji ? kind - 10 : OTHER;
    if (kind === INVISIBLE) {
      if (reading.invisible === 'absent') continue;
      kind = SEPARATOR;
    }
    if (kind < 10) {
      if (inGroup) run.lengths[run.lengths.length - 1]!++;
      else if (run.lengths.length > 0 && gap <= maxSeparators) {
        run.dotted.push(gapDotted);
        run.gaps.push(gapText);
        run.lengths.push(1);
      } else {
        if (hasMyNumber(run)) return true;
        run.clear();
        run.lengths.push(1);
      }
      run.digits += String.fromCharCode(48 + kind);
      inGroup = true;
      gap = 0;
      gapDotted = true;
      gapText = '';
    } else if ((kind === SEPARATOR || kind === DOT) && run.lengths.length > 0) {
      inGroup = false;
      gap++;
      if (gap <= maxSeparators) gapText += String.fromCodePoint(points[i]!);
      if (kind !== DOT) gapDotted = false;
    } else {
      inGroup = false;
      gap = maxSeparators + 1;
    }
  }
  return hasMyNumber(run);
}

const ones = Array.from({ length: 12 }, () => 1);
const groupings: readonly (readonly number[])[] = [[12], [4, 4, 4], [3, 3, 3, 3], ones, [6, 6], [4, 8], [8, 4]];

function matches(lengths: readonly number[], at: number, grouping: readonly number[]): boolean {
  if (at + grouping.length > lengths.length) return false;
  return grouping.every((length, j) => lengths[at + j] === length);
}

/** Every window of consecutive groups written in one of the groupings, checked against §8. */
function hasMyNumber(run: Run): boolean {
  if (run.digits.length < 12) return false;
  let offset = 0;
  for (let at = 0; at < run.lengths.length; offset += run.lengths[at]!, at++) {
    for (const grouping of groupings) {
      if (!matches(run.lengths, at, grouping)) continue;
      const digits = run.digits.slice(offset, offset + 12);
      if (isValidMyNumber(digits) && !isNearMiss(run, at, grouping, digits)) return true;
    }
  }
  return false;
}

/**
 * Groupings that real non-numbers share with a 12-digit number, told apart by their shape:
 * an IPv4 address (four dotted groups of at most 255), a date of 6 or 8 digits beside a time,
 * a count or another date (「20260401 0930」, 「080401-090331」), the placeholder a form
 * or a note writes for the number's shape (「〇〇〇〇-〇〇〇〇-〇〇〇〇」: twelve zeros pass §8),
 * and single digits joined in turns by different separators: a form's twelve boxes are
 * written with one separator throughout, or another one after the 4th and 8th (the 4-4-4 of
 * the card: 「1 2 3 4 - 5 6 7 8 - …」), while a list of dates 「2/1 9/1 2/2 …」 or of
 * addresses 「1-2-3 4-5-6 …」 alternates otherwise (a 1-in-11 chance of passing §8 refused it).
 */
function isNearMiss(run: Run, at: number, grouping: readonly number[], digits: string): boolean {
  if (digits === '000000000000') return true;
  if (grouping.length === 12) {
    const gaps = run.gaps.slice(at, at + 11);
    const inner = gaps.filter((_, j) => j !== 3 && j !== 7);
    return gaps[3] !== gaps[7] || inner.some((g) => g !== inner[0]);
  }
  if (grouping.length === 4 && grouping[0] === 3) {
    const dotted = run.dotted.slice(at, at + 3).every(Boolean);
    return dotted && [0, 3, 6, 9].every((i) => Number(digits.slice(i, i + 3)) <= 255);
  }
  if (grouping.length !== 2) return false;
  const first = digits.slice(0, grouping[0]);
  const second = digits.slice(grouping[0]);
  return isCompactDate(first) || isCompactDate(second);
}

/** YYYYMMDD (1900–2200) or YYMMDD, a day that exists. */
function isCompactDate(s: string): boolean {
  if (s.length !== 8 && s.length !== 6) return false;
  const year = s.length === 8 ? Number(s.slice(0, 4)) : 2000 + Number(s.slice(0, 2));
  const month = Number(s.slice(-4, -2));
  const day = Number(s.slice(-2));
  if (year < 1900 || year > 2200 || month < 1 || month > 12 || day < 1) return false;
  return day <= new Date(Date.UTC(year, month, 0)).getUTCDate();
}

/** The text's characters as kinds (see above), and how many could be digits. */
function classify(folded: string): { codes: Int8Array; points: Uint32Array; digitLike: number; hasKanji: boolean; hasInvisible: boolean } {
  const codes = new Int8Array(folded.length);
  const points = new Uint32Array(folded.length);
  let n = 0;
  let digitLike = 0;
  let hasKanji = false;
  let hasInvisible = false;
  for (const ch of folded) {
    const kind = kindOf(ch, ch.codePointAt(0)!);
    points[n] = ch.codePointAt(0)!;
    codes[n++] = kind;
    if (kind < 20 || kind === KANJI_ONE) digitLike++;
    if ((kind >= 10 && kind < 20) || kind === KANJI_ONE) hasKanji = true;
    if (kind === INVISIBLE) hasInvisible = true;
  }
  return { codes: codes.subarray(0, n), points: points.subarray(0, n), digitLike, hasKanji, hasInvisible };
}

// Most texts hold fewer than twelve characters that could be digits: found by the regular
// expression engine (one pass, no backtracking), before any character is classified.
const digitLikeChar = /[\p{Nd}〇零○◯一壱弌二弐貳三参參四肆五伍六陸七漆八捌九玖]/gu;

function hasTwelveDigitLike(folded: string): boolean {
  digitLikeChar.lastIndex = 0;
  for (let n = 0; n < 12; n++) if (!digitLikeChar.test(folded)) return false;
  return true;
}

/** True if the text contains something that is a well-formed 個人番号. */
export function containsMyNumber(text: string): boolean {
  const folded = text.normalize('NFKC');
  if (!hasTwelveDigitLike(folded)) return false;
  const { codes, points, digitLike, hasKanji, hasInvisible } = classify(folded);
  if (digitLike < 12) return false;
  for (const kanji of hasKanji ? [false, true] : [false]) {
    for (const invisible of hasInvisible ? (['separator', 'absent'] as const) : (['separator'] as const)) {
      if (scan(codes, points, { kanji, invisible })) return true;
    }
  }
  return false;
}

/** The text with every character that could be a digit masked (＊): a 個人番号 shown back, however written, shows no digit. */
export function maskDigits(text: string): string {
  let masked = '';
  for (const ch of text.normalize('NFKC')) {
    const kind = kindOf(ch, ch.codePointAt(0)!);
    masked += kind < 20 || kind === KANJI_ONE ? '＊' : ch;
  }
  return masked;
}
