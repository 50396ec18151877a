import { rmSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { ChannelInput, MediumFields } from '../../db/contract';
import { withFindings } from '../../db/core/auditFindings';
import { verifyChain } from '../../db/core/auditVerify';
import { insertMedium } from '../../db/features/media/rules';
import { ledgerRowChecks } from '../../db/ledger/reconcile';
import { japaneseLabel } from '../../db/print/labels';
import { openEncryptedDatabase, type Db } from '../../db/store/database';
import { chief, type TestApp } from './support/backend';
import { editBehindTheApp } from './support/behindTheApp';
import { databaseAtVersion, kitWrite } from './support/olderDatabase';
import { ledgerAppPerTest, loginAs, people } from './support/holdings';
import { mediumInput, registerMedium } from './support/media';

/**
 * 持出し (issue #10 item 3; MIC §10, §12, §26, §34): request → approval by a manager who is not
 * the requester → out → return, on real SQLCipher through the router. Each bad input of the
 * issue is refused in Japanese with nothing changed; overdue is of the organisation's calendar.
 */
let app: TestApp;
let departments: { citizens: number; tax: number };
ledgerAppPerTest((a, ids) => {
  app = a;
  departments = ids;
});

const hour = 3_600_000;

const medium = async (overrides: Partial<ChannelInput<'media.create'>> = {}): Promise<number> =>
  (await registerMedium(app, people.officer, mediumInput(departments.citizens, overrides))).id;

function request(mediumId: number, overrides: Partial<ChannelInput<'media.takeout.request'>> = {}): ChannelInput<'media.takeout.request'> {
  return {
    mediumId,
    purpose: '出張先での説明資料',
    destination: '県庁 会議室',
    contentsSummary: '説明会資料（個人情報なし）',
    safeguards: { encryption: true, password: true, lockedCase: false, sealed: false },
    dueBack: '2026-11-24',
    ...overrides,
  };
}

/** Take-outs, the medium (status, version, history) and every change event: what a refused step must leave alone. */
async function state(mediumId: number): Promise<string> {
  const who = await app.ok('session.current');
  await loginAs(app, chief);
  const detail = await app.ok('media.get', { mediumId });
  const events = (await app.ok('audit.query', { targetType: 'medium', pageSize: 200 })).rows.filter((e) => !['media.list', 'media.view', 'media.takeout.list'].includes(e.action));
  const snapshot = JSON.stringify({ m: detail.medium, h: detail.history, t: detail.takeouts, e: events.map((e) => e.seq) });
  const back = Object.values(people).find((p) => p.loginId === who?.loginId);
  if (back) await loginAs(app, back);
  return snapshot;
}

/** Requested by the clerk and approved by the manager: the usual path up to 承認. */
async function approved(mediumId: number): Promise<number> {
  await loginAs(app, people.clerk);
  const t = await app.ok('media.takeout.request', request(mediumId));
  await loginAs(app, people.manager);
  await app.ok('media.takeout.approve', { takeoutId: t.id });
  return t.id;
}

const tamper = (change: (db: Db) => void) => editBehindTheApp(app, change);

describe('持出し: request, approval, out and return', () => {
  it('walks a medium out and back: 保管中 → 持出中 → 保管中, each step in its timeline, the access log and the 持出管理簿', async () => {
    const mediumId = await medium();
    await loginAs(app, people.clerk);
    const requested = await app.ok('media.takeout.request', request(mediumId));
    expect(requested).toMatchObject({ status: 'requested', requestedByName: people.clerk.displayName, dueBack: '2026-11-24', overdue: false, mediaNo: 'USB-001' });
    // Out only after approval.
    expect(await app.fail('media.takeout.checkOut', { takeoutId: requested.id })).toMatchObject({ code: 'CONFLICT', messageKey: 'errors.takeoutNotApproved' });
    // A clerk does not approve (media.approve is the manager's).
    expect((await app.fail('media.takeout.approve', { takeoutId: requested.id })).code).toBe('PERMISSION_DENIED');
    await loginAs(app, people.manager);
    expect(await app.ok('media.takeout.approve', { takeoutId: requested.id })).toMatchObject({ status: 'approved', decidedByName: people.manager.displayName });
    await loginAs(app, people.clerk);
    expect((await app.ok('media.get', { mediumId })).medium.status).toBe('in_storage');
    expect(await app.ok('media.takeout.checkOut', { takeoutId: requested.id })).toMatchObject({ status: 'out' });
    expect((await app.ok('media.get', { mediumId })).medium.status).toBe('checked_out');
    // Out: it cannot be requested again, nor retired, until it is back.
    expect(await app.fail('media.takeout.request', request(mediumId))).toMatchObject({ code: 'CONFLICT', messageKey: 'errors.takeoutAlreadyOpen' });
    const returned = await app.ok('media.takeout.return', { takeoutId: requested.id, contentsIntact: true, tempCopiesErased: true });
    expect(returned).toMatchObject({ status: 'returned', returnCheckedByName: people.clerk.displayName, contentsIntact: true, tempCopiesErased: true });

    const detail = await app.ok('media.get', { mediumId });
    expect(detail.medium.status).toBe('in_storage');
    expect(detail.history.map((h) => h.action)).toEqual(['takeoutReturn', 'takeoutOut', 'takeoutApprove', 'takeoutRequest', 'create']);
    expect(detail.history[1]!.changes).toContainEqual({ field: 'status', before: 'in_storage', after: 'checked_out' });
    expect(detail.takeouts.map((t) => t.status)).toEqual(['returned']);
    const register = await app.ok('media.takeout.list', {});
    expect(register.rows.map((r) => [r.mediaNo, r.status])).toEqual([['USB-001', 'returned']]);

    await loginAs(app, chief);
    const actions = (await app.ok('audit.query', { targetType: 'medium', pageSize: 50 })).rows.map((e) => e.action).filter((a) => a.startsWith('media.takeout.') && a !== 'media.takeout.list');
    expect(actions.sort()).toEqual(['media.takeout.approve', 'media.takeout.checkOut', 'media.takeout.request', 'media.takeout.return']);
    // 改ざん検査 still accounts for every row and history row.
    expect(await app.ok('audit.verify')).toMatchObject({ ok: true, findings: [] });
  });

  it('refuses approval by the requester (separation of duties) and records a refusal with its reason', async () => {
    const mediumId = await medium();
    await loginAs(app, people.manager);
    const own = await app.ok('media.takeout.request', request(mediumId));
    const before = await state(mediumId);
    expect(await app.fail('media.takeout.approve', { takeoutId: own.id })).toMatchObject({ code: 'SEPARATION_OF_DUTIES', messageKey: 'errors.separationOfDuties.requester-approver' });
    expect(await app.fail('media.takeout.refuse', { takeoutId: own.id, reason: '自分で却下' })).toMatchObject({ code: 'SEPARATION_OF_DUTIES' });
    expect(await state(mediumId)).toBe(before);
    // The chief, another manager, decides it.
    await loginAs(app, chief);
    expect(await app.ok('media.takeout.refuse', { takeoutId: own.id, reason: '持出しの必要性が不明' })).toMatchObject({ status: 'refused', decisionNote: '持出しの必要性が不明' });
    expect(await app.fail('media.takeout.approve', { takeoutId: own.id })).toMatchObject({ code: 'CONFLICT', messageKey: 'errors.takeoutNotRequested' });
    // A refused take-out is closed: the medium may be requested anew.
    await loginAs(app, people.clerk);
    const again = await app.ok('media.takeout.request', request(mediumId));
    // Withdrawn by the requester or a manager, not by a colleague.
    await loginAs(app, people.officer);
    expect(await app.fail('media.takeout.cancel', { takeoutId: again.id })).toMatchObject({ code: 'PERMISSION_DENIED', messageKey: 'errors.takeoutCancelNotYours' });
    await loginAs(app, people.clerk);
    expect(await app.ok('media.takeout.cancel', { takeoutId: again.id })).toMatchObject({ status: 'cancelled' });
    expect(await app.fail('media.takeout.cancel', { takeoutId: again.id })).toMatchObject({ code: 'CONFLICT', messageKey: 'errors.takeoutNotCancellable' });
  });

  it('approves a medium without encryption or password only with the manager\'s recorded reason', async () => {
    const mediumId = await medium({ encrypted: 'none' });
    await loginAs(app, people.clerk);
    const t = await app.ok('media.takeout.request', request(mediumId, { safeguards: { encryption: false, password: false, lockedCase: true, sealed: true } }));
    await loginAs(app, people.manager);
    const before = await state(mediumId);
    const bare = await app.fail('media.takeout.approve', { takeoutId: t.id });
    expect(bare.issues).toEqual([{ path: ['note'], messageKey: 'validation.takeoutUnprotectedNeedsReason' }]);
    expect(await state(mediumId)).toBe(before);
    const ok = await app.ok('media.takeout.approve', { takeoutId: t.id, note: '紙媒体と同等に施錠容器で運搬し、封緘する' });
    expect(ok).toMatchObject({ status: 'approved', decisionNote: '紙媒体と同等に施錠容器で運搬し、封緘する' });
  });

  it('refuses a take-out of a missing, retired or disposed medium, and a return of a medium not out, changing nothing', async () => {
    const mediumId = await medium();
    const kept = await approved(mediumId);
    await loginAs(app, people.clerk);
    let before = await state(mediumId);
    // Approved but not yet out: no return.
    expect(await app.fail('media.takeout.return', { takeoutId: kept, contentsIntact: true, tempCopiesErased: true })).toMatchObject({ code: 'CONFLICT', messageKey: 'errors.takeoutNotOut' });
    expect(await state(mediumId)).toBe(before);
    await app.ok('media.takeout.cancel', { takeoutId: kept });
    // Twice: the first return closes it.
    const twice = await approved(mediumId);
    await loginAs(app, people.clerk);
    await app.ok('media.takeout.checkOut', { takeoutId: twice });
    await app.ok('media.takeout.return', { takeoutId: twice, contentsIntact: true, tempCopiesErased: true });
    before = await state(mediumId);
    expect(await app.fail('media.takeout.return', { takeoutId: twice, contentsIntact: true, tempCopiesErased: true })).toMatchObject({ messageKey: 'errors.takeoutNotOut' });
    expect(await state(mediumId)).toBe(before);

    for (const status of ['missing', 'disposed']) {
      await tamper((db) => db.prepare('UPDATE media SET status = ? WHERE id = ?').run(status, mediumId));
      await loginAs(app, people.clerk);
      expect(await app.fail('media.takeout.request', request(mediumId))).toMatchObject({ code: 'CONFLICT', messageKey: 'errors.takeoutMediumNotInStorage' });
    }
    const retiredId = await medium({ mediaNo: 'USB-002' });
    await loginAs(app, people.manager);
    await app.ok('media.retire', { mediumId: retiredId, version: 1, reason: '故障' });
    await loginAs(app, people.clerk);
    before = await state(retiredId);
    expect(await app.fail('media.takeout.request', request(retiredId))).toMatchObject({ messageKey: 'errors.takeoutMediumNotInStorage' });
    expect(await state(retiredId)).toBe(before);
  });

  it('asks for a note when contents are not intact or copies not erased', async () => {
    const mediumId = await medium();
    const t = await approved(mediumId);
    await loginAs(app, people.clerk);
    await app.ok('media.takeout.checkOut', { takeoutId: t });
    const bare = await app.fail('media.takeout.return', { takeoutId: t, contentsIntact: true, tempCopiesErased: false });
    expect(bare.issues).toEqual([{ path: ['note'], messageKey: 'validation.takeoutReturnNeedsNote' }]);
    expect((await app.ok('media.get', { mediumId })).medium.status).toBe('checked_out');
    const back = await app.ok('media.takeout.return', { takeoutId: t, contentsIntact: true, tempCopiesErased: false, note: '出張先PCの一時ファイル削除を依頼済み' });
    expect(back).toMatchObject({ status: 'returned', tempCopiesErased: false, returnNote: '出張先PCの一時ファイル削除を依頼済み' });
  });

  it("keeps requests to the medium's 課等 and refuses a 個人番号 in any text", async () => {
    const mediumId = await medium();
    await loginAs(app, people.otherClerk);
    expect(await app.fail('media.takeout.request', request(mediumId))).toMatchObject({ code: 'NOT_FOUND' });
    expect((await app.ok('media.takeout.list', {})).total).toBe(0);
    await loginAs(app, people.clerk);
    const before = await state(mediumId);
    for (const field of ['purpose', 'destination', 'contentsSummary'] as const) {
      const bad = await app.fail('media.takeout.request', request(mediumId, { [field]: '個人番号 1234 5678 9018 の写し' }));
      expect(bad.issues).toEqual([{ path: [field], messageKey: 'validation.myNumber' }]);
    }
    expect(await state(mediumId)).toBe(before);
    const t = await approved(mediumId);
    await loginAs(app, people.clerk);
    await app.ok('media.takeout.checkOut', { takeoutId: t });
    const note = await app.fail('media.takeout.return', { takeoutId: t, contentsIntact: false, tempCopiesErased: true, note: '123456789018' });
    expect(note.issues).toEqual([{ path: ['note'], messageKey: 'validation.myNumber' }]);
    await loginAs(app, people.manager);
    expect((await app.fail('media.takeout.list', { mediaNo: '123456789018' })).code).toBe('INVALID_INPUT');
    for (const key of ['errors.takeoutNotOut', 'errors.takeoutAlreadyOpen', 'errors.takeoutMediumNotInStorage', 'errors.takeoutNotApproved', 'errors.takeoutNotRequested',
      'errors.takeoutOtherDepartment', 'errors.takeoutNotCancellable', 'errors.takeoutCancelNotYours', 'validation.dueBackPast', 'validation.takeoutUnprotectedNeedsReason', 'validation.takeoutReturnNeedsNote']) {
      expect(japaneseLabel(key)).toMatch(/[ぁ-んァ-ヶ一-龠]/);
    }
  });
});

describe('持出し: 改ざん検査', () => {
  it('names a take-out row edited or planted in SQL; the normal steps verify clean', async () => {
    const mediumId = await medium();
    const t = await approved(mediumId);
    await loginAs(app, people.clerk);
    await app.ok('media.takeout.checkOut', { takeoutId: t });
    await loginAs(app, chief);
    expect(await app.ok('audit.verify')).toMatchObject({ ok: true, findings: [] });
    // An insider moves the due date so the take-out is not overdue.
    await tamper((db) => db.prepare("UPDATE media_takeouts SET due_back = '2027-03-31' WHERE id = ?").run(t));
    const changed = await app.ok('audit.verify');
    expect(changed.findings).toEqual([{ kind: 'historyChanged', params: { ledger: 'tamperFindings.ledgers.mediaTakeouts', id: t, recordId: mediumId }, fieldKeys: [] }]);
    expect(japaneseLabel('tamperFindings.ledgers.mediaTakeouts')).toBe('媒体管理台帳の持出管理簿');
    // A take-out row planted by SQL (a take-out that was never requested) is named too.
    await tamper((db) =>
      db.prepare(`INSERT INTO media_takeouts (id, medium_id, department_id, requested_by, requested_at, purpose, destination, contents_summary, due_back, status, updated_at)
        VALUES (99, ?, ?, 1, '2026-11-22T01:00:00.000Z', 'x', 'x', 'x', '2026-11-30', 'returned', '2026-11-22T01:00:00.000Z')`).run(mediumId, departments.citizens),
    );
    expect((await app.ok('audit.verify')).findings).toContainEqual({ kind: 'historyUnrecorded', params: { ledger: 'tamperFindings.ledgers.mediaTakeouts', id: 99, recordId: mediumId }, fieldKeys: [] });
  });
});

describe('持出し: dates in the organisation\'s calendar', () => {
  it('refuses a due date in the past and counts overdue from the Tokyo date, not the UTC one', async () => {
    const mediumId = await medium();
    await loginAs(app, people.clerk);
    const before = await state(mediumId);
    const past = await app.fail('media.takeout.request', request(mediumId, { dueBack: '2026-11-21' }));
    expect(past.issues).toEqual([{ path: ['dueBack'], messageKey: 'validation.dueBackPast' }]);
    expect(await state(mediumId)).toBe(before);
    // Today itself is allowed (back the same day).
    const t = await app.ok('media.takeout.request', request(mediumId, { dueBack: '2026-11-22' }));
    await loginAs(app, people.manager);
    await app.ok('media.takeout.approve', { takeoutId: t.id });
    await loginAs(app, people.clerk);
    await app.ok('media.takeout.checkOut', { takeoutId: t.id });
    expect((await app.ok('media.takeout.list', { overdue: true })).total).toBe(0);
    // 2026-11-22T15:00Z: still the 22nd in UTC, already the 23rd in Tokyo — overdue.
    app.clock.advance(14 * hour);
    await loginAs(app, people.clerk);
    const overdue = await app.ok('media.takeout.list', { overdue: true });
    expect(overdue.rows.map((r) => [r.id, r.overdue])).toEqual([[t.id, true]]);
    expect((await app.ok('media.takeout.list', { overdue: false })).total).toBe(0);
    expect((await app.ok('media.get', { mediumId })).takeouts[0]!.overdue).toBe(true);
    // The due date that was today at the request is now in the past.
    const second = await medium({ mediaNo: 'USB-002' });
    await loginAs(app, people.clerk);
    expect((await app.fail('media.takeout.request', request(second, { dueBack: '2026-11-22' }))).issues).toEqual([{ path: ['dueBack'], messageKey: 'validation.dueBackPast' }]);
    // Filters: status, medium, period of the request (the Tokyo date of 2026-11-22T01:00Z is the 22nd).
    expect((await app.ok('media.takeout.list', { status: 'out', mediumId, from: '2026-11-22', to: '2026-11-22' })).total).toBe(1);
    expect((await app.ok('media.takeout.list', { from: '2026-11-23' })).total).toBe(0);
    await app.ok('media.takeout.return', { takeoutId: t.id, contentsIntact: true, tempCopiesErased: true });
    expect((await app.ok('media.takeout.list', { overdue: true })).total).toBe(0);
  });
});

describe('持出し: migration 0011 on a register written before it', () => {
  it("rebuilds the medium's timeline with the same rows: 改ざん検査 still finds nothing", () => {
    const { dir, file, key, old } = databaseAtVersion(10, `INSERT INTO departments (id, name, created_at) VALUES (1, '市民課', '2025-01-01T00:00:00Z');
      INSERT INTO users (id, login_id, display_name, role, department_id, created_at) VALUES (1, 'suzuki', '鈴木 次郎', 'officer', 1, '2025-01-01T00:00:00Z');`);
    const fields = { mediaNo: 'USB-001', type: 'usb', makeModel: '', serialNo: '', capacity: '', encrypted: 'hardware', departmentId: 1, custodian: '', storageLocationId: null, isBackupMedium: false, registeredAt: '2026-04-01', remarks: '' } satisfies MediumFields;
    kitWrite(old, '鈴木 次郎', (tx) => insertMedium(tx, { userId: 1, name: '鈴木 次郎', role: 'officer', departmentId: 1 }, fields, '2026-11-22'));
    old.close();
    const db = openEncryptedDatabase(file, key, { create: false });
    try {
      expect(db.prepare('SELECT action FROM media_history').pluck().all()).toEqual(['create']);
      const check = () => withFindings(db, verifyChain(db), dir, key, ledgerRowChecks);
      expect(check()).toMatchObject({ ok: true, findings: [] });
      // The widened CHECK takes the take-out steps; the append-only triggers are back.
      expect(() => db.prepare('UPDATE media_history SET note = ? WHERE id = 1').run('x')).toThrow(/append-only/);
    } finally {
      db.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
