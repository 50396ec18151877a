/**
 * An access-log event's 詳細 in words, as main describes it (db/core/auditWords.ts) and the
 * screen and the CSV say it. Zod-free, so the renderer imports it. Main never sends finished
 * sentences: it sends i18n keys, the texts people typed, and dates, so the screen speaks the
 * user's language and the CSV Japanese from the same locale data — one word per thing.
 */
export type AuditWord =
  /** As recorded: a name, a number, free text. */
  | { text: string }
  /** An i18n key (a field label, a status); `fallback` is said when the key has no words. */
  | { key: string; params?: Record<string, string | number>; fallback?: string }
  /** A calendar day (YYYY-MM-DD), never shifted. */
  | { date: string }
  /** An instant (ISO), said in the organisation's time zone. */
  | { instant: string };

/** 「保管場所: 書庫B」, or for a change 「保管場所: 書庫A → 書庫B」 (`before` present); a note without a label. */
export interface AuditPhrase {
  label?: AuditWord;
  value: AuditWord[];
  before?: AuditWord[];
}

/** The event's target in words: 管理番号 (or login ID, code …) and name, each when known and visible. */
export interface AuditTargetWords {
  number: string | null;
  name: string | null;
}

/** How a caller says one word: the screen through i18next, the CSV through the Japanese locale data. */
export type SayWord = (word: AuditWord) => string;

/** Words of one value: empty as 「—」, a list joined with 「、」 as in the ledger's own cells. */
export function sayValue(words: readonly AuditWord[], say: SayWord): string {
  return words.length === 0 ? '—' : words.map(say).join('、');
}

/** One phrase as a line: 「label: value」, 「label: before → after」, or a note alone. */
export function sayPhrase(phrase: AuditPhrase, say: SayWord): string {
  const value = sayValue(phrase.value, say);
  if (!phrase.label) return value;
  return `${say(phrase.label)}: ${phrase.before ? `${sayValue(phrase.before, say)} → ${value}` : value}`;
}

/** 「R8-0001 国民健康保険被保険者台帳」, or whichever part is known. */
export function sayTarget(target: AuditTargetWords | null): string {
  return target ? [target.number, target.name].filter(Boolean).join(' ') : '';
}
