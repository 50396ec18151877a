import { holdings } from '../../renderer/i18n/ja/holdings';

/**
 * One label per thing: paper and CSV take their Japanese words from the same locale data
 * the screen shows (renderer/i18n/ja/<area>.ts, pure data), so a status or field is never
 * called one thing on screen and another on paper. A new area adds its file here.
 */
const japanese: Record<string, unknown> = { ...holdings };

/** The Japanese text of an i18n key such as 'holdingFields.purpose'; the key itself if absent. */
export function japaneseLabel(key: string): string {
  let node: unknown = japanese;
  for (const part of key.split('.')) {
    if (typeof node !== 'object' || node === null) return key;
    node = (node as Record<string, unknown>)[part];
  }
  return typeof node === 'string' ? node : key;
}

/** The Japanese text of a key with its {{placeholders}} filled, as i18next fills them on screen. */
export function japaneseText(key: string, params: Readonly<Record<string, string | number>>): string {
  return japaneseLabel(key).replace(/\{\{(\w+)\}\}/g, (slot, name: string) => (name in params ? String(params[name]) : slot));
}

/** The words of one namespace as a map (e.g. every holdingStatus). */
export function japaneseLabels<K extends string>(namespace: string, keys: readonly K[]): Record<K, string> {
  return Object.fromEntries(keys.map((k) => [k, japaneseLabel(`${namespace}.${k}`)])) as Record<K, string>;
}
