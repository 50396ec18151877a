import type { Page } from 'playwright-core';
import type { ChannelInput } from '../../../db/contract';
import { areaKindDefaults, type AreaKind, type AuthorizationKind, type OutsiderFields } from '../../../db/contract/areas';
import { chief, type TestApp } from '../../integration/support/backend';
import { ledgerOrganization, loginAs as loginThrough, people } from '../../integration/support/holdings';
import { byTestId, shown } from './e2e';
import { loginAs } from './holdings';

export { chief, people };

/**
 * The areas' end-to-end data (issue #12), shared by the screens' tests (register, door, inside,
 * book): the ledger organisation (市民課: clerk 田中, officer 鈴木, manager 山田; 税務課: clerk 加藤;
 * the chief 佐藤) with areas and authorizations made straight through the backend — the UI steps are
 * the tests' business. The clock of both the backend and the browser host starts at
 * 2026-11-22 10:00 JST, so the fiscal year (令和8年度) ends 2027-03-31.
 */
export const today = '2026-11-22';
export const fiscalYearEnd = '2027-03-31';

/** A contractor the stories meet at the door (not in the user list). */
export const contractor: OutsiderFields = { name: '高橋 保', kana: 'タカハシ タモツ', affiliation: '株式会社北部システム保守' };

/** An area's fields with its kind's rules (the form's defaults). */
export function areaInput(departmentId: number, name: string, kind: AreaKind, overrides: Partial<ChannelInput<'areas.create'>> = {}): ChannelInput<'areas.create'> {
  return { departmentId, name, kind, location: '', remarks: '', ...areaKindDefaults[kind], ...overrides };
}

/** An authorization from today to the fiscal year's end; `person` is any PersonRef (a new outsider by default). */
export function authorizationInput(
  departmentId: number,
  areaIds: number[],
  overrides: Partial<ChannelInput<'areas.authorizations.create'>> = {},
): ChannelInput<'areas.authorizations.create'> {
  return {
    departmentId,
    person: { kind: 'new', outsider: contractor },
    kind: 'maintenance' satisfies AuthorizationKind,
    affiliation: contractor.affiliation,
    areaIds,
    purpose: 'サーバ保守',
    validFrom: today,
    validUntil: fiscalYearEnd,
    permitNo: '',
    remarks: '',
    ...overrides,
  };
}

export interface AreasOrganization {
  citizens: number;
  tax: number;
  /** 市民課's サーバ室 (情報システム室: escort required, devices inspected in and out). */
  serverRoom: number;
  /** 市民課's 市民課執務室 (取扱区域). */
  office: number;
  /** 税務課's 税務課書庫 (書庫・保管庫): outside 市民課's scope. */
  taxArchive: number;
}

/**
 * The organisation with three areas and no authorization (left logged out). Call it on a fresh
 * backend, e.g. from `preparedPerFile`'s stager: `stage('areas', null, (b) => areasOrganization(b))`.
 */
export async function areasOrganization(backend: TestApp): Promise<AreasOrganization> {
  const { citizens, tax } = await ledgerOrganization(backend);
  await loginThrough(backend, people.manager);
  const serverRoom = (await backend.ok('areas.create', areaInput(citizens, 'サーバ室', 'systemRoom', { location: '本庁舎3階' }))).id;
  const office = (await backend.ok('areas.create', areaInput(citizens, '市民課執務室', 'handling', { location: '本庁舎1階' }))).id;
  await loginThrough(backend, chief);
  const taxArchive = (await backend.ok('areas.create', areaInput(tax, '税務課書庫', 'archive'))).id;
  await backend.ok('auth.logout');
  return { citizens, tax, serverRoom, office, taxArchive };
}

/**
 * The manager 山田 authorizes the contractor 高橋 for the サーバ室 until the fiscal year's end (left
 * logged out); returns the authorization's id and permit number.
 */
export async function authorizeContractor(backend: TestApp, org: AreasOrganization, overrides: Partial<ChannelInput<'areas.authorizations.create'>> = {}) {
  await loginThrough(backend, people.manager);
  const authorization = await backend.ok('areas.authorizations.create', authorizationInput(org.citizens, [org.serverRoom], overrides));
  await backend.ok('auth.logout');
  return { id: authorization.id, permitNo: authorization.permitNo, personId: authorization.personId };
}

/** The ids of an organisation built earlier in a closed data folder (read as the chief; left logged out). */
export async function areasOf(backend: TestApp): Promise<AreasOrganization> {
  await loginThrough(backend, chief);
  const departments = await backend.ok('departments.list', { includeInactive: false });
  const areas = await backend.ok('areas.list', { includeRetired: true });
  await backend.ok('auth.logout');
  const dept = (name: string) => departments.find((d) => d.name === name)!.id;
  const area = (name: string) => areas.find((a) => a.name === name)!.id;
  return { citizens: dept('市民課'), tax: dept('税務課'), serverRoom: area('サーバ室'), office: area('市民課執務室'), taxArchive: area('税務課書庫') };
}

export type AreaTabKey = 'door' | 'inside' | 'book' | 'authorizations' | 'areas';

/** The panel's data-testid for each tab. */
export const areaPanels: Record<AreaTabKey, string> = {
  door: 'areas-DoorPanel',
  inside: 'areas-InsidePanel',
  book: 'areas-BookPanel',
  authorizations: 'areas-AuthorizationsPanel',
  areas: 'areas-AreasPanel',
};

/** In the main frame: 取扱区域の入退室, then one of its tabs (its panel shown). */
export async function openAreaTab(page: Page, tab: AreaTabKey): Promise<void> {
  await byTestId(page, 'nav-areas').click();
  await (await shown(page, `tab-${tab}`)).click();
  await shown(page, areaPanels[tab]);
}

/** From the login screen: `person` signs in and opens a tab of the areas screen. */
export async function openAreasAs(page: Page, person: { loginId: string; password: string }, tab: AreaTabKey): Promise<void> {
  await shown(page, 'login-screen');
  await loginAs(page, person);
  await openAreaTab(page, tab);
}

/**
 * Picks a person in a PersonPicker (testId `picker`) from the keyboard alone: types `text`, waits
 * for the option naming `name` (or the 新規 option when `name` is null), moves to it with ↓ and
 * presses Enter. The input keeps the focus (for a new outsider, the focus moves on to よみ).
 */
export async function pickPerson(page: Page, picker: string, text: string, name: string | null): Promise<void> {
  const input = byTestId(page, `${picker}-input`);
  await input.focus();
  await page.keyboard.type(text);
  const list = byTestId(page, `${picker}-list`);
  const target = name === null ? byTestId(page, `${picker}-new`) : list.locator('[role="option"]', { hasText: name }).first();
  await target.waitFor({ state: 'visible' });
  // ↓ until the wanted option is the active one (the first is active when the answer arrives).
  // The answer for the whole text is in (while it is on its way the last one stays shown, and Enter waits).
  await page.locator(`[data-testid="${picker}-list"][aria-busy="false"]`).waitFor();
  for (let n = 0; n < 25 && (await target.getAttribute('aria-selected')) !== 'true'; n++) await page.keyboard.press('ArrowDown');
  await page.keyboard.press('Enter');
  await list.waitFor({ state: 'hidden' });
}
