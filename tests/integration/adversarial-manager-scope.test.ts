import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { ChannelOutput, VerificationFinding } from '../../db/contract';
import type { Db } from '../../db/store/database';
import { chief, createUser, firstLogin, reauth, type TestApp } from './support/backend';
import { databaseKeyFromPassword, openWithRawKey } from './support/documentedFormat';
import { holdingInput, ledgerAppPerTest, loginAs, people } from './support/holdings';

/**
 * Issue #9 item 3: a 市民課 manager read 税務課's events and accounts through the side doors
 * (the access log's filters, its CSV, the account list), though the holdings channels are
 * scoped. A manager now reads only their own 課等's events and accounts; the chief reads all.
 */
let app: TestApp;
let d: { citizens: number; tax: number };
ledgerAppPerTest((a, departments) => {
  app = a;
  d = departments;
});

type Event = ChannelOutput<'audit.query'>['rows'][number];
const taxWords = ['固定資産税課税台帳', '納税 太郎', '加藤 三郎', 'kato', '税務課'];

/** 税務課's clerk enters a holding and a usage entry naming a person; 市民課's clerk one of her own. */
async function twoDepartmentsAtWork(): Promise<{ taxHolding: number; citizensHolding: number; taxClerkId: number }> {
  await loginAs(app, people.otherClerk);
  const tax = await app.ok('holdings.create', holdingInput(d.tax, { ledgerNo: 'T-0001', name: '固定資産税課税台帳' }));
  await app.ok('holdings.usage.add', { holdingId: tax.id, kind: 'use', usedOn: '2026-11-20', personName: '納税 太郎', purpose: '課税照会', count: 3 });
  const taxClerkId = (await app.ok('session.current'))!.userId;
  await loginAs(app, people.clerk);
  const own = await app.ok('holdings.create', holdingInput(d.citizens, { ledgerNo: 'C-0001' }));
  await app.ok('holdings.usage.add', { holdingId: own.id, kind: 'use', usedOn: '2026-11-20', personName: '市民 花子', purpose: '証明書発行', count: null });
  return { taxHolding: tax.id, citizensHolding: own.id, taxClerkId };
}

/** Every event a query returns, page by page (pageSize small enough to page). */
async function allPages(filters: Record<string, unknown>, pageSize = 7): Promise<{ rows: Event[]; totals: number[] }> {
  const rows: Event[] = [];
  const totals: number[] = [];
  for (let page = 1; ; page++) {
    const result = await app.ok('audit.query', { ...filters, page, pageSize } as never);
    totals.push(result.total);
    rows.push(...result.rows);
    if (result.rows.length < pageSize) return { rows, totals };
  }
}

function mentionsTax(e: Event, ids: { taxHolding: number; taxClerkId: number }): boolean {
  const text = JSON.stringify(e);
  return (
    (e.targetType === 'holding' && e.targetId === String(ids.taxHolding)) ||
    (e.targetType === 'user' && e.targetId === String(ids.taxClerkId)) ||
    e.actorUserId === ids.taxClerkId ||
    taxWords.some((w) => text.includes(w))
  );
}

describe("a manager's access log holds their own 課等's events only", () => {
  it("audit.query {targetType:'holding'} returns no event of 税務課's holding, and its total counts none", async () => {
    const ids = await twoDepartmentsAtWork();
    await loginAs(app, people.manager);
    const page = await app.ok('audit.query', { targetType: 'holding', pageSize: 50 });
    expect(page.rows.filter((e) => mentionsTax(e, ids))).toEqual([]);
    expect(page.rows.map((e) => e.action).sort()).toEqual(['holdings.create', 'holdings.usage.add']);
    expect(page.total).toBe(2);
    // Their own 課等's events keep their words: the usage entry names its person.
    const usage = page.rows.find((e) => e.action === 'holdings.usage.add')!;
    expect(JSON.stringify(usage.words)).toContain('市民 花子');
    expect(usage.target).toEqual({ number: 'C-0001', name: '住民基本台帳ファイル' });
  });

  it('leaks nothing of 税務課 through any filter, page or total', async () => {
    const ids = await twoDepartmentsAtWork();
    await loginAs(app, people.manager);
    const filters: Record<string, unknown>[] = [{}, { changesOnly: true }, { action: 'holdings.' }, { action: 'auth.' }, { targetType: 'user' }, { from: '2026-11-01', to: '2026-11-30' }];
    for (const f of filters) {
      const { rows, totals } = await allPages(f);
      expect(rows.filter((e) => mentionsTax(e, ids)), JSON.stringify(f)).toEqual([]);
      // The first page's total is exactly the events the pages hold. (Each page's own audit.view
      // event is appended as we page, pushing the rest down one: a row may come twice, none is missed.)
      expect(new Set(rows.map((e) => e.seq)).size, JSON.stringify(f)).toBe(totals[0]);
    }
    // Asking for 税務課's clerk by id finds nothing: not their logins, not their holdings.
    const byActor = await app.ok('audit.query', { actorUserId: ids.taxClerkId, pageSize: 50 });
    expect(byActor).toEqual({ rows: [], total: 0 });
    const byTarget = await app.ok('audit.query', { targetType: 'user', pageSize: 200 });
    expect(byTarget.rows.some((e) => e.targetId === String(ids.taxClerkId))).toBe(false);
  });

  it('gives the chief the whole organisation, 税務課 included', async () => {
    const ids = await twoDepartmentsAtWork();
    await loginAs(app, chief);
    const page = await app.ok('audit.query', { targetType: 'holding', pageSize: 50 });
    expect(page.total).toBe(4);
    const usage = page.rows.find((e) => e.action === 'holdings.usage.add' && e.targetId === String(ids.taxHolding))!;
    expect(JSON.stringify(usage.words)).toContain('納税 太郎');
  });

  it('audit.exportCsv writes only their 課等 events, and counts only those', async () => {
    const ids = await twoDepartmentsAtWork();
    await loginAs(app, people.manager);
    const screen = await app.ok('audit.query', { pageSize: 200 });
    await reauth(app, people.manager.password);
    app.saveAnswer.path = path.join(app.outDir, 'log.csv');
    const exported = await app.ok('audit.exportCsv', {});
    const csv = readFileSync(exported.savedTo!, 'utf8');
    for (const word of taxWords) expect(csv).not.toContain(word);
    expect(csv).toContain('市民 花子');
    // What the screen showed, plus the screen's own audit.view and the re-authentication.
    expect(exported.rowCount).toBe(screen.total + 2);
    expect(ids.taxHolding).toBeGreaterThan(0);
  });

  it("names no other 課等's account in an event a manager may see (by someone of their 課等, about 税務課's clerk)", async () => {
    await loginAs(app, chief);
    await reauth(app, chief.password);
    const accounts = await app.ok('users.list', {});
    const kato = accounts.find((u) => u.loginId === 'kato')!;
    const sato = accounts.find((u) => u.loginId === 'sato')!;
    // The chief joins 市民課, so his events are of its people; then he renames 税務課's clerk.
    await app.ok('users.update', { userId: sato.id, departmentId: d.citizens });
    await app.ok('users.update', { userId: kato.id, displayName: '加藤 三郎（税）' });
    await loginAs(app, people.manager);
    const { rows } = await allPages({ targetType: 'user' }, 50);
    const rename = rows.find((r) => r.targetId === String(kato.id) && r.action === 'user.update')!;
    expect(rename.actorUserId).toBe(sato.id);
    expect(rename.target).toBeNull();
    expect(rename.detail).toEqual({});
    expect(JSON.stringify(rename)).not.toContain('加藤');
  });
});

describe("a manager's account lists and reviews are their 課等's", () => {
  it('users.list and users.accountReview show a manager their own staff only; the chief all', async () => {
    await loginAs(app, people.manager);
    const mine = await app.ok('users.list', { includeInactive: true });
    expect(mine.map((u) => u.loginId).sort()).toEqual(['suzuki', 'tanaka', 'yamada']);
    expect(mine.every((u) => u.departmentId === d.citizens)).toBe(true);
    const review = await app.ok('users.accountReview');
    expect(review.map((u) => u.loginId).sort()).toEqual(['suzuki', 'tanaka', 'yamada']);
    await loginAs(app, chief);
    expect((await app.ok('users.list', {})).map((u) => u.loginId).sort()).toEqual(['kato', 'sato', 'suzuki', 'tanaka', 'yamada']);
  });

  it("audit.reviews.list shows a manager their 課等's reviews, not the chief's findings", async () => {
    await loginAs(app, chief);
    await app.ok('audit.reviews.create', { periodFrom: '2026-11-01', periodTo: '2026-11-22', findings: '税務課の閲覧が多い' });
    await loginAs(app, people.manager);
    await app.ok('audit.reviews.create', { periodFrom: '2026-11-01', periodTo: '2026-11-22', findings: '異常なし' });
    const reviews = await app.ok('audit.reviews.list');
    expect(reviews.map((r) => r.findings)).toEqual(['異常なし']);
    await loginAs(app, chief);
    expect((await app.ok('audit.reviews.list')).map((r) => r.findings)).toEqual(['異常なし', '税務課の閲覧が多い']);
  });
});

describe("改ざん検査 tells a manager of their own 課等's rows only (issue #9 item 3)", () => {
  const auditor = { loginId: 'ito', displayName: '伊藤 監査', password: 'Kansa-2026-pw-i' };

  /** An auditor (of 税務課, so the scope is the role's and not the 課等's), first password changed. */
  async function addAuditor(): Promise<void> {
    await loginAs(app, chief);
    await createUser(app, { ...auditor, role: 'auditor', password: 'Initial-2026-e', departmentId: d.tax });
    await app.ok('auth.logout');
    await firstLogin(app, auditor.loginId, 'Initial-2026-e', auditor.password);
  }

  /** With the app closed, as an insider with the key would: SQL straight into the file. */
  async function tamper(change: (db: Db) => void): Promise<void> {
    if ((await app.ok('session.current')) !== null) await app.ok('auth.logout');
    const db = openWithRawKey(path.join(app.dir, 'daicho.db'), databaseKeyFromPassword(path.join(app.dir, 'keyring.json'), chief.loginId, chief.password));
    try {
      db.exec('DROP TRIGGER IF EXISTS holding_history_no_update');
      change(db);
    } finally {
      db.close();
    }
  }

  async function verifyAs(person: { loginId: string; password: string }): Promise<ChannelOutput<'audit.verify'>> {
    await loginAs(app, person);
    return app.ok('audit.verify');
  }

  const otherDepartments: VerificationFinding = { kind: 'otherDepartments', params: {}, fieldKeys: [] };

  it("names a 税務課 row edited behind the app's back to the chief and the auditor, and to a 市民課 manager only that something was found elsewhere", async () => {
    await addAuditor();
    const ids = await twoDepartmentsAtWork();
    await tamper((db) => db.prepare("UPDATE holdings SET storage_location = '自宅' WHERE id = ?").run(ids.taxHolding));
    const named = { kind: 'rowChanged', params: { ledger: 'tamperFindings.ledgers.holdings', id: ids.taxHolding, number: 'T-0001' }, fieldKeys: ['holdingFields.storageLocation'] };
    for (const reader of [chief, auditor]) {
      const v = await verifyAs(reader);
      expect(v.ok, reader.loginId).toBe(false);
      expect(v.findings, reader.loginId).toEqual([named]);
    }
    const v = await verifyAs(people.manager);
    expect(v.ok).toBe(false);
    expect(v.findings).toEqual([otherDepartments]);
    // Neither its 管理番号, nor its id, nor the field that differs.
    const text = JSON.stringify(v);
    for (const word of ['T-0001', '固定資産税課税台帳', 'storageLocation', 'rowChanged']) expect(text).not.toContain(word);
    // 税務課's own clerk has no audit.view at all: the finding is for the chief and the auditor.
    await loginAs(app, people.otherClerk);
    expect((await app.call('audit.verify')).ok).toBe(false);
  });

  it("names an edit of a 市民課 row to the 市民課 manager, with only a note of 税務課's", async () => {
    const ids = await twoDepartmentsAtWork();
    await tamper((db) => {
      db.prepare("UPDATE holdings SET subject_count = 1 WHERE id = ?").run(ids.citizensHolding);
      db.prepare("UPDATE holding_history SET note = '書換え' WHERE id = (SELECT min(id) FROM holding_history WHERE holding_id = ?)").run(ids.taxHolding);
    });
    const v = await verifyAs(people.manager);
    expect(v.ok).toBe(false);
    expect(v.findings).toEqual([
      { kind: 'rowChanged', params: { ledger: 'tamperFindings.ledgers.holdings', id: ids.citizensHolding, number: 'C-0001' }, fieldKeys: ['holdingFields.subjectCount'] },
      otherDepartments,
    ]);
    // The chief is told of both: the 市民課 row and 税務課's history row.
    const all = await verifyAs(chief);
    expect(all.findings?.map((f) => f.kind).sort()).toEqual(['historyChanged', 'rowChanged']);
    expect(all.findings?.find((f) => f.kind === 'historyChanged')?.params).toMatchObject({ recordId: ids.taxHolding });
  });

  it('tells a manager nothing more when only their own 課等 was edited, and nothing at all on a clean log', async () => {
    const ids = await twoDepartmentsAtWork();
    expect(await verifyAs(people.manager)).toMatchObject({ ok: true, findings: [] });
    await tamper((db) => db.prepare("UPDATE holdings SET name = '改名' WHERE id = ?").run(ids.citizensHolding));
    const v = await verifyAs(people.manager);
    expect(v.findings?.map((f) => f.kind)).toEqual(['rowChanged']);
    expect(v.findings?.[0]?.params).toMatchObject({ number: 'C-0001' });
  });
});
