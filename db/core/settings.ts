import { defaultTimeZone } from '../contract/timeZone';
import type { ChannelInput, PasswordPolicy, Settings } from '../contract';
import type { Db } from '../store/database';
import { weakenedSettings } from '../contract/settingsPolicy';
import type { Tx } from './appCore';
import { fieldError } from './appError';

/**
 * Settings live in the encrypted database, so they change in a transaction with their
 * audit event and a crash cannot leave half a settings file behind.
 */
export const defaultSettings: Omit<Settings, 'organizationName' | 'passwordPolicy'> = {
  idleLockMinutes: 5, // MIC §33
  bulkExportThreshold: 100, // MIC §22
  dateDisplay: 'gregorian',
  timeZone: defaultTimeZone,
  // MIC §29: backups are taken and checked regularly; a month without a verified one is worth a warning.
  backupWarnAfterDays: 30,
  // MIC §42: media are inspected 定期的に; the model rules (seed 003 §41) say 毎年, so a year is the
  // default and the longest interval allowed; an office that inspects more often sets fewer days.
  mediaInventoryIntervalDays: 365,
};

export const defaultPasswordPolicy: PasswordPolicy = { minLength: 10, minClasses: 2 };

export function readSettings(db: Db): Settings {
  const rows = db.prepare('SELECT key, value FROM settings').all() as { key: string; value: string }[];
  const stored = Object.fromEntries(rows.map((r) => [r.key, JSON.parse(r.value) as unknown]));
  return {
    organizationName: '',
    passwordPolicy: defaultPasswordPolicy,
    ...defaultSettings,
    ...stored,
  } as Settings;
}

export function writeSettings(tx: Tx, changes: Partial<Settings>): void {
  const upsert = tx.db.prepare('INSERT INTO settings (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value');
  for (const [key, value] of Object.entries(changes)) {
    if (value !== undefined) upsert.run(key, JSON.stringify(value));
  }
}

/**
 * Writes the changed settings and their event. A change that loosens a guard (settingsPolicy.ts)
 * needs a reason (checked first, so the form can say so before the password is asked) and a
 * fresh re-authentication (`requireReauth`, which throws); the event records both what it
 * loosened and why. Nothing is written when either is missing.
 */
export function updateSettings(tx: Tx, input: ChannelInput<'settings.update'>, requireReauth: () => void): Settings {
  const { reason, ...changes } = input;
  const before = readSettings(tx.db);
  const weakened = weakenedSettings(before, changes);
  if (weakened.length > 0) {
    if (!reason) throw fieldError(['reason'], 'validation.weakeningReason');
    requireReauth();
  }
  writeSettings(tx, changes);
  const after = readSettings(tx.db);
  const changed = Object.keys(changes).filter((k) => changes[k as keyof typeof changes] !== undefined);
  tx.audit({
    action: 'settings.update',
    targetType: 'settings',
    detail: {
      before: Object.fromEntries(changed.map((k) => [k, before[k as keyof Settings]])),
      after: Object.fromEntries(changed.map((k) => [k, after[k as keyof Settings]])),
      ...(weakened.length > 0 ? { weakened } : {}),
      ...(reason ? { reason } : {}),
    },
  });
  return after;
}
