import i18next from 'i18next';
import { initReactI18next } from 'react-i18next';
import { audit as enAudit } from './en/audit';
import { backup as enBackup } from './en/backup';
import { auth as enAuth } from './en/auth';
import { common as enCommon } from './en/common';
import { drafts as enDrafts } from './en/drafts';
import { holdings as enHoldings } from './en/holdings';
import { media as enMedia } from './en/media';
import { mediaLabels as enMediaLabels } from './en/mediaLabels';
import { mediaOutput as enMediaOutput } from './en/mediaOutput';
import { mediaImport as enMediaImport } from './en/mediaImport';
import { mediaWatch as enMediaWatch } from './en/mediaWatch';
import { mediaInventory as enMediaInventory } from './en/mediaInventory';
import { disposal as enDisposal } from './en/disposal';
import { disposalAttachments as enDisposalAttachments } from './en/disposalAttachments';
import { disposalOutput as enDisposalOutput } from './en/disposalOutput';
import { disposalScreens as enDisposalScreens } from './en/disposalScreens';
import { disposalVerify as enDisposalVerify } from './en/disposalVerify';
import { areas as enAreas } from './en/areas';
import { areaScreens as enAreaScreens } from './en/areaScreens';
import { areaDoor as enAreaDoor } from './en/areaDoor';
import { areaOutput as enAreaOutput } from './en/areaOutput';
import { areaBook as enAreaBook } from './en/areaBook';
import { settings as enSettings } from './en/settings';
import { users as enUsers } from './en/users';
import { audit as jaAudit } from './ja/audit';
import { backup as jaBackup } from './ja/backup';
import { auth as jaAuth } from './ja/auth';
import { common as jaCommon } from './ja/common';
import { drafts as jaDrafts } from './ja/drafts';
import { holdings as jaHoldings } from './ja/holdings';
import { media as jaMedia } from './ja/media';
import { mediaLabels as jaMediaLabels } from './ja/mediaLabels';
import { mediaOutput as jaMediaOutput } from './ja/mediaOutput';
import { mediaImport as jaMediaImport } from './ja/mediaImport';
import { mediaWatch as jaMediaWatch } from './ja/mediaWatch';
import { mediaInventory as jaMediaInventory } from './ja/mediaInventory';
import { disposal as jaDisposal } from './ja/disposal';
import { disposalAttachments as jaDisposalAttachments } from './ja/disposalAttachments';
import { disposalOutput as jaDisposalOutput } from './ja/disposalOutput';
import { disposalScreens as jaDisposalScreens } from './ja/disposalScreens';
import { disposalVerify as jaDisposalVerify } from './ja/disposalVerify';
import { areas as jaAreas } from './ja/areas';
import { areaScreens as jaAreaScreens } from './ja/areaScreens';
import { areaDoor as jaAreaDoor } from './ja/areaDoor';
import { areaOutput as jaAreaOutput } from './ja/areaOutput';
import { areaBook as jaAreaBook } from './ja/areaBook';
import { settings as jaSettings } from './ja/settings';
import { users as jaUsers } from './ja/users';

/*
 * Each language is a folder of pure-data files: common.ts (what every screen shares) and one
 * file per area. Their top-level namespaces (holdingFields, audit, …) never overlap; the
 * resources are their union.
 */

/** A message tree with string leaves, whatever the literal types of ja's `as const`. */
type Messages<T> = { [K in keyof T]: T[K] extends string ? string : Messages<T[K]> };

function join<P extends object[]>(...parts: P): P[number] {
  const out: Record<string, unknown> = {};
  for (const part of parts) {
    for (const [namespace, messages] of Object.entries(part)) {
      if (namespace in out) throw new Error(`i18n: namespace ${namespace} is defined twice`);
      out[namespace] = messages;
    }
  }
  return out as P[number];
}

const jaParts = [jaCommon, jaAuth, jaUsers, jaAudit, jaSettings, jaHoldings, jaMedia, jaMediaLabels, jaMediaOutput, jaMediaImport, jaMediaWatch, jaMediaInventory, jaDisposal, jaDisposalAttachments, jaDisposalOutput, jaDisposalScreens, jaDisposalVerify, jaAreas, jaAreaScreens, jaAreaDoor, jaAreaOutput, jaAreaBook, jaDrafts, jaBackup] as const;
const enParts = [enCommon, enAuth, enUsers, enAudit, enSettings, enHoldings, enMedia, enMediaLabels, enMediaOutput, enMediaImport, enMediaWatch, enMediaInventory, enDisposal, enDisposalAttachments, enDisposalOutput, enDisposalScreens, enDisposalVerify, enAreas, enAreaScreens, enAreaDoor, enAreaOutput, enAreaBook, enDrafts, enBackup] as const;
type JaMessages = Messages<typeof jaCommon & typeof jaAuth & typeof jaUsers & typeof jaAudit & typeof jaSettings & typeof jaHoldings & typeof jaMedia & typeof jaMediaLabels & typeof jaMediaOutput & typeof jaMediaImport & typeof jaMediaWatch & typeof jaMediaInventory & typeof jaDisposal & typeof jaDisposalAttachments & typeof jaDisposalOutput & typeof jaDisposalScreens & typeof jaDisposalVerify & typeof jaAreas & typeof jaAreaScreens & typeof jaAreaDoor & typeof jaAreaOutput & typeof jaAreaBook & typeof jaDrafts & typeof jaBackup>;
type EnMessages = typeof enCommon & typeof enAuth & typeof enUsers & typeof enAudit & typeof enSettings & typeof enHoldings & typeof enMedia & typeof enMediaLabels & typeof enMediaOutput & typeof enMediaImport & typeof enMediaWatch & typeof enMediaInventory & typeof enDisposal & typeof enDisposalAttachments & typeof enDisposalOutput & typeof enDisposalScreens & typeof enDisposalVerify & typeof enAreas & typeof enAreaScreens & typeof enAreaDoor & typeof enAreaOutput & typeof enAreaBook & typeof enDrafts & typeof enBackup;

export const ja = join(...jaParts) as JaMessages;
// Both ways: en has every key of ja, and nothing else.
export const en: JaMessages = join(...enParts) as EnMessages;
const enHasNoMore: EnMessages = ja;
void enHasNoMore;

export const languages = ['ja', 'en'] as const;
export type Language = (typeof languages)[number];

const storageKey = 'daicho.language';

export function storedLanguage(): Language {
  try {
    const v = globalThis.localStorage?.getItem(storageKey);
    return v === 'en' ? 'en' : 'ja';
  } catch {
    return 'ja';
  }
}

export function initI18n(): typeof i18next {
  const lng = storedLanguage();
  void i18next.use(initReactI18next).init({
    resources: { ja: { translation: ja }, en: { translation: en } },
    lng,
    fallbackLng: 'ja',
    supportedLngs: [...languages],
    interpolation: { escapeValue: false }, // React escapes
    returnNull: false,
    initAsync: false,
  });
  if (typeof document !== 'undefined') document.documentElement.lang = lng;
  return i18next;
}

/** Switches the UI language and remembers it on this terminal. */
export function setLanguage(lng: Language): void {
  try {
    globalThis.localStorage?.setItem(storageKey, lng);
  } catch {
    // Storage may be unavailable; the switch still applies to this window.
  }
  void i18next.changeLanguage(lng);
  if (typeof document !== 'undefined') document.documentElement.lang = lng;
}
