import { describe, expect, it } from 'vitest';
import type { TestApp } from './support/backend';
import { chief, createUser, firstLogin } from './support/backend';
import { approvedDisposal, disposalAppPerTest, disposalInput, type DisposalCast } from './support/disposal';
import { holdingInput, loginAs, people } from './support/holdings';
import { mediumInput } from './support/media';

/**
 * The 廃棄記録簿's list (issue #11 item 7): filters, the department scope (MIC §9), 承認待ち for
 * the approver (MIC §12-2) and its home card, and what the form may pick.
 */
describe('disposal list', () => {
  let app: TestApp, citizens: number, tax: number, c: DisposalCast;
  disposalAppPerTest((t) => ({ app, citizens, tax, cast: c } = t));

  async function records() {
    await loginAs(app, people.officer);
    const usb = (await app.ok('media.create', mediumInput(citizens, { mediaNo: 'USB-001' }))).id;
    await loginAs(app, people.clerk);
    const holding = (await app.ok('holdings.create', holdingInput(citizens))).id;
    const approved = await approvedDisposal(app, c, disposalInput(citizens, { targets: [{ kind: 'medium', id: usb }], performedOn: '2026-10-01', remarks: '年度途中の整理' }));
    await loginAs(app, people.clerk);
    const draft = await app.ok('disposal.create', disposalInput(citizens, { operatorId: c.officer, witnessIds: [c.otherClerk], targets: [{ kind: 'holding', id: holding }], method: 'shredding' }));
    const asked = await app.ok('disposal.create', disposalInput(citizens, { operatorId: c.officer, witnessIds: [c.otherClerk] }));
    await app.ok('disposal.request', { disposalId: asked.id, version: asked.version });
    return { usb, holding, approved, draft, asked };
  }

  const ids = async (filters: Record<string, unknown>) => (await app.ok('disposal.list', { pageSize: 50, ...filters } as never)).rows.map((r) => r.id);

  it('names up to 5 targets a row on a page (the rest counted); the record names them all', async () => {
    await loginAs(app, people.clerk);
    const targets = Array.from({ length: 8 }, (_, i) => ({ kind: 'paper' as const, description: `申請書${i + 1}`, quantity: 1, unit: '箱' }));
    const created = await app.ok('disposal.create', disposalInput(citizens, { operatorId: c.officer, witnessIds: [c.otherClerk], targets }));
    const [row] = (await app.ok('disposal.list', { pageSize: 50 })).rows;
    expect(row?.targetsText).toBe('申請書1 1 箱、申請書2 1 箱、申請書3 1 箱、申請書4 1 箱、申請書5 1 箱、ほか3件');
    expect((await app.ok('disposal.get', { disposalId: created.id })).disposal.targets).toHaveLength(8);
  });

  it('filters by status, method, target kind, period, medium, holding and text', async () => {
    const r = await records();
    expect(await ids({})).toEqual([r.asked.id, r.draft.id, r.approved.id]);
    expect(await ids({ status: 'approved' })).toEqual([r.approved.id]);
    expect(await ids({ method: 'shredding' })).toEqual([r.draft.id]);
    expect(await ids({ targetKind: 'medium' })).toEqual([r.approved.id]);
    expect(await ids({ targetKind: 'paper' })).toEqual([r.asked.id]);
    expect(await ids({ performedFrom: '2026-10-01', performedTo: '2026-10-31' })).toEqual([r.approved.id]);
    expect(await ids({ mediumId: r.usb })).toEqual([r.approved.id]);
    expect(await ids({ holdingId: r.holding })).toEqual([r.draft.id]);
    expect(await ids({ text: '年度途中' })).toEqual([r.approved.id]);
    expect(await ids({ text: 'R8-0001' })).toEqual([r.approved.id]);
    expect(await ids({ sort: 'certificateNo', direction: 'asc' })).toEqual([r.draft.id, r.asked.id, r.approved.id]);
    const rows = (await app.ok('disposal.list', { pageSize: 50 })).rows;
    expect(rows.find((x) => x.id === r.draft.id)).toMatchObject({ certificateNo: null, status: 'draft', targetsText: 'R8-0001' });
  });

  it('承認待ち: only what this manager may approve, on the list and on the home card', async () => {
    const r = await records();
    await loginAs(app, people.manager);
    expect(await ids({ awaitingMyApproval: true })).toEqual([r.asked.id]);
    const card = (await app.ok('home.cards')).cards.find((x) => x.id === 'disposal.awaitingApproval');
    expect(card).toMatchObject({ count: 1, link: { screen: 'disposal', filters: { awaitingMyApproval: true } } });
    // The operator of the record is not offered it.
    await loginAs(app, people.officer);
    expect((await app.ok('home.cards')).cards.some((x) => x.id === 'disposal.awaitingApproval')).toBe(false);
  });

  it('a manager of another 課等 sees none of them, and cannot open one', async () => {
    const r = await records();
    await loginAs(app, chief);
    const taxManager = { loginId: 'takeda', displayName: '武田 課長', password: 'Kacho-zei-2026-q' };
    await createUser(app, { ...taxManager, role: 'manager', password: 'Initial-2026-z', departmentId: tax });
    await app.ok('auth.logout');
    await firstLogin(app, taxManager.loginId, 'Initial-2026-z', taxManager.password);
    expect((await app.ok('disposal.list', { pageSize: 50 })).total).toBe(0);
    expect(await ids({ awaitingMyApproval: true })).toEqual([]);
    expect((await app.fail('disposal.get', { disposalId: r.asked.id })).code).toBe('NOT_FOUND');
    await app.ok('auth.reauthenticate', { password: taxManager.password });
    expect((await app.fail('disposal.approve', { disposalId: r.asked.id, version: 2 })).code).toBe('NOT_FOUND');
    await loginAs(app, people.otherClerk);
    expect((await app.ok('disposal.list', { pageSize: 50 })).total).toBe(0);
    expect((await app.fail('disposal.get', { disposalId: r.approved.id })).code).toBe('NOT_FOUND');
    expect((await app.fail('disposal.update', { disposalId: r.draft.id, version: 1, fields: disposalInput(tax, { operatorId: c.otherClerk }) })).code).toBe('NOT_FOUND');
    await loginAs(app, chief);
    expect((await app.ok('disposal.list', { pageSize: 50 })).total).toBe(3);
  });

  it('offers the 課等’s media, holdings and people to the form', async () => {
    const r = await records();
    await loginAs(app, people.officer);
    await app.ok('media.create', mediumInput(citizens, { mediaNo: 'USB-002' }));
    const media = await app.ok('disposal.targetCandidates', { departmentId: citizens, kind: 'medium', text: 'USB' });
    // USB-001 is 廃棄済: not offered.
    expect(media.map((m) => m.label)).toEqual(['USB-002']);
    const holdings = await app.ok('disposal.targetCandidates', { departmentId: citizens, kind: 'holding', text: '住民' });
    expect(holdings.map((h) => h.id)).toEqual([r.holding]);
    const names = (await app.ok('disposal.people', { departmentId: citizens })).map((p) => p.name).sort();
    expect(names).toEqual([people.clerk.displayName, people.officer.displayName, people.manager.displayName].sort());
    expect((await app.fail('disposal.people', { departmentId: tax })).issues?.[0]?.messageKey).toBe('validation.otherDepartment');
  });
});
