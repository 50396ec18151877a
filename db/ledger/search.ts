/**
 * Japanese substring search without a morphological analyser: text is indexed as
 * overlapping character pairs (bigrams), and a query matches when its pairs appear side by
 * side — so 「住民」 finds 「住民基本台帳」, and 「基本台帳」 finds it too. Text is folded
 * first (NFKC, lower case) so full-width ＵＳＢ and half-width ｶﾅ match their usual forms.
 */

/** Runs of letters and digits, folded. Punctuation and spaces separate runs. */
function runs(text: string): string[] {
  return text.normalize('NFKC').toLowerCase().match(/[\p{L}\p{N}\p{M}]+/gu) ?? [];
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
 * An FTS5 MATCH expression for what a user typed, or null if it holds nothing searchable.
 * Each run becomes a phrase of its pairs; one character becomes a prefix query; all terms
 * must match (AND). Only letters and digits reach the expression, so no quoting is needed.
 */
export function searchMatchExpression(typed: string): string | null {
  const terms = runs(typed).map((run) => {
    const chars = [...run];
    if (chars.length === 1) return `"${run}"*`;
    const grams: string[] = [];
    for (let i = 0; i < chars.length - 1; i++) grams.push(chars[i]! + chars[i + 1]!);
    return `"${grams.join(' ')}"`;
  });
  return terms.length ? terms.join(' AND ') : null;
}
