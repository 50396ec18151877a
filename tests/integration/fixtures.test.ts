import { existsSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { appsPerTest } from './support/apps';
import { chief } from './support/backend';
import { ledgerOrganization, loginAs, people } from './support/holdings';

const { open: freshApp } = appsPerTest();

describe('the organisation fixture (built once per run, copied per test)', () => {
  it('gives each test its own copy, in which everyone can log in', async () => {
    const first = freshApp();
    const second = freshApp();
    const departments = await ledgerOrganization(first);
    expect(await ledgerOrganization(second)).toEqual(departments);
    expect(existsSync(path.join(first.dir, 'keyring.json'))).toBe(true);
    for (const person of [chief, ...Object.values(people)]) {
      await loginAs(first, person);
      expect((await first.ok('session.current'))?.mustChangePassword).toBe(false);
    }
    await loginAs(first, chief);
    await first.ok('departments.create', { name: '福祉課' });
    await loginAs(second, chief);
    expect((await second.ok('departments.list', {})).map((d) => d.name)).not.toContain('福祉課');
    expect((await second.ok('audit.verify')).ok).toBe(true);
  });

  it('refuses an app that is already set up', async () => {
    const app = freshApp();
    await ledgerOrganization(app);
    await expect(ledgerOrganization(app)).rejects.toThrow(/already set up/);
  });
});
