/**
 * Which settings changes loosen a guard (issue #9 item 4): a shorter or simpler password, a
 * later idle lock (MIC §33), a higher bulk-export threshold (MIC §22), a later backup warning
 * (MIC §29), and any change of the time zone: it moves every business date at once — the day an
 * account expires, a take-out falls overdue, the fiscal year turns — by up to a day. Such a
 * change needs the password again and a reason, recorded in the access log's event; a change
 * that keeps or tightens every guard (or touches none: the name, the calendar) needs neither. Zod-free: the settings screen asks for the reason
 * by the same rule main enforces.
 */
export const weakeningKinds = ['passwordMinLength', 'passwordMinClasses', 'idleLockMinutes', 'bulkExportThreshold', 'backupWarnAfterDays', 'mediaInventoryIntervalDays', 'timeZone'] as const;
export type WeakeningKind = (typeof weakeningKinds)[number];

export interface GuardSettings {
  idleLockMinutes: number;
  bulkExportThreshold: number;
  backupWarnAfterDays: number;
  mediaInventoryIntervalDays: number;
  timeZone: string;
  passwordPolicy: { minLength: number; minClasses: number };
}

/** What `changes` would loosen compared with `current`; empty when nothing is loosened. */
export function weakenedSettings(current: GuardSettings, changes: Partial<GuardSettings>): WeakeningKind[] {
  const found: WeakeningKind[] = [];
  const policy = changes.passwordPolicy;
  if (policy && policy.minLength < current.passwordPolicy.minLength) found.push('passwordMinLength');
  if (policy && policy.minClasses < current.passwordPolicy.minClasses) found.push('passwordMinClasses');
  const raised = (key: 'idleLockMinutes' | 'bulkExportThreshold' | 'backupWarnAfterDays' | 'mediaInventoryIntervalDays') => changes[key] !== undefined && changes[key] > current[key];
  if (raised('idleLockMinutes')) found.push('idleLockMinutes');
  if (raised('bulkExportThreshold')) found.push('bulkExportThreshold');
  if (raised('backupWarnAfterDays')) found.push('backupWarnAfterDays');
  // MIC §42: a longer inventory interval lets a medium go unseen longer before the home card says so.
  if (raised('mediaInventoryIntervalDays')) found.push('mediaInventoryIntervalDays');
  if (changes.timeZone !== undefined && changes.timeZone !== current.timeZone) found.push('timeZone');
  return found;
}
