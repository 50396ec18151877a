import { describe, expect, it } from 'vitest';
import { chief, type TestApp } from './support/backend';
import { ledgerAppPerTest, loginAs, people } from './support/holdings';
import { mediumInput } from './support/media';

/**
 * Drafts of the media forms (issue #7's mechanism, issue #10): what a 保護担当者 typed into
 * 媒体の登録 or 編集 survives the idle lock as for holdings; an edit's draft is kept and given
 * back only while its user may read the medium (MIC §9), and only to who may save the form.
 */
let app: TestApp;
let departments: { citizens: number; tax: number };
ledgerAppPerTest((a, ids) => {
  app = a;
  departments = ids;
});

/** The form's own state (renderer/features/media/formState.ts), as the renderer sends it. */
const typed = { mediaNo: 'USB-0042', type: 'usb', makeModel: '暗号化USB 32GB', serialNo: '', capacity: '32GB', encrypted: 'hardware', departmentId: '1', custodian: '鈴木', storageLocationId: '', isBackupMedium: false, registeredAt: '', remarks: '作成途中' };

async function idleUntilLocked(): Promise<void> {
  const minutes = (await app.ok('session.current'))!.idleLockMinutes;
  app.clock.advance(minutes * 60_000 - 30_000);
  app.backend.checkIdle();
  app.clock.advance(30_000);
  app.backend.checkIdle();
  expect((await app.ok('session.current'))?.locked).toBe(true);
}

const mediumOf = (departmentId: number) => mediumInput(departmentId, { mediaNo: 'USB-0001' });

describe('drafts of the media forms', () => {
  it('keeps 媒体の登録 across an idle lock and offers it back once to the same officer', async () => {
    await loginAs(app, people.officer);
    expect(await app.ok('drafts.keep', { formId: 'media.create', values: typed })).toEqual({ droppedFields: [] });
    await idleUntilLocked();
    await app.ok('session.unlock', { password: people.officer.password });
    expect(await app.ok('drafts.pending')).toMatchObject({ formId: 'media.create', recordId: null });
    expect(await app.ok('drafts.take', { formId: 'media.create' })).toMatchObject({ formId: 'media.create', values: typed });
    expect(await app.ok('drafts.take', { formId: 'media.create' })).toBeNull();
  });

  it('keeps an edit with its starting version, and drops it when the medium leaves the officer\'s 課等', async () => {
    await loginAs(app, people.officer);
    const m = await app.ok('media.create', mediumOf(departments.citizens));
    await app.ok('drafts.keep', { formId: 'media.edit', recordId: m.id, recordVersion: m.version, values: { ...typed, remarks: '編集途中' } });
    await app.ok('session.lock');
    await app.ok('session.unlock', { password: people.officer.password });
    expect(await app.ok('drafts.pending')).toMatchObject({ formId: 'media.edit', recordId: m.id });
    expect(await app.ok('drafts.take', { formId: 'media.edit' })).toMatchObject({ recordId: m.id, recordVersion: m.version, values: { remarks: '編集途中' } });

    // Kept again, then the chief moves the medium to 税務課: the officer may no longer read it (MIC §9).
    await app.ok('drafts.keep', { formId: 'media.edit', recordId: m.id, recordVersion: m.version, values: typed });
    await app.ok('session.lock');
    await app.ok('auth.logout');
    await loginAs(app, chief);
    await app.ok('media.update', { mediumId: m.id, version: m.version, fields: mediumOf(departments.tax) });
    await loginAs(app, people.officer);
    expect(await app.ok('drafts.pending')).toBeNull();
    expect((await app.fail('drafts.take', { formId: 'media.edit' })).code).toBe('NOT_FOUND');
  });

  it('refuses a draft from a role that cannot save the form, and an edit naming a medium the user cannot read, holding nothing', async () => {
    await loginAs(app, chief);
    const taxMedium = await app.ok('media.create', mediumOf(departments.tax));
    // A clerk may not register media (media.master): no draft of the form either.
    await loginAs(app, people.clerk);
    expect((await app.fail('drafts.keep', { formId: 'media.create', values: typed })).code).toBe('PERMISSION_DENIED');
    // 市民課's officer does not see 税務課's medium: as unknown as on the register.
    await loginAs(app, people.officer);
    expect((await app.fail('drafts.keep', { formId: 'media.edit', recordId: taxMedium.id, recordVersion: 1, values: typed })).code).toBe('NOT_FOUND');
    // 新規登録 names no record.
    expect((await app.fail('drafts.keep', { formId: 'media.create', recordId: taxMedium.id, recordVersion: 1, values: typed })).code).toBe('INVALID_INPUT');
    await app.ok('session.lock');
    await app.ok('session.unlock', { password: people.officer.password });
    expect(await app.ok('drafts.pending')).toBeNull();
  });
});
