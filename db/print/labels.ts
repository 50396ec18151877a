import { audit } from '../../renderer/i18n/ja/audit';
import { common } from '../../renderer/i18n/ja/common';
import { holdings } from '../../renderer/i18n/ja/holdings';
import { media } from '../../renderer/i18n/ja/media';
import { mediaLabels } from '../../renderer/i18n/ja/mediaLabels';
import { mediaOutput } from '../../renderer/i18n/ja/mediaOutput';
import { mediaImport } from '../../renderer/i18n/ja/mediaImport';
import { mediaWatch } from '../../renderer/i18n/ja/mediaWatch';
import { mediaInventory } from '../../renderer/i18n/ja/mediaInventory';
import { disposal } from '../../renderer/i18n/ja/disposal';
import { disposalAttachments } from '../../renderer/i18n/ja/disposalAttachments';
import { disposalOutput } from '../../renderer/i18n/ja/disposalOutput';
import { disposalScreens } from '../../renderer/i18n/ja/disposalScreens';
import { disposalVerify } from '../../renderer/i18n/ja/disposalVerify';
import { areas } from '../../renderer/i18n/ja/areas';
import { areaScreens } from '../../renderer/i18n/ja/areaScreens';
import { areaDoor } from '../../renderer/i18n/ja/areaDoor';
import { areaOutput } from '../../renderer/i18n/ja/areaOutput';
import { areaBook } from '../../renderer/i18n/ja/areaBook';
import { settings } from '../../renderer/i18n/ja/settings';

/**
 * One label per thing: paper and CSV take their Japanese words from the same locale data
 * the screen shows (renderer/i18n/ja/<area>.ts, pure data), so a status or field is never
 * called one thing on screen and another on paper. A new area adds its file here.
 */
// common: the words every ledger shares (retention.permanent 「永年」 …); namespaces never overlap.
// audit and settings: the access log's CSV says its 操作, 対象種別 and 詳細 as its screen does.
const japanese: Record<string, unknown> = { ...common, ...holdings, ...media, ...mediaLabels, ...mediaOutput, ...mediaImport, ...mediaWatch, ...mediaInventory, ...disposal, ...disposalAttachments, ...disposalOutput, ...disposalScreens, ...disposalVerify, ...areas, ...areaScreens, ...areaDoor, ...areaOutput, ...areaBook, ...audit, ...settings };

/** The Japanese text of an i18n key such as 'holdingFields.purpose'; the key itself if absent. */
export function japaneseLabel(key: string): string {
  let node: unknown = japanese;
  for (const part of key.split('.')) {
    if (typeof node !== 'object' || node === null) return key;
    node = (node as Record<string, unknown>)[part];
  }
  return typeof node === 'string' ? node : key;
}

/** Whether the Japanese locale data has words for `key`. */
export function hasJapaneseLabel(key: string): boolean {
  return japaneseLabel(key) !== key;
}

/** The Japanese text of a key with its {{placeholders}} filled, as i18next fills them on screen. */
export function japaneseText(key: string, params: Readonly<Record<string, string | number>>): string {
  return japaneseLabel(key).replace(/\{\{(\w+)\}\}/g, (slot, name: string) => (name in params ? String(params[name]) : slot));
}

/** The words of one namespace as a map (e.g. every holdingStatus). */
export function japaneseLabels<K extends string>(namespace: string, keys: readonly K[]): Record<K, string> {
  return Object.fromEntries(keys.map((k) => [k, japaneseLabel(`${namespace}.${k}`)])) as Record<K, string>;
}
