import { cpSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { makeTestApp, type TestApp } from '../../integration/support/backend';
import { holdingInput, ledgerOrganization, loginAs as loginThrough, people } from '../../integration/support/holdings';
import { byTestId, shown } from './e2e';

export { people };

/** The entry the story registers, as the clerk types it into the form. */
export const registered = {
  ledgerNo: 'R8-0101',
  name: '住民基本台帳ファイル',
  owner: '市民課長',
  handlers: ['田中 花子'],
  purpose: '住民基本台帳法に基づく住民の居住関係の公証',
  recordItems: ['氏名', '住所', '生年月日', '性別'],
  recordScope: '市内に住所を有する者',
  collectionMethod: '',
  subjectCount: 3000,
  subjectCountApproximate: true,
  medium: 'electronic' as const,
  storageLocation: 'サーバ室（施錠）',
  storageMethod: '暗号化',
  authorizedPersons: ['市民課職員'],
  retention: '2031-03-31',
  disposalMethod: '消去ソフトによる上書き消去',
};

export const csvHeader = '番号,名称,課名,利用目的,記録項目,本人の数,媒体,保管庫,要配慮\n';
export const csvRows = {
  good: 'R8-0201,国民健康保険被保険者台帳,市民課,保険給付のため,"氏名、住所",約1200人,電子,書庫A,○\nR8-0202,研修受講者名簿,市民課,研修の実施管理,氏名,45,紙,書庫B,\n',
  badMedium: 'R8-0201,国民健康保険被保険者台帳,市民課,保険給付のため,"氏名、住所",約1200人,電子,書庫A,○\nR8-0202,研修受講者名簿,市民課,研修の実施管理,氏名,45,フロッピー,書庫B,\n',
};

/**
 * The story's states, each a closed data folder a test copies and starts from, so every test
 * runs alone: 'organization' (市民課 and 税務課, their people), 'registered' (the clerk's entry),
 * 'verified' (by the officer), 'changed' (a use recorded and the storage changed by the clerk),
 * 'imported' (two more entries from CSV) and 'long' (the organisation with 120 entries, the first
 * with 55 uses, for paging).
 * Made once per file, straight through the backend: the UI steps are the tests' business.
 */
export type Stage = 'organization' | 'registered' | 'verified' | 'changed' | 'imported' | 'long';

export interface Stages {
  dir(stage: Stage): string;
  dispose(): void;
}

export async function prepareStages(): Promise<Stages> {
  const root = mkdtempSync(path.join(tmpdir(), 'daicho-e2e-stages-'));
  const dir = (stage: Stage) => path.join(root, stage);
  // A stage starts as a copy of an earlier one; one person acts; the folder is closed.
  const stage = async (to: Stage, from: Stage | null, person: { loginId: string; password: string } | null, act: (app: TestApp) => Promise<unknown>) => {
    if (from) cpSync(dir(from), dir(to), { recursive: true });
    const app = makeTestApp({ dir: dir(to) });
    try {
      if (person) await loginThrough(app, person);
      await act(app);
    } finally {
      app.close();
    }
  };
  const entry = async (app: TestApp) => {
    const [summary] = (await app.ok('holdings.list', { text: registered.ledgerNo, pageSize: 50 })).rows;
    return (await app.ok('holdings.get', { holdingId: summary!.id })).holding;
  };

  let citizens = 0;
  await stage('organization', null, null, async (app) => {
    citizens = (await ledgerOrganization(app)).citizens;
  });
  await stage('registered', 'organization', people.clerk, (app) => app.ok('holdings.create', holdingInput(citizens, registered)));
  await stage('verified', 'registered', people.officer, async (app) => {
    const holding = await entry(app);
    await app.ok('holdings.verify', { holdingId: holding.id, version: holding.version });
  });
  await stage('changed', 'verified', people.clerk, async (app) => {
    const holding = await entry(app);
    await app.ok('holdings.usage.add', { holdingId: holding.id, kind: 'copy', usedOn: '2026-11-22', personName: people.clerk.displayName, purpose: '窓口交付用の写し作成', count: 3, note: '' });
    await app.ok('holdings.update', { holdingId: holding.id, version: holding.version, fields: holdingInput(citizens, { ...registered, storageLocation: '耐火金庫' }) });
  });
  await stage('imported', 'changed', people.clerk, (app) => importCsv(app, root, `\uFEFF${csvHeader}${csvRows.good}`));
  // 120 entries for the pager: R8-1001 … R8-1120.
  const lines = Array.from({ length: 120 }, (_, i) => `R8-${1001 + i},記録${1001 + i},市民課,事務の管理,氏名,10,紙,書庫,\n`).join('');
  await stage('long', 'organization', people.clerk, async (app) => {
    await importCsv(app, root, `\uFEFF${csvHeader}${lines}`);
    // 55 uses of the first entry, one a day from 28 September to the day before the clock's 22 November: two pages of its usage log.
    const [first] = (await app.ok('holdings.list', { text: 'R8-1001', pageSize: 50 })).rows;
    for (let day = 0; day < 55; day++) {
      const usedOn = new Date(Date.UTC(2026, 8, 28 + day)).toISOString().slice(0, 10);
      await app.ok('holdings.usage.add', { holdingId: first!.id, kind: 'use', usedOn, personName: people.clerk.displayName, purpose: `照会${day + 1}`, count: null, note: '' });
    }
  });

  return { dir, dispose: () => rmSync(root, { recursive: true, force: true }) };
}

/** CSV取込み through the backend: open, map 保管庫 to 保管場所 (the app does not guess it), check, commit. */
async function importCsv(app: TestApp, root: string, text: string): Promise<void> {
  const file = path.join(root, 'import.csv');
  writeFileSync(file, text);
  app.openAnswer.path = file;
  const opened = await app.ok('holdings.import.open', {});
  const mapping = { ...opened.suggestedMapping, 保管庫: 'storageLocation' as const };
  const checked = await app.ok('holdings.import.check', { importId: opened.importId, mapping });
  if (checked.errors.length > 0) throw new Error(`import check: ${JSON.stringify(checked.errors)}`);
  await app.ok('holdings.import.commit', { importId: opened.importId, mapping });
}

export async function loginAs(page: Page, person: { loginId: string; password: string }): Promise<void> {
  await (await shown(page, 'login-id')).fill(person.loginId);
  await byTestId(page, 'login-password').fill(person.password);
  await byTestId(page, 'login-submit').click();
  await shown(page, 'main-frame');
}

export async function logout(page: Page): Promise<void> {
  await byTestId(page, 'header-logout').click();
  await shown(page, 'login-screen');
}

export async function openHoldings(page: Page): Promise<void> {
  await byTestId(page, 'nav-holdings').click();
  await shown(page, 'holdings-table');
}

/** From the list, the detail of one entry. */
export async function openHolding(page: Page, ledgerNo: string): Promise<void> {
  await (await shown(page, `holding-row-${ledgerNo}`)).getByRole('button', { name: ledgerNo }).click();
  await shown(page, 'holding-detail');
}
