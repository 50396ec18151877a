import { describe, expect, it } from 'vitest';
import type { TestApp } from './support/backend';
import { chief } from './support/backend';
import { editBehindTheApp } from './support/behindTheApp';
import { makeTaxManager } from './support/auditWords';
import { approvedDisposal, disposalAppPerTest, disposalInput, type DisposalCast } from './support/disposal';
import { loginAs, people } from './support/holdings';
import { mediumInput } from './support/media';

/**
 * Adversarial probes of the 廃棄・消去記録 (issue #11): separation of duties (MIC §12-2), races
 * through the router, the state machine, certificate numbers, and what 改ざん検査 names.
 */
describe('adversarial: disposal record', () => {
  let app: TestApp, citizens: number, tax: number, c: DisposalCast;
  disposalAppPerTest((t) => ({ app, citizens, tax, cast: c } = t));

  const onSite = (overrides: Parameters<typeof disposalInput>[1] = {}) => disposalInput(citizens, { operatorId: c.officer, witnessIds: [c.otherClerk], ...overrides });

  async function medium(mediaNo: string, department = citizens): Promise<number> {
    await loginAs(app, department === citizens ? people.officer : chief);
    return (await app.ok('media.create', mediumInput(department, { mediaNo }))).id;
  }

  async function approveAs(person: { loginId: string; password: string }, id: number) {
    await loginAs(app, person);
    await app.ok('auth.reauthenticate', { password: person.password });
    const version = (await app.ok('disposal.get', { disposalId: id })).disposal.version;
    return app.call('disposal.approve', { disposalId: id, version });
  }

  async function request(id: number) {
    const version = (await app.ok('disposal.get', { disposalId: id })).disposal.version;
    return app.ok('disposal.request', { disposalId: id, version });
  }

  describe('separation of duties', () => {
    it('refuses the approval by a manager who edited the draft, and leaves it off their 承認待ち', async () => {
      await loginAs(app, people.clerk);
      const draft = await app.ok('disposal.create', onSite());
      // The manager rewrites what was done (an author of the record), the clerk asks.
      await loginAs(app, people.manager);
      await app.ok('disposal.update', { disposalId: draft.id, version: draft.version, fields: onSite({ remarks: '課長が書き直した' }) });
      await loginAs(app, people.clerk);
      await request(draft.id);
      await loginAs(app, people.manager);
      const waiting = await app.ok('disposal.list', { awaitingMyApproval: true });
      expect(waiting.rows.map((r) => r.id)).not.toContain(draft.id);
      const result = await approveAs(people.manager, draft.id);
      expect(result).toMatchObject({ ok: false, code: 'SEPARATION_OF_DUTIES', messageKey: 'disposal.errors.approverIsEditor' });
      expect((await app.ok('disposal.get', { disposalId: draft.id })).disposal).toMatchObject({ status: 'requested', certificateNo: null });
      // The chief, who wrote nothing of it, may.
      expect(await approveAs(chief, draft.id)).toMatchObject({ ok: true, data: { certificateNo: 'R8-0001' } });
    });
  });

  describe('races through the router', () => {
    it('gives two approvals at once distinct gapless numbers, and a refused approval gives none', async () => {
      await loginAs(app, people.clerk);
      const ids: number[] = [];
      for (let i = 0; i < 3; i++) ids.push((await app.ok('disposal.create', onSite({ remarks: `#${i}` }))).id);
      for (const id of ids) await request(id);
      await loginAs(app, people.manager);
      await app.ok('auth.reauthenticate', { password: people.manager.password });
      const versions = await Promise.all(ids.map(async (id) => (await app.ok('disposal.get', { disposalId: id })).disposal.version));
      // A stale version for the first: refused, no number taken.
      const results = await Promise.all([
        app.call('disposal.approve', { disposalId: ids[0]!, version: versions[0]! + 5 }),
        app.call('disposal.approve', { disposalId: ids[1]!, version: versions[1]! }),
        app.call('disposal.approve', { disposalId: ids[2]!, version: versions[2]! }),
        app.call('disposal.approve', { disposalId: ids[2]!, version: versions[2]! }),
      ]);
      expect(results.map((r) => r.ok)).toEqual([false, true, true, false]);
      const numbers = results.flatMap((r) => (r.ok ? [r.data.certificateNo] : []));
      expect(numbers.sort()).toEqual(['R8-0001', 'R8-0002']);
      expect(await app.ok('disposal.approve', { disposalId: ids[0]!, version: versions[0]! })).toMatchObject({ certificateNo: 'R8-0003' });
    });

    it('lets only one of two records created at once name the same medium', async () => {
      const usb = await medium('USB-101');
      await loginAs(app, people.clerk);
      const fields = onSite({ targets: [{ kind: 'medium', id: usb }] });
      const results = await Promise.all([app.call('disposal.create', fields), app.call('disposal.create', fields)]);
      expect(results.filter((r) => r.ok)).toHaveLength(1);
      expect(results.find((r) => !r.ok)).toMatchObject({ issues: [{ messageKey: 'disposal.errors.targetInOtherDisposal' }] });
    });
  });

  describe('改ざん検査', () => {
    it('names a record whose disposal_targets index rows were deleted or added behind the app', async () => {
      const usb = await medium('USB-201');
      const usb2 = await medium('USB-202');
      await loginAs(app, people.clerk);
      const first = await app.ok('disposal.create', onSite({ targets: [{ kind: 'medium', id: usb }] }));
      const second = await app.ok('disposal.create', onSite({ targets: [{ kind: 'paper', description: '帳票', quantity: 1, unit: '冊' }] }));
      await loginAs(app, chief);
      expect(await app.ok('audit.verify')).toMatchObject({ ok: true, findings: [] });
      // The rule 「another record names it」 reads the index: without it a second record could name USB-201.
      await editBehindTheApp(app, (db) => {
        db.prepare('DELETE FROM disposal_targets WHERE disposal_id = ?').run(first.id);
        db.prepare("INSERT INTO disposal_targets (disposal_id, kind, target_id) VALUES (?, 'medium', ?)").run(second.id, usb2);
      });
      const result = await app.ok('audit.verify');
      expect(result.ok).toBe(false);
      expect(result.findings).toEqual([
        expect.objectContaining({ kind: 'rowChanged', params: expect.objectContaining({ ledger: 'tamperFindings.ledgers.disposals', id: first.id }), fieldKeys: ['disposalFields.targets'] }),
        expect.objectContaining({ kind: 'rowChanged', params: expect.objectContaining({ ledger: 'tamperFindings.ledgers.disposals', id: second.id }), fieldKeys: ['disposalFields.targets'] }),
      ]);
    });

    it('names an approved record set back to 作成中 by SQL, and a disposed medium set back to 保管中', async () => {
      const usb = await medium('USB-301');
      const approved = await approvedDisposal(app, c, onSite({ targets: [{ kind: 'medium', id: usb }] }));
      await loginAs(app, chief);
      expect(await app.ok('audit.verify')).toMatchObject({ ok: true, findings: [] });
      await editBehindTheApp(app, (db) => {
        db.prepare("UPDATE disposals SET status = 'draft' WHERE id = ?").run(approved.id);
        db.prepare("UPDATE media SET status = 'in_storage' WHERE id = ?").run(usb);
      });
      const findings = (await app.ok('audit.verify')).findings ?? [];
      expect(findings).toContainEqual(expect.objectContaining({ kind: 'rowChanged', params: expect.objectContaining({ ledger: 'tamperFindings.ledgers.disposals', id: approved.id }) }));
      expect(findings).toContainEqual(expect.objectContaining({ kind: 'rowChanged', params: expect.objectContaining({ ledger: 'tamperFindings.ledgers.media', id: usb }) }));
    });
  });

  describe('certificate numbers', () => {
    it('takes the 年度 of the approval day in the organisation\'s time zone (1 April in Tokyo is still 31 March in UTC)', async () => {
      // 2027-03-31T15:30Z is 2027-04-01 00:30 in Asia/Tokyo: 令和9年度.
      app.clock.advance(Date.parse('2027-03-31T15:30:00Z') - app.clock.now());
      const approved = await approvedDisposal(app, c, onSite({ performedOn: '2027-04-01' }));
      expect(approved.certificateNo).toBe('R9-0001');
    });
  });

  describe('the state machine', () => {
    const allowed: Record<string, string[]> = {
      update: ['draft'],
      request: ['draft'],
      return: ['requested'],
      approve: ['requested'],
      cancel: ['draft', 'requested'],
      amend: ['approved'],
    };

    it('refuses every step from a status it may not start from, in Japanese, with nothing changed', async () => {
      await loginAs(app, people.clerk);
      const draft = await app.ok('disposal.create', onSite({ remarks: 'draft' }));
      const asked = await app.ok('disposal.create', onSite({ remarks: 'requested' }));
      await request(asked.id);
      const cancelled = await app.ok('disposal.create', onSite({ remarks: 'cancelled' }));
      await app.ok('disposal.cancel', { disposalId: cancelled.id, version: cancelled.version, reason: '重複' });
      const original = await approvedDisposal(app, c, onSite({ remarks: 'amended' }));
      await loginAs(app, people.clerk);
      const correction = await app.ok('disposal.amend', { disposalId: original.id, version: original.version, reason: '立会者の誤記' });
      await request(correction.id);
      expect(await approveAs(people.manager, correction.id)).toMatchObject({ ok: true });
      const approved = correction.id;
      const byStatus = { draft: draft.id, requested: asked.id, cancelled: cancelled.id, amended: original.id, approved };
      await loginAs(app, chief);
      await app.ok('auth.reauthenticate', { password: chief.password });
      for (const [status, id] of Object.entries(byStatus)) {
        const before = await app.ok('disposal.get', { disposalId: id });
        expect(before.disposal.status).toBe(status);
        const step = { disposalId: id, version: before.disposal.version };
        const calls = {
          update: () => app.call('disposal.update', { ...step, fields: onSite({ remarks: '書換え' }) }),
          request: () => app.call('disposal.request', step),
          return: () => app.call('disposal.return', { ...step, reason: '理由' }),
          approve: () => app.call('disposal.approve', step),
          cancel: () => app.call('disposal.cancel', { ...step, reason: '理由' }),
          amend: () => app.call('disposal.amend', { ...step, reason: '理由' }),
        };
        for (const [action, call] of Object.entries(calls)) {
          if (allowed[action]!.includes(status)) continue;
          const result = await call();
          expect(result, `${action} from ${status}`).toMatchObject({ ok: false, code: 'CONFLICT' });
          expect(result.ok ? '' : result.messageKey, `${action} from ${status}`).toMatch(/^disposal\.errors\./);
        }
        const after = await app.ok('disposal.get', { disposalId: id });
        expect(after.disposal).toEqual(before.disposal);
        expect(after.history).toEqual(before.history);
      }
    });
  });

  describe('amendments', () => {
    it('disposes a medium once through an amendment of an amendment, and refuses one that drops it', async () => {
      const usb = await medium('USB-401');
      const original = await approvedDisposal(app, c, onSite({ targets: [{ kind: 'medium', id: usb }] }));
      await loginAs(app, people.clerk);
      const first = await app.ok('disposal.amend', { disposalId: original.id, version: original.version, reason: '備考の誤記' });
      const dropped = await app.call('disposal.update', { disposalId: first.id, version: first.version, fields: onSite({ targets: [{ kind: 'paper', description: '書類', quantity: 1, unit: '箱' }] }) });
      expect(dropped).toMatchObject({ ok: false, issues: [expect.objectContaining({ messageKey: 'disposal.errors.amendmentDropsTarget' })] });
      await request(first.id);
      expect(await approveAs(people.manager, first.id)).toMatchObject({ ok: true, data: { certificateNo: 'R8-0002' } });
      await loginAs(app, people.clerk);
      const firstNow = (await app.ok('disposal.get', { disposalId: first.id })).disposal;
      const second = await app.ok('disposal.amend', { disposalId: first.id, version: firstNow.version, reason: '再訂正' });
      await request(second.id);
      expect(await approveAs(people.manager, second.id)).toMatchObject({ ok: true, data: { certificateNo: 'R8-0003' } });
      const m = await app.ok('media.get', { mediumId: usb });
      expect(m.medium.status).toBe('disposed');
      expect(m.history.filter((h) => h.action === 'dispose')).toHaveLength(1);
      expect((await app.ok('disposal.get', { disposalId: first.id })).disposal).toMatchObject({ status: 'amended', amendedByCertificateNo: 'R8-0003' });
      expect((await app.ok('disposal.get', { disposalId: original.id })).disposal).toMatchObject({ status: 'amended', amendedByCertificateNo: 'R8-0002' });
    });
  });


  describe('corrections and people', () => {
    it('lets a correction keep the operator and witness who did the work after they moved or left (人事異動)', async () => {
      const original = await approvedDisposal(app, c, onSite());
      await loginAs(app, chief);
      await app.ok('auth.reauthenticate', { password: chief.password });
      await app.ok('users.update', { userId: c.officer, departmentId: tax });
      await app.ok('users.deactivate', { userId: c.otherClerk, reason: '退職' });
      await loginAs(app, people.clerk);
      const correction = await app.ok('disposal.amend', { disposalId: original.id, version: original.version, reason: '備考の誤記' });
      const fixed = await app.ok('disposal.update', { disposalId: correction.id, version: correction.version, fields: onSite({ remarks: '正しい備考' }) });
      expect(await app.call('disposal.request', { disposalId: fixed.id, version: fixed.version })).toMatchObject({ ok: true, data: { status: 'requested' } });
      // Someone who was not in the original is still checked: the departed witness may not become the operator's replacement elsewhere.
      const other = await app.call('disposal.create', onSite());
      expect(other).toMatchObject({ ok: false, issues: [expect.objectContaining({ path: ['operatorId'] })] });
    });
  });


  describe('failed disposals', () => {
    it('refuses a correction that says 失敗 of a record whose media its approval disposed', async () => {
      const usb = await medium('USB-701');
      const original = await approvedDisposal(app, c, onSite({ targets: [{ kind: 'medium', id: usb }] }));
      await loginAs(app, people.clerk);
      const correction = await app.ok('disposal.amend', { disposalId: original.id, version: original.version, reason: '結果の誤記' });
      const failed = onSite({ targets: [{ kind: 'medium', id: usb }], result: 'failed', resultNote: '破砕されていなかった' });
      const result = await app.call('disposal.update', { disposalId: correction.id, version: correction.version, fields: failed });
      // USB-701 stays 廃棄済 whatever a correction says (domain.md §3): a 失敗 certificate would contradict it.
      expect(result).toMatchObject({ ok: false, issues: [expect.objectContaining({ path: ['result'], messageKey: 'disposal.errors.amendmentCannotFail' })] });
      expect(await app.call('disposal.update', { disposalId: correction.id, version: correction.version, fields: { ...failed, result: 'exception' } })).toMatchObject({ ok: true });
    });

    it('lets a second attempt name a medium a failed, approved disposal left as it was', async () => {
      const usb = await medium('USB-601');
      const failed = await approvedDisposal(app, c, onSite({ targets: [{ kind: 'medium', id: usb }], result: 'failed', resultNote: '破砕機の故障で中断' }));
      expect(failed).toMatchObject({ status: 'approved', result: 'failed' });
      await loginAs(app, people.clerk);
      expect((await app.ok('media.get', { mediumId: usb })).medium.status).toBe('in_storage');
      // The failed attempt is true as recorded: the second attempt is a record of its own, not a correction of it.
      const again = await app.call('disposal.create', onSite({ targets: [{ kind: 'medium', id: usb }], performedOn: '2026-11-21' }));
      expect(again, JSON.stringify(again)).toMatchObject({ ok: true });
      await request(again.ok ? again.data.id : 0);
      expect(await approveAs(people.manager, again.ok ? again.data.id : 0)).toMatchObject({ ok: true, data: { certificateNo: 'R8-0002' } });
      expect((await app.ok('media.get', { mediumId: usb })).medium.status).toBe('disposed');
    });
  });

  describe('scope (MIC §9)', () => {

    it("keeps a correction in its original's 課等 (another 課等's manager never marks it 訂正済)", async () => {
      const original = await approvedDisposal(app, c, onSite());
      await makeTaxManager(app, tax);
      await loginAs(app, chief);
      const correction = await app.ok('disposal.amend', { disposalId: original.id, version: original.version, reason: '課等の誤り' });
      const moved = await app.call('disposal.update', {
        disposalId: correction.id,
        version: correction.version,
        fields: disposalInput(tax, { operatorId: c.otherClerk, witnessIds: [c.clerk] }),
      });
      expect(moved).toMatchObject({ ok: false, issues: [expect.objectContaining({ path: ['departmentId'], messageKey: 'disposal.errors.amendmentDepartment' })] });
      expect((await app.ok('disposal.get', { disposalId: correction.id })).disposal).toMatchObject({ departmentId: citizens, version: correction.version });
    });
    it('refuses the approval of a record whose medium moved to another 課等 since, and hides it from the 課等 it left', async () => {
      const usb = await medium('USB-501');
      await loginAs(app, people.clerk);
      const draft = await app.ok('disposal.create', onSite({ targets: [{ kind: 'medium', id: usb }] }));
      await request(draft.id);
      await loginAs(app, chief);
      const m = (await app.ok('media.get', { mediumId: usb })).medium;
      await app.ok('media.update', { mediumId: usb, version: m.version, fields: mediumInput(tax, { mediaNo: 'USB-501' }) });
      const result = await approveAs(people.manager, draft.id);
      expect(result).toMatchObject({ ok: false, issues: [expect.objectContaining({ messageKey: 'disposal.errors.unknownMedium' })] });
      await loginAs(app, people.clerk);
      const seen = (await app.ok('disposal.get', { disposalId: draft.id })).disposal;
      expect(seen).toMatchObject({ status: 'requested', certificateNo: null });
      expect(seen.targets).toEqual([expect.objectContaining({ hidden: true, label: '' })]);
    });

    it("refuses another 課等's candidates, people and records to a clerk", async () => {
      await medium('TAX-001', tax);
      await loginAs(app, people.otherClerk);
      const theirs = await app.ok('disposal.create', disposalInput(tax, { operatorId: c.otherClerk, witnessIds: [c.clerk], remarks: '税務課の秘密' }));
      await loginAs(app, people.clerk);
      expect(await app.call('disposal.targetCandidates', { departmentId: tax, kind: 'medium', text: 'TAX' })).toMatchObject({ ok: false });
      expect(await app.call('disposal.people', { departmentId: tax })).toMatchObject({ ok: false });
      expect(await app.call('disposal.get', { disposalId: theirs.id })).toMatchObject({ ok: false, code: 'NOT_FOUND' });
      expect((await app.ok('disposal.list', { text: '税務課の秘密' })).rows).toHaveLength(0);
      const own = await app.ok('disposal.targetCandidates', { departmentId: citizens, kind: 'medium', text: 'TAX' });
      expect(own).toHaveLength(0);
    });
  });

  describe('people', () => {
    it('refuses duplicate witnesses, unknown ids and the operator as witness', async () => {
      await loginAs(app, people.clerk);
      const cases: [number[], string][] = [
        [[c.otherClerk, c.otherClerk], 'disposal.errors.duplicateWitness'],
        [[2_000_000_000], 'disposal.errors.unknownPerson'],
        [[c.officer], 'errors.separationOfDuties.operator-witness'],
      ];
      for (const [witnessIds, key] of cases) {
        const result = await app.call('disposal.create', onSite({ witnessIds }));
        expect(result.ok).toBe(false);
        expect(JSON.stringify(result)).toContain(key);
      }
      expect((await app.ok('disposal.list', {})).rows).toHaveLength(0);
    });
  });
});
