import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { chief, reauth, type TestApp } from './support/backend';
import { holdingInput, ledgerAppPerTest, loginAs, people } from './support/holdings';

/**
 * A second adversarial pass on issue #9 items 3 and 4 (manager scope, re-authentication).
 * Each `describe` is one attack; the ones named "defect" failed before their fix.
 */
let app: TestApp;
let d: { citizens: number; tax: number };
ledgerAppPerTest((a, departments) => {
  app = a;
  d = departments;
});

async function managerWithHolding(): Promise<void> {
  await loginAs(app, people.manager);
  await app.ok('holdings.create', holdingInput(d.citizens, { ledgerNo: 'C-1' }));
}

describe('defect: a lock while the re-authentication runs left its window open after the unlock', () => {
  it('refuses the export after lock → unlock when the lock came while scrypt ran', async () => {
    await managerWithHolding();
    // The password is checked (scrypt, awaited) while the screen is locked (the OS lock, the idle timer).
    const pending = app.call('auth.reauthenticate', { password: people.manager.password });
    await app.ok('session.lock');
    expect((await pending).ok).toBe(false);
    await app.ok('session.unlock', { password: people.manager.password });
    app.saveAnswer.path = path.join(app.outDir, 'after-unlock.csv');
    expect((await app.fail('holdings.exportCsv', { filters: {} })).code).toBe('REAUTH_REQUIRED');
    expect(existsSync(app.saveAnswer.path)).toBe(false);
  });

  it('held: a completed re-authentication is reset by lock → unlock, and not given to the next login', async () => {
    await managerWithHolding();
    await reauth(app, people.manager.password);
    await app.ok('session.lock');
    await app.ok('session.unlock', { password: people.manager.password });
    expect((await app.fail('holdings.exportCsv', { filters: {} })).code).toBe('REAUTH_REQUIRED');
    await reauth(app, people.manager.password);
    await loginAs(app, chief);
    expect((await app.fail('audit.exportCsv', {})).code).toBe('REAUTH_REQUIRED');
  });
});

describe('defect: the 5-minute window grew when the clock was set back', () => {
  it('refuses the export once 5 minutes of the window are no longer certain (clock moved back an hour)', async () => {
    await managerWithHolding();
    await reauth(app, people.manager.password);
    app.clock.advance(-60 * 60 * 1000);
    app.saveAnswer.path = path.join(app.outDir, 'clock-back.csv');
    expect((await app.fail('holdings.exportCsv', { filters: {} })).code).toBe('REAUTH_REQUIRED');
    expect(existsSync(app.saveAnswer.path)).toBe(false);
    // Re-entering the password opens a fresh window on the clock as it reads now.
    await reauth(app, people.manager.password);
    expect((await app.ok('holdings.exportCsv', { filters: {} })).rowCount).toBe(1);
  });
});

describe('defect: a reason of invisible characters counted as a reason', () => {
  const invisible = ['\u200B', '\u200B\u2060\u00AD', '\u3000\u200C\u200D', '\u3164', '\u2800'];
  for (const text of invisible) {
    it(`refuses ${JSON.stringify(text)} as the reason for loosening a setting`, async () => {
      await loginAs(app, chief);
      await reauth(app, chief.password);
      const f = await app.fail('settings.update', { idleLockMinutes: 60, reason: text });
      expect(f).toMatchObject({ code: 'INVALID_INPUT', issues: [{ path: ['reason'], messageKey: 'validation.required' }] });
      expect((await app.ok('settings.get')).idleLockMinutes).toBe(5);
    });
  }

  it('still takes a reason with a zero-width character beside visible text, and the settings neutral change needs none', async () => {
    await loginAs(app, chief);
    await reauth(app, chief.password);
    await app.ok('settings.update', { idleLockMinutes: 10, reason: '運用\u200B見直し' });
    expect((await app.ok('settings.get')).idleLockMinutes).toBe(10);
  });
});

describe("defect: the chief's access-log search named another 課等's person to a manager", () => {
  it("shows a 市民課 manager the chief's search for 税務課's clerk without the clerk's name", async () => {
    await loginAs(app, chief);
    await reauth(app, chief.password);
    const accounts = await app.ok('users.list', {});
    const kato = accounts.find((u) => u.loginId === people.otherClerk.loginId)!;
    const sato = accounts.find((u) => u.loginId === chief.loginId)!;
    // The chief belongs to 市民課, so his events are of its people; he looks up 税務課's clerk.
    await app.ok('users.update', { userId: sato.id, departmentId: d.citizens });
    await app.ok('audit.query', { actorUserId: kato.id, pageSize: 10 });
    await loginAs(app, people.manager);
    const page = await app.ok('audit.query', { action: 'audit.view', actorUserId: sato.id, pageSize: 50 });
    const search = page.rows.find((r) => JSON.stringify(r.detail).includes(`"actorUserId":${kato.id}`));
    expect(search, 'the chief’s search is an event of 市民課’s people').toBeDefined();
    expect(JSON.stringify(search)).not.toContain(people.otherClerk.displayName);
    expect(search!.words).toEqual([{ label: { key: 'audit.actor' }, value: [{ key: 'auditDetail.otherPerson' }] }]);
    await reauth(app, people.manager.password);
    app.saveAnswer.path = path.join(app.outDir, 'manager-log.csv');
    await app.ok('audit.exportCsv', { action: 'audit.view' });
    const csv = readFileSync(app.saveAnswer.path, 'utf8');
    expect(csv).not.toContain(people.otherClerk.displayName);
    expect(csv).toContain('他の課等の職員');
    // A person of their own 課等 is still named.
    await app.ok('audit.query', { actorUserId: sato.id, pageSize: 10 });
    const own = await app.ok('audit.query', { action: 'audit.view', pageSize: 5 });
    expect(JSON.stringify(own.rows[0]!.words)).toContain(chief.displayName);
  });
});

describe("defect: a clerk moved to 市民課 brought 税務課's searches with him", () => {
  it("hides his searches and exports made in 税務課 from 市民課's manager, screen and CSV; shows those made since", async () => {
    await loginAs(app, people.otherClerk);
    await app.ok('holdings.create', holdingInput(d.tax, { ledgerNo: 'T-1', name: '固定資産税課税台帳' }));
    // A search word may be a taxpayer's name: 税務課's business.
    await app.ok('holdings.list', { text: '納税 太郎' });
    const kato = (await app.ok('session.current'))!.userId;
    await loginAs(app, chief);
    await reauth(app, chief.password);
    await app.ok('users.update', { userId: kato, departmentId: d.citizens });
    await loginAs(app, people.otherClerk);
    await app.ok('holdings.list', { text: '住民票' });
    await loginAs(app, people.manager);
    const page = await app.ok('audit.query', { actorUserId: kato, action: 'holdings.list', pageSize: 50 });
    expect(page.rows).toHaveLength(2);
    expect(JSON.stringify(page)).not.toContain('納税');
    expect(JSON.stringify(page.rows[0]!.words)).toContain('住民票');
    await reauth(app, people.manager.password);
    app.saveAnswer.path = path.join(app.outDir, 'log.csv');
    await app.ok('audit.exportCsv', { actorUserId: kato });
    const csv = readFileSync(app.saveAnswer.path, 'utf8');
    expect(csv).not.toContain('納税');
    expect(csv).toContain('住民票');
  });
});

describe("defect: the chief's review findings reached a manager once the chief was of their 課等", () => {
  it('lists a manager the reviews of their 課等’s managers, never the chief’s, whatever 課等 the chief is in', async () => {
    await loginAs(app, chief);
    await reauth(app, chief.password);
    const sato = (await app.ok('users.list', {})).find((u) => u.loginId === chief.loginId)!;
    await app.ok('users.update', { userId: sato.id, departmentId: d.citizens });
    await app.ok('audit.reviews.create', { periodFrom: '2026-11-01', periodTo: '2026-11-22', findings: '税務課 加藤の閲覧が多い' });
    await loginAs(app, people.manager);
    await app.ok('audit.reviews.create', { periodFrom: '2026-11-01', periodTo: '2026-11-22', findings: '異常なし' });
    expect((await app.ok('audit.reviews.list')).map((r) => r.findings)).toEqual(['異常なし']);
  });
});

describe('attacks that held', () => {
  it('a settings change split in steps (10 → 9 → 8) needs a reason and the password at each loosening step', async () => {
    await loginAs(app, chief);
    expect((await app.fail('settings.update', { passwordPolicy: { minLength: 9, minClasses: 2 }, reason: '段階的に' })).code).toBe('REAUTH_REQUIRED');
    await reauth(app, chief.password);
    await app.ok('settings.update', { passwordPolicy: { minLength: 9, minClasses: 2 }, reason: '段階的に' });
    app.clock.advance(5 * 60 * 1000 + 1);
    expect((await app.fail('settings.update', { passwordPolicy: { minLength: 8, minClasses: 2 }, reason: '段階的に' })).code).toBe('REAUTH_REQUIRED');
    expect((await app.ok('settings.get')).passwordPolicy.minLength).toBe(9);
  });

  it('a manager cannot read another 課等 through the actor filter with a crafted page far past the end', async () => {
    await loginAs(app, people.otherClerk);
    await app.ok('holdings.create', holdingInput(d.tax, { ledgerNo: 'T-1', name: '固定資産税課税台帳' }));
    const katoId = (await app.ok('session.current'))!.userId;
    await loginAs(app, people.manager);
    for (const page of [1, 2, 1000]) {
      expect(await app.ok('audit.query', { actorUserId: katoId, page, pageSize: 200 })).toEqual({ rows: [], total: 0 });
    }
    expect(JSON.stringify(await app.ok('audit.query', { targetType: 'holding', pageSize: 200 }))).not.toContain('固定資産税');
  });
});
