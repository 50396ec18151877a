import type { ChannelInput } from '../../../db/contract';
import { afterEach, beforeEach } from 'vitest';
import { createUser, firstLogin, makeTestApp, removeTestDir, setUpOrganization, type TestApp } from './backend';
import { fromFixture } from './fixtures';

/** A holding as a clerk would enter it; `overrides` changes single fields. */
export function holdingInput(departmentId: number, overrides: Partial<ChannelInput<'holdings.create'>> = {}): ChannelInput<'holdings.create'> {
  return {
    ledgerNo: 'R8-0001',
    name: '住民基本台帳ファイル',
    departmentId,
    owner: '市民課長',
    handlers: ['田中 花子'],
    purpose: '住民基本台帳法に基づく住民の居住関係の公証',
    recordItems: ['氏名', '住所', '生年月日'],
    recordScope: '市内に住所を有する者',
    collectionMethod: '届出',
    subjectCount: 800,
    subjectCountApproximate: true,
    containsSensitive: false,
    containsMyNumber: false,
    medium: 'electronic',
    storageLocation: 'サーバ室',
    storageMethod: '暗号化',
    authorizedPersons: ['市民課職員'],
    recipients: [],
    contractors: [],
    foreignHandling: '',
    useUntil: null,
    retention: '2031-03-31',
    disposalMethod: '消去ソフトによる上書き消去',
    remarks: '',
    ...overrides,
  };
}

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
