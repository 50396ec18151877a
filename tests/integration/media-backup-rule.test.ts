import { existsSync, rmSync } from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { ChannelInput } from '../../db/contract';
import { chief, reauth, type TestApp } from './support/backend';
import { mediumDir, passphrase } from './support/backup';
import { editBehindTheApp } from './support/behindTheApp';
import { ledgerAppPerTest, loginAs, people } from './support/holdings';
import { mediumInput, registerMedium } from './support/media';

/**
 * The backup-medium rule (issue #10 item 6; MIC §29 分散保管; seed 004 case 7-1: backup media
 * kept beside the server are a finding): a place says it is in this terminal's room; a backup
 * medium kept there is flagged on its detail, in the list, by a filter and a home card, and
 * saving one so is a warning, never a refusal. The backup export may name a registered backup
 * medium: main fills the register's label and place from it, and refuses a medium that may
 * not be chosen with nothing written.
 */
let app: TestApp;
let departments: { citizens: number; tax: number };
ledgerAppPerTest((a, ids) => {
  app = a;
  departments = ids;
});
const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

async function place(name: string, besideTerminal: boolean, departmentId: number | null = null): Promise<number> {
  await loginAs(app, chief);
  return (await app.ok('media.storageLocations.create', { name, departmentId, besideTerminal })).id;
}

const medium = (mediaNo: string, overrides: Partial<ChannelInput<'media.create'>> = {}) =>
  registerMedium(app, chief, mediumInput(departments.citizens, { mediaNo, type: 'hdd', isBackupMedium: true, ...overrides }));

describe('backup media kept in the same room as the terminal', () => {
  it('flags such a medium on its detail, in the list, by a filter and on the home card — a warning, not a refusal', async () => {
    const serverRoom = await place('サーバ室ラック', true);
    const safe = await place('別館 耐火金庫', false);
    // Saved as asked: the flag is the warning.
    const beside = await medium('BK-001', { storageLocationId: serverRoom });
    expect(beside.backupBesideTerminal).toBe(true);
    const apart = await medium('BK-002', { storageLocationId: safe });
    expect(apart.backupBesideTerminal).toBe(false);
    // Not a backup medium: no MIC §29 finding, wherever it is kept.
    expect((await medium('USB-001', { isBackupMedium: false, storageLocationId: serverRoom, type: 'usb' })).backupBesideTerminal).toBe(false);

    expect((await app.ok('media.get', { mediumId: beside.id })).medium.backupBesideTerminal).toBe(true);
    const listed = await app.ok('media.list', { backupBesideTerminal: true });
    expect(listed.rows.map((r) => [r.mediaNo, r.backupBesideTerminal])).toEqual([['BK-001', true]]);
    const all = await app.ok('media.list', {});
    expect(all.rows.filter((r) => r.backupBesideTerminal).map((r) => r.mediaNo)).toEqual(['BK-001']);

    const cards = (await app.ok('home.cards')).cards;
    const c = cards.find((x) => x.id === 'media.backupBesideTerminal')!;
    expect(c).toMatchObject({ severity: 'warning', count: 1, link: { screen: 'media', filters: { backupBesideTerminal: true } } });
    expect((await app.ok('media.list', { ...(c.link.filters as { backupBesideTerminal: true }) })).total).toBe(1);
    // In the reader's 課等 (MIC §9): 税務課's backup in the shared server room is the chief's, not 市民課's officer's.
    await medium('TAX-BK-1', { departmentId: departments.tax, storageLocationId: serverRoom });
    await loginAs(app, people.officer);
    expect((await app.ok('home.cards')).cards.find((x) => x.id === 'media.backupBesideTerminal')?.count).toBe(1);
    expect((await app.ok('media.list', { backupBesideTerminal: true })).total).toBe(1);
    await loginAs(app, chief);
    expect((await app.ok('home.cards')).cards.find((x) => x.id === 'media.backupBesideTerminal')?.count).toBe(2);
    // Only who keeps the register (media.master) has the card.
    await loginAs(app, people.clerk);
    expect((await app.ok('home.cards')).cards.find((x) => x.id === 'media.backupBesideTerminal')).toBeUndefined();

    // Moving the medium apart clears it; marking the safe as the server room flags BK-002 instead.
    await loginAs(app, chief);
    const moved = await app.ok('media.update', { mediumId: beside.id, version: beside.version, fields: { ...fieldsOf(beside), storageLocationId: safe } });
    expect(moved.backupBesideTerminal).toBe(false);
    await app.ok('media.storageLocations.setBesideTerminal', { locationId: safe, besideTerminal: true });
    expect((await app.ok('media.list', { backupBesideTerminal: true, departmentId: departments.citizens })).rows.map((r) => r.mediaNo)).toEqual(['BK-001', 'BK-002']);
  });

  it('records the place\'s flag in the access log, and lets only who keeps the list change it', async () => {
    const shared = await place('サーバ室', false);
    await app.ok('media.storageLocations.setBesideTerminal', { locationId: shared, besideTerminal: true });
    // Setting it again changes nothing and logs nothing.
    await app.ok('media.storageLocations.setBesideTerminal', { locationId: shared, besideTerminal: true });
    const events = (await app.ok('audit.query', { action: 'media.storageLocation.setBesideTerminal', pageSize: 10 })).rows;
    expect(events).toHaveLength(1);
    expect(events[0]!.detail).toMatchObject({ name: 'サーバ室', changes: [{ field: 'besideTerminal', before: false, after: true }] });
    // The access log says the field in its form's words.
    expect(JSON.stringify(events[0]!.words)).toContain('mediaWatch.besideTerminal');
    expect((await app.ok('media.storageLocations.list', {})).find((l) => l.id === shared)?.besideTerminal).toBe(true);

    // A clerk may not keep the list; a 課等's officer may not change a shared (organisation's) place.
    await loginAs(app, people.clerk);
    expect((await app.fail('media.storageLocations.setBesideTerminal', { locationId: shared, besideTerminal: false })).code).toBe('PERMISSION_DENIED');
    await loginAs(app, people.officer);
    expect((await app.fail('media.storageLocations.setBesideTerminal', { locationId: shared, besideTerminal: false })).issues?.[0]?.messageKey).toBe('validation.otherDepartment');
    // Another 課等's place is unknown to them.
    const taxPlace = await place('税務課 書庫', false, departments.tax);
    await loginAs(app, people.officer);
    expect((await app.fail('media.storageLocations.setBesideTerminal', { locationId: taxPlace, besideTerminal: true })).code).toBe('NOT_FOUND');
    await loginAs(app, chief);
    expect((await app.ok('audit.query', { action: 'media.storageLocation.setBesideTerminal', pageSize: 10 })).rows).toHaveLength(1);
    expect((await app.ok('media.storageLocations.list', {})).find((l) => l.id === shared)?.besideTerminal).toBe(true);
  });
});

function fieldsOf(m: Awaited<ReturnType<typeof medium>>): ChannelInput<'media.create'> {
  const { mediaNo, type, makeModel, serialNo, capacity, encrypted, departmentId, custodian, storageLocationId, isBackupMedium, registeredAt, remarks } = m;
  return { mediaNo, type, makeModel, serialNo, capacity, encrypted, departmentId, custodian, storageLocationId, isBackupMedium, registeredAt, remarks };
}

describe('the backup export names a registered backup medium', () => {
  async function exportNaming(extra: Partial<ChannelInput<'backup.export'>>) {
    const dir = mediumDir();
    dirs.push(dir);
    const file = path.join(dir, 'Daicho_test.daicho-backup');
    await loginAs(app, chief);
    await reauth(app, chief.password);
    app.saveAnswer.path = file;
    return { file, result: await app.call('backup.export', { passphrase, passphraseConfirm: passphrase, ...extra }) };
  }

  it('fills the register with the medium\'s number and place, and warns when that place is in the terminal\'s room', async () => {
    const serverRoom = await place('サーバ室ラック', true);
    const safe = await place('別館 耐火金庫', false);
    const beside = await medium('BK-001', { storageLocationId: serverRoom });
    const apart = await medium('BK-002', { storageLocationId: safe });

    const first = await exportNaming({ mediumId: apart.id, mediumLabel: '手入力', mediumLocation: 'サーバの横' });
    expect(first.result).toMatchObject({ ok: true, data: { warnings: [] } });
    const second = await exportNaming({ mediumId: beside.id });
    expect(second.result).toMatchObject({ ok: true, data: { warnings: [{ messageKey: 'backupReport.warnings.sameLocation' }] } });
    const register = await app.ok('backup.register', {});
    const exports = register.rows.filter((r) => r.operation === 'export');
    expect(exports.map((r) => [r.mediumLabel, r.mediumLocation]).sort()).toEqual([['BK-001', 'サーバ室ラック'], ['BK-002', '別館 耐火金庫']]);
    // Free text still works as before (and is still guessed from).
    const typed = await exportNaming({ mediumLabel: 'USB-9', mediumLocation: '総務課 端末の横' });
    expect(typed.result).toMatchObject({ ok: true, data: { warnings: [{ messageKey: 'backupReport.warnings.sameLocation' }] } });
  });

  it('refuses a medium that is unknown, not a backup medium, retired or missing: a Japanese message at the field, no file, no register row', async () => {
    const usb = await medium('USB-001', { isBackupMedium: false, type: 'usb' });
    const retired = await medium('BK-001');
    await loginAs(app, chief);
    await app.ok('media.retire', { mediumId: retired.id, version: retired.version, reason: '故障のため' });
    const lost = await medium('BK-002');
    await editBehindTheApp(app, (db) => db.prepare("UPDATE media SET status = 'missing' WHERE id = ?").run(lost.id));
    await loginAs(app, chief);
    const before = (await app.ok('backup.register', {})).total;
    const cases: [number, string][] = [
      [999_999, 'mediaWatch.errors.unknownMedium'],
      [usb.id, 'mediaWatch.errors.notBackupMedium'],
      [retired.id, 'mediaWatch.errors.mediumUnavailable'],
      [lost.id, 'mediaWatch.errors.mediumUnavailable'],
    ];
    for (const [mediumId, messageKey] of cases) {
      const { file, result } = await exportNaming({ mediumId });
      expect(result).toMatchObject({ ok: false, code: 'INVALID_INPUT', issues: [{ path: ['mediumId'], messageKey }] });
      expect(existsSync(file)).toBe(false);
    }
    expect((await app.ok('backup.register', {})).total).toBe(before);
    expect((await exportNaming({ mediumId: 0 })).result).toMatchObject({ ok: false, code: 'INVALID_INPUT' });
  });
});
