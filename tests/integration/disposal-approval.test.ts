import { describe, expect, it } from 'vitest';
import type { TestApp } from './support/backend';
import { chief } from './support/backend';
import { editBehindTheApp } from './support/behindTheApp';
import { approvedDisposal, attachPhoto, disposalAppPerTest, disposalInput, outsourced, type DisposalCast } from './support/disposal';
import { holdingInput, loginAs, people } from './support/holdings';
import { mediumInput } from './support/media';

/**
 * 承認 (issue #11 items 3–4; MIC §12-2, §13): who may approve, what an approval needs, and that
 * the approval, its 証明書番号 and the marking of media and holdings are one transaction.
 */
describe('disposal approval', () => {
  let app: TestApp, citizens: number, tax: number, c: DisposalCast;
  disposalAppPerTest((t) => ({ app, citizens, tax, cast: c } = t));

  async function setUp(): Promise<{ usb: number; usb2: number; holding: number }> {
    await loginAs(app, people.officer);
    const usb = (await app.ok('media.create', mediumInput(citizens, { mediaNo: 'USB-001' }))).id;
    const usb2 = (await app.ok('media.create', mediumInput(citizens, { mediaNo: 'USB-002' }))).id;
    await loginAs(app, people.clerk);
    const holding = (await app.ok('holdings.create', holdingInput(citizens))).id;
    return { usb, usb2, holding };
  }

  /** 田中 records and asks; returns the requested record. */
  async function requested(input = disposalInput(citizens)) {
    await loginAs(app, people.clerk);
    const fields = { ...input, operatorId: input.operatorId || c.officer, witnessIds: input.witnessIds?.length ? input.witnessIds : [c.otherClerk] };
    const draft = await app.ok('disposal.create', fields);
    if (fields.placeKind === 'contractor') await attachPhoto(app, draft.id);
    const version = (await app.ok('disposal.get', { disposalId: draft.id })).disposal.version;
    return app.ok('disposal.request', { disposalId: draft.id, version });
  }

  const takeout = (mediumId: number) => ({
    mediumId,
    purpose: '出張先での説明資料',
    destination: '県庁 会議室',
    contentsSummary: '説明会資料',
    safeguards: { encryption: true, password: true, lockedCase: false, sealed: false },
    dueBack: '2026-11-24',
  });

  async function approveAs(person: { loginId: string; password: string }, record: { id: number; version: number }) {
    await loginAs(app, person);
    await app.ok('auth.reauthenticate', { password: person.password });
    return app.call('disposal.approve', { disposalId: record.id, version: record.version });
  }

  async function unchanged(record: { id: number; version: number }) {
    await loginAs(app, people.clerk);
    const now = (await app.ok('disposal.get', { disposalId: record.id })).disposal;
    expect(now).toMatchObject({ status: 'requested', certificateNo: null, verificationCode: null, version: record.version });
  }

  it('marks the media 廃棄済 and the holding disposed with the approval, each with its own history and event', async () => {
    const { usb, usb2, holding } = await setUp();
    const targets = [{ kind: 'medium' as const, id: usb }, { kind: 'medium' as const, id: usb2 }, { kind: 'holding' as const, id: holding }];
    const approved = await approvedDisposal(app, c, outsourced(citizens, { targets }));
    expect(approved).toMatchObject({ status: 'approved', certificateNo: 'R8-0001' });
    for (const id of [usb, usb2]) {
      const m = await app.ok('media.get', { mediumId: id });
      expect(m.medium.status).toBe('disposed');
      expect(m.history[0]).toMatchObject({ action: 'dispose', note: 'R8-0001' });
    }
    expect((await app.ok('holdings.get', { holdingId: holding })).holding.status).toBe('disposed');
    await loginAs(app, chief);
    const log = await app.ok('audit.query', { pageSize: 20 });
    const changes = ['disposal.approve', 'media.dispose', 'holdings.dispose'];
    const actions = log.rows.map((r) => r.action).filter((a) => changes.includes(a)).reverse();
    expect(actions).toEqual(['disposal.approve', 'media.dispose', 'media.dispose', 'holdings.dispose']);
    expect(await app.ok('audit.verify')).toMatchObject({ ok: true, findings: [] });
  });

  it('refuses the operator, a witness, the requester and the creator as approver, each in its own words, and changes nothing', async () => {
    await setUp();
    // 山田 (manager) creates and asks, 鈴木 performs, the chief witnesses: each of them is refused.
    const asManager = async (overrides: Parameters<typeof disposalInput>[1]) => {
      await loginAs(app, people.manager);
      const d = await app.ok('disposal.create', disposalInput(citizens, { operatorId: c.officer, witnessIds: [c.otherClerk], ...overrides }));
      return app.ok('disposal.request', { disposalId: d.id, version: d.version });
    };
    const byManager = await asManager({});
    const r1 = await approveAs(people.manager, byManager);
    expect(r1).toMatchObject({ ok: false, code: 'SEPARATION_OF_DUTIES', messageKey: 'disposal.errors.approverIsRequester' });
    await unchanged(byManager);

    const record = await requested(disposalInput(citizens, { operatorId: c.manager }));
    expect(await approveAs(people.manager, record)).toMatchObject({ ok: false, messageKey: 'disposal.errors.approverIsOperator' });
    await unchanged(record);

    const witnessed = await requested(disposalInput(citizens, { witnessIds: [c.manager] }));
    expect(await approveAs(people.manager, witnessed)).toMatchObject({ ok: false, messageKey: 'disposal.errors.approverIsWitness' });
    await unchanged(witnessed);

    // Created by the chief, asked for by 田中: the chief (who may approve anywhere) is still its creator.
    await loginAs(app, chief);
    const byChief = await app.ok('disposal.create', disposalInput(citizens, { operatorId: c.officer, witnessIds: [c.otherClerk] }));
    await loginAs(app, people.clerk);
    const asked = await app.ok('disposal.request', { disposalId: byChief.id, version: byChief.version });
    expect(await approveAs(chief, asked)).toMatchObject({ ok: false, messageKey: 'disposal.errors.approverIsCreator' });
    await unchanged(asked);
  });

  it('refuses a witness who is the operator, at save', async () => {
    await setUp();
    await loginAs(app, people.clerk);
    const failure = await app.fail('disposal.create', disposalInput(citizens, { operatorId: c.officer, witnessIds: [c.officer] }));
    expect(failure).toMatchObject({ code: 'SEPARATION_OF_DUTIES', messageKey: 'errors.separationOfDuties.operator-witness' });
    expect((await app.ok('disposal.list', { pageSize: 50 })).total).toBe(0);
  });

  it('an outsourced disposal needs a photo and a certificate (number or scan) to be asked for and approved', async () => {
    await setUp();
    await loginAs(app, people.clerk);
    const noCertificate = await app.ok('disposal.create', outsourced(citizens, { operatorId: c.officer, contractorCertificateNo: '' }));
    expect((await app.fail('disposal.request', { disposalId: noCertificate.id, version: 1 })).messageKey).toBe('disposal.errors.photoRequired');
    await attachPhoto(app, noCertificate.id);
    const v = (await app.ok('disposal.get', { disposalId: noCertificate.id })).disposal.version;
    expect((await app.fail('disposal.request', { disposalId: noCertificate.id, version: v })).messageKey).toBe('disposal.errors.certificateRequired');
    expect((await app.ok('disposal.get', { disposalId: noCertificate.id })).disposal).toMatchObject({ status: 'draft', version: v });
    // Asked for with its photo, then the photo removed behind the app: the approval checks again.
    const record = await requested(outsourced(citizens));
    await editBehindTheApp(app, (db) => db.prepare("UPDATE disposal_attachments SET removed_at = '2026-11-22T01:00:00Z', removed_by = 1, content = NULL WHERE disposal_id = ?").run(record.id));
    expect(await approveAs(people.manager, record)).toMatchObject({ ok: false, messageKey: 'disposal.errors.photoRequired' });
    await unchanged(record);
  });

  it('refuses a medium that is checked out (at save and again at approval) and one already disposed', async () => {
    const { usb, usb2 } = await setUp();
    await loginAs(app, people.clerk);
    const t = await app.ok('media.takeout.request', takeout(usb));
    const out = await app.fail('disposal.create', disposalInput(citizens, { operatorId: c.officer, witnessIds: [c.otherClerk], targets: [{ kind: 'medium', id: usb }] }));
    expect(out).toMatchObject({ code: 'INVALID_INPUT', issues: [{ path: ['targets', 0], messageKey: 'disposal.errors.targetCheckedOut', params: { label: 'USB-001' } }] });
    await app.ok('media.takeout.cancel', { takeoutId: t.id });
    // Asked for while in storage, then taken out: the approval is refused.
    const record = await requested(disposalInput(citizens, { targets: [{ kind: 'medium', id: usb }] }));
    await loginAs(app, people.clerk);
    await app.ok('media.takeout.request', takeout(usb));
    expect(await approveAs(people.manager, record)).toMatchObject({ ok: false, issues: [{ messageKey: 'disposal.errors.targetCheckedOut' }] });
    await unchanged(record);

    await approvedDisposal(app, c, disposalInput(citizens, { targets: [{ kind: 'medium', id: usb2 }] }));
    await loginAs(app, people.clerk);
    const again = await app.fail('disposal.create', disposalInput(citizens, { operatorId: c.officer, targets: [{ kind: 'medium', id: usb2 }] }));
    expect(again.issues).toEqual([expect.objectContaining({ path: ['targets', 0], messageKey: 'disposal.errors.targetAlreadyDisposed', params: { label: 'USB-002' } })]);
  });

  it('refuses a medium another open record names, and another 課等’s medium as unknown', async () => {
    const { usb } = await setUp();
    const first = await requested(disposalInput(citizens, { targets: [{ kind: 'medium', id: usb }] }));
    const failure = await app.fail('disposal.create', disposalInput(citizens, { operatorId: c.officer, targets: [{ kind: 'medium', id: usb }] }));
    expect(failure.issues).toEqual([expect.objectContaining({ messageKey: 'disposal.errors.targetInOtherDisposal', params: { label: 'USB-001', record: `#${first.id}` } })]);
    // Cancelled, it names the medium no more for this rule (its list still shows it under the medium).
    await app.ok('disposal.cancel', { disposalId: first.id, version: first.version, reason: '重複' });
    const second = await app.ok('disposal.create', disposalInput(citizens, { operatorId: c.officer, targets: [{ kind: 'medium', id: usb }] }));
    expect((await app.ok('disposal.list', { mediumId: usb, pageSize: 50 })).rows.map((r) => r.id)).toEqual([second.id, first.id]);
    await loginAs(app, chief);
    const taxMedium = (await app.ok('media.create', mediumInput(tax, { mediaNo: 'TAX-001' }))).id;
    const other = await app.fail('disposal.create', disposalInput(citizens, { operatorId: c.officer, targets: [{ kind: 'medium', id: taxMedium }] }));
    expect(other.issues).toEqual([expect.objectContaining({ messageKey: 'disposal.errors.unknownMedium' })]);
  });

  it('a failure in the middle of the approval leaves everything as it was and the number unused', async () => {
    const { usb, holding } = await setUp();
    const record = await requested(disposalInput(citizens, { targets: [{ kind: 'medium', id: usb }, { kind: 'holding', id: holding }] }));
    // The holding's step (the last of the write) fails: the approval, its number and the medium's step roll back.
    await editBehindTheApp(app, (db) => db.exec("CREATE TRIGGER fail_dispose BEFORE UPDATE OF status ON holdings WHEN NEW.status = 'disposed' BEGIN SELECT RAISE(ABORT, 'forced'); END"));
    expect(await approveAs(people.manager, record)).toMatchObject({ ok: false });
    await unchanged(record);
    expect((await app.ok('media.get', { mediumId: usb })).medium.status).toBe('in_storage');
    expect((await app.ok('holdings.get', { holdingId: holding })).holding.status).not.toBe('disposed');
    await editBehindTheApp(app, (db) => db.exec('DROP TRIGGER fail_dispose'));
    const approved = await approveAs(people.manager, record);
    expect(approved).toMatchObject({ ok: true, data: { certificateNo: 'R8-0001', status: 'approved' } });
  });

  it('numbers by fiscal year in the organisation’s time zone: 31 March 23:59 is R8, 1 April 00:00 is R9-0001', async () => {
    await setUp();
    const first = await approvedDisposal(app, c, disposalInput(citizens));
    expect(first.certificateNo).toBe('R8-0001');
    const late = await requested(disposalInput(citizens));
    const early = await requested(disposalInput(citizens));
    app.clock.advance(Date.parse('2027-03-31T14:59:00Z') - app.clock.now());
    expect((await approveAs(people.manager, late)) as unknown).toMatchObject({ ok: true, data: { certificateNo: 'R8-0002', approvedAt: expect.stringMatching(/^2027-03-31T14:59/) } });
    app.clock.advance(60_000);
    expect((await approveAs(people.manager, early)) as unknown).toMatchObject({ ok: true, data: { certificateNo: 'R9-0001' } });
  });
});
