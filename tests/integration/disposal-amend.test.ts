import { describe, expect, it } from 'vitest';
import { chief, type TestApp } from './support/backend';
import { lines } from './support/auditWords';
import { approvedDisposal, disposalAppPerTest, disposalInput, type DisposalCast } from './support/disposal';
import { loginAs, people } from './support/holdings';
import { mediumInput } from './support/media';

/**
 * 訂正 (issue #11 item 3; domain.md §3): a correction of an approved record is a new record
 * linked to it, never an edit; its approval marks the original 訂正済 and disposes of nothing twice.
 */
describe('disposal amendments', () => {
  let app: TestApp, citizens: number, c: DisposalCast;
  disposalAppPerTest((t) => ({ app, citizens, cast: c } = t));

  async function original(): Promise<{ id: number; version: number; usb: number; usb2: number }> {
    await loginAs(app, people.officer);
    const usb = (await app.ok('media.create', mediumInput(citizens, { mediaNo: 'USB-001' }))).id;
    const usb2 = (await app.ok('media.create', mediumInput(citizens, { mediaNo: 'USB-002' }))).id;
    const approved = await approvedDisposal(app, c, disposalInput(citizens, { targets: [{ kind: 'medium', id: usb }] }));
    return { id: approved.id, version: approved.version, usb, usb2 };
  }

  it('copies the record into a linked draft; its approval marks the original 訂正済 and disposes of the new medium only', async () => {
    const o = await original();
    await loginAs(app, people.clerk);
    const amendment = await app.ok('disposal.amend', { disposalId: o.id, version: o.version, reason: '対象の記入漏れ' });
    expect(amendment).toMatchObject({ status: 'draft', amendsId: o.id, amendsCertificateNo: 'R8-0001', amendmentReason: '対象の記入漏れ', certificateNo: null, createdByName: people.clerk.displayName });
    expect(amendment.targets.map((t) => t.label)).toEqual(['USB-001']);
    // One open correction at a time.
    expect((await app.fail('disposal.amend', { disposalId: o.id, version: o.version, reason: '再度' })).messageKey).toBe('disposal.errors.amendmentOpen');
    const fields = { ...disposalInput(citizens), operatorId: c.officer, witnessIds: [c.otherClerk] };
    // It may not drop what the original disposed of.
    const dropped = await app.fail('disposal.update', { disposalId: amendment.id, version: 1, fields: { ...fields, targets: [{ kind: 'medium', id: o.usb2 }] } });
    expect(dropped.issues).toEqual([expect.objectContaining({ messageKey: 'disposal.errors.amendmentDropsTarget' })]);
    const targets = [{ kind: 'medium' as const, id: o.usb }, { kind: 'medium' as const, id: o.usb2 }];
    const edited = await app.ok('disposal.update', { disposalId: amendment.id, version: 1, fields: { ...fields, targets } });
    const asked = await app.ok('disposal.request', { disposalId: amendment.id, version: edited.version });
    await loginAs(app, people.manager);
    await app.ok('auth.reauthenticate', { password: people.manager.password });
    const approved = await app.ok('disposal.approve', { disposalId: amendment.id, version: asked.version });
    expect(approved).toMatchObject({ status: 'approved', certificateNo: 'R8-0002' });
    const before = await app.ok('disposal.get', { disposalId: o.id });
    expect(before.disposal).toMatchObject({ status: 'amended', amendedById: amendment.id, amendedByCertificateNo: 'R8-0002' });
    expect(before.amendments).toEqual([{ id: amendment.id, certificateNo: 'R8-0002', status: 'approved' }]);
    expect(before.history[0]).toMatchObject({ action: 'amended', note: 'R8-0002' });
    // USB-001 was disposed of once (by the original); USB-002 by the correction.
    const history = async (id: number) => (await app.ok('media.get', { mediumId: id })).history.filter((h) => h.action === 'dispose').map((h) => h.note);
    expect(await history(o.usb)).toEqual(['R8-0001']);
    expect(await history(o.usb2)).toEqual(['R8-0002']);
    // The sealed codes still match their records; the original's reports its correction, and nothing was written behind the log.
    expect(await app.ok('disposal.verifyCode', { code: approved.verificationCode! })).toMatchObject({ outcome: 'valid', certificateNo: 'R8-0002' });
    expect(await app.ok('disposal.verifyCode', { code: before.disposal.verificationCode! })).toMatchObject({ certificateNo: 'R8-0001', amendedBy: { certificateNo: 'R8-0002' } });
    await loginAs(app, chief);
    expect(await app.ok('audit.verify')).toMatchObject({ ok: true, findings: [] });
    // The access log names each record by its 証明書番号 (a draft as 下書き and its id), in the record's words.
    await loginAs(app, chief);
    const log = (await app.ok('audit.query', { pageSize: 100 })).rows;
    const amendedEvent = log.find((e) => e.action === 'disposal.amend' && e.targetId === String(o.id));
    expect(amendedEvent?.target).toEqual({ number: 'R8-0001', name: '' });
    expect(lines(amendedEvent!)).toEqual(expect.arrayContaining(['状態: 承認済 → 訂正済']));
    expect(log.find((e) => e.action === 'disposal.approve' && e.targetId === String(amendment.id))?.target?.number).toBe('R8-0002');
    await loginAs(app, people.clerk);
    const draft = await app.ok('disposal.create', { ...disposalInput(citizens), operatorId: c.officer });
    await loginAs(app, chief);
    const created = (await app.ok('audit.query', { pageSize: 5 })).rows.find((e) => e.action === 'disposal.create');
    expect(created?.target?.number).toBe(`下書き #${draft.id}`);
    // An amended record is frozen as well, and is not corrected again.
    await loginAs(app, people.clerk);
    expect((await app.fail('disposal.amend', { disposalId: o.id, version: before.disposal.version, reason: '再度' })).messageKey).toBe('disposal.errors.notAmendable');
  });

  it('a draft is not amended; a cancelled correction lets another be made', async () => {
    const o = await original();
    await loginAs(app, people.clerk);
    const draft = await app.ok('disposal.create', { ...disposalInput(citizens), operatorId: c.officer });
    expect((await app.fail('disposal.amend', { disposalId: draft.id, version: 1, reason: '訂正' })).messageKey).toBe('disposal.errors.notAmendable');
    const first = await app.ok('disposal.amend', { disposalId: o.id, version: o.version, reason: '訂正' });
    await app.ok('disposal.cancel', { disposalId: first.id, version: first.version, reason: '不要' });
    const second = await app.ok('disposal.amend', { disposalId: o.id, version: o.version, reason: '訂正' });
    expect(second.amendsId).toBe(o.id);
  });
});
