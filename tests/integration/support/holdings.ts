import { writeFileSync } from 'node:fs';
import { afterEach, beforeEach } from 'vitest';
import type { ChannelInput, ChannelOutput } from '../../../db/contract';
import { createUser, firstLogin, makeTestApp, removeTestDir, setUpOrganization, type TestApp } from './backend';
import { fromFixture } from './fixtures';

export { holdingInput } from './holdingInput';

export const people = {
  clerk: { loginId: 'tanaka', displayName: '田中 花子', password: 'Hanako-2026-pw' },
  officer: { loginId: 'suzuki', displayName: '鈴木 次郎', password: 'Jiro-2026-pw-x' },
  manager: { loginId: 'yamada', displayName: '山田 課長', password: 'Kacho-2026-pw-y' },
  otherClerk: { loginId: 'kato', displayName: '加藤 三郎', password: 'Saburo-2026-pw' },
};

/**
 * An organisation with two departments: 市民課 (clerk, officer, manager) and 税務課 (another
 * clerk), every first password changed. No one is logged in. A fresh test app gets a copy
 * of the one built for this run (support/fixtures.ts); a caller without a data folder of
 * its own (the end-to-end host) has it built through its calls.
 */
export function ledgerOrganization(app: TestApp): Promise<{ citizens: number; tax: number }> {
  return app.dir ? fromFixture(app, 'ledger-organization', buildLedgerOrganization) : buildLedgerOrganization(app);
}

/** Builds the organisation above through the router: setup, departments, accounts, first logins. */
export async function buildLedgerOrganization(app: TestApp): Promise<{ citizens: number; tax: number }> {
  await setUpOrganization(app);
  const citizens = (await app.ok('departments.create', { name: '市民課' })).id;
  const tax = (await app.ok('departments.create', { name: '税務課' })).id;
  await createUser(app, { ...people.clerk, role: 'clerk', password: 'Initial-2026-a', departmentId: citizens });
  await createUser(app, { ...people.officer, role: 'officer', password: 'Initial-2026-b', departmentId: citizens });
  await createUser(app, { ...people.manager, role: 'manager', password: 'Initial-2026-c', departmentId: citizens });
  await createUser(app, { ...people.otherClerk, role: 'clerk', password: 'Initial-2026-d', departmentId: tax });
  await app.ok('auth.logout');
  for (const [p, initial] of [
    [people.clerk, 'Initial-2026-a'],
    [people.officer, 'Initial-2026-b'],
    [people.manager, 'Initial-2026-c'],
    [people.otherClerk, 'Initial-2026-d'],
  ] as const) {
    await firstLogin(app, p.loginId, initial, p.password);
    await app.ok('auth.logout');
  }
  return { citizens, tax };
}

export async function loginAs(app: TestApp, person: { loginId: string; password: string }): Promise<void> {
  if ((await app.ok('session.current')) !== null) await app.ok('auth.logout');
  await app.ok('auth.login', { loginId: person.loginId, password: person.password });
}

/**
 * Each test of the file gets a fresh app on a copy of the ledger organisation, closed and
 * removed after it; `use` receives the app and the departments' ids.
 */
export function ledgerAppPerTest(use: (app: TestApp, departments: { citizens: number; tax: number }) => void): void {
  let app: TestApp;
  beforeEach(async () => {
    app = makeTestApp();
    use(app, await ledgerOrganization(app));
  });
  afterEach(() => {
    app.close();
    removeTestDir(app.dir);
  });
}

/** Writes `text` (as given: add a BOM or an encoding yourself) to `file`, has the user pick it for 取込, and opens it. */
export async function openCsv(app: TestApp, file: string, text: string): Promise<ChannelOutput<'holdings.import.open'>> {
  writeFileSync(file, text);
  app.openAnswer.path = file;
  return app.ok('holdings.import.open');
}

/** Opens the CSV as above and commits it with the mapping the app suggested. */
export async function importCsv(app: TestApp, file: string, text: string): Promise<ChannelOutput<'holdings.import.commit'>> {
  const opened = await openCsv(app, file, text);
  return app.ok('holdings.import.commit', { importId: opened.importId, mapping: opened.suggestedMapping } as ChannelInput<'holdings.import.commit'>);
}
