import { afterEach, describe, expect, it } from 'vitest';
import { chief, makeTestApp, removeTestDir, type TestApp } from './support/backend';
import { holdingInput, ledgerOrganization, loginAs, people } from './support/holdings';

/**
 * 担当課等 change over the years: renamed, closed when a reorganisation ends them. Records
 * keep their department; a closed one takes nothing new, and cannot close while people
 * still belong to it. Lists read in Japanese order, not by code point.
 */
let app: TestApp;
afterEach(() => {
  app.close();
  removeTestDir(app.dir);
});

describe('departments', () => {
  it('lists departments in Japanese order (会計課, 市民課, 税務課, 総務課), active ones first', async () => {
    app = makeTestApp();
    await ledgerOrganization(app);
    await loginAs(app, { loginId: chief.loginId, password: chief.password });
    for (const name of ['総務課', '会計課']) await app.ok('departments.create', { name });
    const names = (await app.ok('departments.list', {})).map((d) => d.name);
    expect(names.filter((n) => ['会計課', '市民課', '税務課', '総務課'].includes(n))).toEqual(['会計課', '市民課', '税務課', '総務課']);
  });

  it('renames and closes a department, refuses to close one people still belong to, and logs each change', async () => {
    app = makeTestApp();
    const d = await ledgerOrganization(app);
    await loginAs(app, people.clerk);
    const h = await app.ok('holdings.create', holdingInput(d.citizens));
    await loginAs(app, { loginId: chief.loginId, password: chief.password });
    const renamed = await app.ok('departments.update', { departmentId: d.citizens, name: '市民窓口課' });
    expect(renamed).toEqual({ id: d.citizens, name: '市民窓口課', active: true });
    expect((await app.ok('holdings.get', { holdingId: h.id })).holding.departmentName).toBe('市民窓口課');
    expect((await app.fail('departments.update', { departmentId: d.citizens, name: '税務課' })).issues?.[0]).toMatchObject({ path: ['name'], messageKey: 'validation.departmentTaken' });
    // Three active accounts belong to 市民窓口課: it stays open.
    const refused = await app.fail('departments.update', { departmentId: d.citizens, active: false });
    expect(refused.issues?.[0]).toMatchObject({ path: ['active'], messageKey: 'validation.departmentHasUsers', params: { count: 3 } });
    // An empty one closes: it leaves the choices, stays in the full list, and takes no new entry.
    const closing = await app.ok('departments.create', { name: '臨時給付金室' });
    expect(await app.ok('departments.update', { departmentId: closing.id, active: false })).toMatchObject({ active: false });
    expect((await app.ok('departments.list', {})).map((x) => x.name)).not.toContain('臨時給付金室');
    expect((await app.ok('departments.list', { includeInactive: true })).at(-1)).toMatchObject({ name: '臨時給付金室', active: false });
    expect((await app.fail('holdings.create', holdingInput(closing.id, { ledgerNo: 'R8-9001' }))).issues?.[0]).toMatchObject({ path: ['departmentId'] });
    const log = await app.ok('audit.query', { action: 'department.update' });
    expect(log.rows.map((r) => r.detail)).toEqual([
      { before: { name: '臨時給付金室', active: true }, after: { name: '臨時給付金室', active: false } },
      { before: { name: '市民課', active: true }, after: { name: '市民窓口課', active: true } },
    ]);
    // Only the chief manages departments.
    await loginAs(app, people.manager);
    expect((await app.fail('departments.update', { departmentId: d.tax, name: '課税課' })).code).toBe('PERMISSION_DENIED');
  });
});
