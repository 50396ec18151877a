import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { ChannelOutput } from '../../db/contract';
import { chief, reauth, type TestApp } from './support/backend';
import { ledgerAppPerTest, loginAs, people } from './support/holdings';

/**
 * 最後に検証済みのバックアップ (issue #8, MIC §29): the chief's home card says how old the
 * last verified backup is, warns past 設定's backupWarnAfterDays or when there is none, and
 * opens 設定 → バックアップ. An age, not a to-do count: it is there even at 0 days.
 */
let app: TestApp;
ledgerAppPerTest((a) => {
  app = a;
});

type Card = ChannelOutput<'home.cards'>['cards'][number];
const day = 86_400_000;
const passphrase = 'Hozon-2026-kinko-1';

async function backupCard(): Promise<Card | undefined> {
  return (await app.ok('home.cards')).cards.find((c) => c.id === 'backup.lastVerified');
}

/** An export to the test folder (reopened and checked before it is kept: it counts as verified). */
async function exportBackup(): Promise<string> {
  mkdirSync(path.join(app.outDir, 'media'), { recursive: true });
  const file = path.join(app.outDir, 'media', 'Daicho_test.daicho-backup');
  app.saveAnswer.path = file;
  await reauth(app, chief.password);
  await app.ok('backup.export', { passphrase, passphraseConfirm: passphrase, keepGenerations: 5 });
  return file;
}

/** The file's verification in 設定 (backup.verify), as a chief checks a medium taken out of the safe. */
async function verify(file: string): Promise<void> {
  app.openAnswer.path = file;
  const report = await app.ok('backup.verify', { passphrase });
  expect(report.ok).toBe(true);
}

describe('home card: the age of the last verified backup', () => {
  it('shows the chief "never" as a warning that opens 設定 → バックアップ, and no other role the card', async () => {
    await loginAs(app, chief);
    expect(await backupCard()).toMatchObject({ unit: 'days', severity: 'warning', since: null, count: 0, link: { screen: 'settings', tab: 'backup' } });
    for (const person of [people.manager, people.officer, people.clerk]) {
      await loginAs(app, person);
      expect(await backupCard()).toBeUndefined();
    }
  });

  it('counts whole days since the last verification and warns past the setting', async () => {
    await loginAs(app, chief);
    const file = await exportBackup();
    expect(await backupCard()).toMatchObject({ count: 0, severity: 'info', since: '2026-11-22' });
    // The home card and 設定's status line say the same.
    const status = await app.ok('backup.status');
    expect(status.warnAfterDays).toBe(30);
    expect(status.lastVerifiedAt?.slice(0, 10)).toBe('2026-11-22');

    app.clock.advance(30 * day);
    await loginAs(app, chief);
    expect(await backupCard()).toMatchObject({ count: 30, severity: 'info' });
    app.clock.advance(day);
    expect(await backupCard()).toMatchObject({ count: 31, severity: 'warning' });

    // A longer limit in 設定 takes the warning off; the next verification starts the count again.
    // It loosens a guard: the password again and a reason (issue #9 item 4).
    await reauth(app, chief.password);
    expect((await app.ok('settings.update', { backupWarnAfterDays: 60, reason: '媒体の保管先の変更' })).backupWarnAfterDays).toBe(60);
    expect(await backupCard()).toMatchObject({ count: 31, severity: 'info' });
    // A verification of the medium later starts the count again.
    await verify(file);
    expect(await backupCard()).toMatchObject({ count: 0, since: '2026-12-23' });
    expect((await app.ok('backup.status')).warnAfterDays).toBe(60);
  });

  it('keeps the limit within 1–365 days (30 by default)', async () => {
    await loginAs(app, chief);
    expect((await app.ok('settings.get')).backupWarnAfterDays).toBe(30);
    for (const value of [0, 366, 1.5]) {
      const f = await app.fail('settings.update', { backupWarnAfterDays: value });
      expect(f.code).toBe('INVALID_INPUT');
      expect(f.issues?.[0]?.path).toEqual(['backupWarnAfterDays']);
    }
  });
});
