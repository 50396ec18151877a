/**
 * Japanese substring search without a morphological analyser: text is indexed as
 * overlapping character pairs (bigrams), and a query matches when its pairs appear side by
 * side — so 「住民」 finds 「住民基本台帳」, and 「基本台帳」 finds it too. Text is folded
 * first (NFKC, lower case) so full-width ＵＳＢ and half-width ｶﾅ match their usual forms.
 */

/**
 * What SQLite's unicode61 tokenizer splits on or folds differently, beyond what NFKC and
 * toLowerCase do: combining marks (ideographic variation selectors — 辻󠄀 is 辻 + U+E0100 —
 * and a half-width ﾞ on a kana with no voiced form), 22 New Tai Lue and Vedic signs its
 * older Unicode tables still class as marks, and the final sigma ς, which it folds to σ.
 * Dropped or folded here, so 辻本 finds 辻󠄀本 and every pair is exactly one token: a dense
 * search checks the pairs as text (textMatch.ts) and must agree with the index.
 */
const notInTokens = /[\p{M}\u19B0-\u19C0\u19C8\u19C9\u1CF2\u1CF3]/gu;

/** Runs of letters and digits, folded. Punctuation and spaces separate runs. */
function runs(text: string): string[] {
  // Lower case first: İ lowers to i + a combining dot, which goes with the other marks.
  const folded = text.normalize('NFKC').toLowerCase().replace(notInTokens, '').replaceAll('ς', 'σ');
  return folded.match(/[\p{L}\p{N}]+/gu) ?? [];
}

function pairs(run: string): string[] {
  const chars = [...run];
  if (chars.length === 1) return chars;
  const grams: string[] = [];
  for (let i = 0; i < chars.length - 1; i++) grams.push(chars[i]! + chars[i + 1]!);
  // The last character alone as well, so a one-character query finds it at a run's end.
  grams.push(chars.at(-1)!);
  return grams;
}

/** The text stored in the search index for these fields. */
export function searchGrams(texts: readonly string[]): string {
  return texts.flatMap((t) => runs(t).flatMap(pairs)).join(' ');
}

/**
 * What a user typed, as one phrase of character pairs per run (a single character stays
 * alone), or null if it holds nothing searchable. Only letters and digits reach a phrase,
 * so no quoting is needed.
 */
export function searchPhrases(typed: string): string[] | null {
  const phrases = runs(typed).map((run) => {
    const chars = [...run];
    if (chars.length === 1) return run;
    const grams: string[] = [];
    for (let i = 0; i < chars.length - 1; i++) grams.push(chars[i]! + chars[i + 1]!);
    return grams.join(' ');
  });
  return phrases.length ? phrases : null;
}

/**
 * The FTS5 MATCH expression for these phrases: all must match (AND); a single character is
 * a prefix query, since it may begin any pair.
 */
export function searchMatchExpression(phrases: readonly string[]): string {
  return phrases.map((p) => ([...p].length === 1 ? `"${p}"*` : `"${p}"`)).join(' AND ');
}
