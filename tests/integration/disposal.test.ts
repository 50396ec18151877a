import { describe, expect, it } from 'vitest';
import type { ChannelInput } from '../../db/contract';
import type { TestApp } from './support/backend';
import { approvedDisposal, disposalAppPerTest, disposalInput, outsourced, type DisposalCast } from './support/disposal';
import { loginAs, people } from './support/holdings';
import { mediumInput } from './support/media';

/**
 * 廃棄・消去記録 (issue #11 item 1; domain.md §3; MIC §13): what a record may say, and the steps
 * before approval (作成, 編集, 承認依頼, 差戻し, 取消し). Every refusal is a Japanese message and
 * leaves the record as it was.
 */
describe('disposal records', () => {
  let app: TestApp, citizens: number, tax: number, c: DisposalCast;
  disposalAppPerTest((t) => ({ app, citizens, tax, cast: c } = t));

  async function asClerk(): Promise<void> {
    await loginAs(app, people.clerk);
  }

  const base = (overrides: Partial<ChannelInput<'disposal.create'>> = {}) => disposalInput(citizens, { operatorId: c.officer, witnessIds: [c.otherClerk], ...overrides });

  it('creates an outsourced approval end to end: R8-0001, the medium 廃棄済, history and list', async () => {
    await loginAs(app, people.officer);
    const usb = await app.ok('media.create', mediumInput(citizens, { mediaNo: 'USB-001' }));
    const approved = await approvedDisposal(app, c, outsourced(citizens, { targets: [{ kind: 'medium', id: usb.id }, { kind: 'paper', description: '申請書', quantity: 3, unit: '箱' }] }));
    expect(approved).toMatchObject({ status: 'approved', certificateNo: 'R8-0001', approvedByName: people.manager.displayName, operatorName: people.officer.displayName });
    expect(approved.verificationCode).toMatch(/-R8-0001-/);
    expect(approved.witnesses).toEqual([{ userId: c.otherClerk, name: people.otherClerk.displayName }]);
    expect(approved.targets[0]).toMatchObject({ kind: 'medium', label: 'USB-001', detail: 'mediaTypes.usb', status: 'disposed', hidden: false });
    const detail = await app.ok('disposal.get', { disposalId: approved.id });
    expect(detail.history.map((h) => h.action)).toEqual(['approve', 'request', 'attach', 'create']);
    expect(detail.attachments).toHaveLength(1);
    const list = await app.ok('disposal.list', { pageSize: 50 });
    expect(list.rows).toEqual([expect.objectContaining({ id: approved.id, certificateNo: 'R8-0001', targetsText: 'USB-001、申請書 3 箱', targetKinds: ['medium', 'paper'] })]);
  });

  it('edits a draft (only when something changed, at its version), and returns and cancels with a reason', async () => {
    await asClerk();
    const draft = await app.ok('disposal.create', base());
    expect(draft).toMatchObject({ status: 'draft', certificateNo: null, version: 1, createdByName: people.clerk.displayName });
    const same = await app.ok('disposal.update', { disposalId: draft.id, version: 1, fields: base() });
    expect(same.version).toBe(1);
    const edited = await app.ok('disposal.update', { disposalId: draft.id, version: 1, fields: base({ remarks: '倉庫の整理' }) });
    expect(edited).toMatchObject({ version: 2, remarks: '倉庫の整理' });
    expect((await app.fail('disposal.update', { disposalId: draft.id, version: 1, fields: base() })).messageKey).toBe('errors.staleVersion');
    const asked = await app.ok('disposal.request', { disposalId: draft.id, version: 2 });
    expect(asked).toMatchObject({ status: 'requested', requestedByName: people.clerk.displayName });
    // Waiting for approval: not edited; 差戻し is the approver's.
    expect((await app.fail('disposal.update', { disposalId: draft.id, version: asked.version, fields: base() })).messageKey).toBe('disposal.errors.notEditable');
    expect((await app.fail('disposal.return', { disposalId: draft.id, version: asked.version, reason: '日付の誤り' })).code).toBe('PERMISSION_DENIED');
    await loginAs(app, people.manager);
    const returned = await app.ok('disposal.return', { disposalId: draft.id, version: asked.version, reason: '日付の誤り' });
    expect(returned.status).toBe('draft');
    await loginAs(app, people.clerk);
    const cancelled = await app.ok('disposal.cancel', { disposalId: draft.id, version: returned.version, reason: '重複して作成' });
    expect(cancelled.status).toBe('cancelled');
    const history = (await app.ok('disposal.get', { disposalId: draft.id })).history;
    expect(history.map((h) => [h.action, h.note])).toEqual([['cancel', '重複して作成'], ['return', '日付の誤り'], ['request', ''], ['update', ''], ['create', '']]);
  });

  it('refuses an edit of an approved record, and changes nothing', async () => {
    const approved = await approvedDisposal(app, c, disposalInput(citizens));
    await loginAs(app, people.clerk);
    const failure = await app.fail('disposal.update', { disposalId: approved.id, version: approved.version, fields: base({ remarks: '書き換え' }) });
    expect(failure).toMatchObject({ code: 'CONFLICT', messageKey: 'disposal.errors.notEditable' });
    expect((await app.fail('disposal.cancel', { disposalId: approved.id, version: approved.version, reason: '取消し' })).messageKey).toBe('disposal.errors.notCancellable');
    expect((await app.ok('disposal.get', { disposalId: approved.id })).disposal).toEqual(approved);
  });

  it('checks the fields against each other and today', async () => {
    await asClerk();
    const cases: [Partial<ChannelInput<'disposal.create'>>, (string | number)[], string][] = [
      [{ performedOn: '2026-11-23' }, ['performedOn'], 'validation.dateInFuture'],
      [{ method: 'shredding', nistClass: 'purge' }, ['nistClass'], 'disposal.errors.methodClassMismatch'],
      [{ result: 'exception' }, ['resultNote'], 'disposal.errors.resultNoteRequired'],
      [{ verificationOutcome: 'failed' }, ['result'], 'disposal.errors.completedButVerificationFailed'],
      [{ placeKind: 'contractor' }, ['contractorName'], 'disposal.errors.contractorNameRequired'],
      // A hostile renderer sending a contractor for an on-site record (the form clears them).
      [{ placeKind: 'onSite', contractorName: '株式会社A' }, ['contractorName'], 'disposal.errors.contractorOnSite'],
      [{ placeKind: 'onSite', contractorCertificateNo: 'C-1' }, ['contractorCertificateNo'], 'disposal.errors.contractorOnSite'],
      [{ operatorId: c.otherClerk }, ['operatorId'], 'disposal.errors.operatorNotInDepartment'],
      [{ witnessIds: [c.manager, c.manager] }, ['witnessIds', 1], 'disposal.errors.duplicateWitness'],
      [{ witnessIds: [9999] }, ['witnessIds', 0], 'disposal.errors.unknownPerson'],
      [{ targets: [] }, ['targets'], 'disposal.errors.noTargets'],
      [{ departmentId: tax }, ['departmentId'], 'validation.otherDepartment'],
    ];
    for (const [overrides, path, messageKey] of cases) {
      const failure = await app.fail('disposal.create', base(overrides));
      expect(failure.issues, messageKey).toEqual([expect.objectContaining({ path, messageKey })]);
    }
    const twice = { kind: 'paper' as const, description: '申請書', quantity: 1, unit: '箱' };
    expect((await app.fail('disposal.create', base({ targets: [twice, twice] }))).issues).toEqual([expect.objectContaining({ path: ['targets', 1], messageKey: 'disposal.errors.duplicateTarget' })]);
    // Today is fine; a failed disposal with its note is a record too.
    await app.ok('disposal.create', base({ performedOn: '2026-11-22', verificationOutcome: 'failed', result: 'failed', resultNote: '破砕機の故障' }));
    expect((await app.ok('disposal.list', { pageSize: 50 })).total).toBe(1);
  });

  it('refuses a 個人番号 in a text field, and writes nothing', async () => {
    await asClerk();
    const failure = await app.fail('disposal.create', base({ remarks: '対象者 123456789018 の申請書' }));
    expect(failure.issues).toEqual([expect.objectContaining({ path: ['remarks'], messageKey: 'validation.myNumber' })]);
    const inPaper = await app.fail('disposal.create', base({ targets: [{ kind: 'paper', description: '123456789018', quantity: 1, unit: '枚' }] }));
    expect(inPaper.issues?.[0]?.messageKey).toBe('validation.myNumber');
    expect((await app.ok('disposal.list', { pageSize: 50 })).total).toBe(0);
  });

  it('a failed disposal is approved and certified but marks no medium', async () => {
    await loginAs(app, people.officer);
    const usb = await app.ok('media.create', mediumInput(citizens, { mediaNo: 'USB-009' }));
    const approved = await approvedDisposal(app, c, disposalInput(citizens, { targets: [{ kind: 'medium', id: usb.id }], verificationOutcome: 'failed', result: 'failed', resultNote: '破砕できず' }));
    expect(approved).toMatchObject({ status: 'approved', certificateNo: 'R8-0001', result: 'failed' });
    expect((await app.ok('media.get', { mediumId: usb.id })).medium.status).toBe('in_storage');
  });
});
