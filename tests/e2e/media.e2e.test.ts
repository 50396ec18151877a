import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { holdingInput, ledgerOrganization, loginAs as loginThrough } from '../integration/support/holdings';
import { mediumInput } from '../integration/support/media';
import { byTestId, cleanPagesAfterEach, preparedPerFile, screenshot, shown } from './support/e2e';
import { loginAs, openHolding, people } from './support/holdings';

/*
 * 媒体管理台帳 (issue #10 item 1) through the real renderer, router and encrypted database: the
 * officer (媒体の管理: media.master) adds a storage location, registers a USB stick typing its
 * 管理番号 as a barcode reader does (code + Enter), finds it in the list, edits it and reads the
 * change in its history, and links the holding it carries. Each test starts from a state made
 * once through the backend, so any one of them runs alone.
 */
type Stage = 'organization' | 'registered' | 'linked';
const cabinet = '施錠キャビネットA';
const safe = '耐火金庫';
const data = preparedPerFile<Stage>(async (stage) => {
  await stage('organization', null, async (backend) => {
    const { citizens } = await ledgerOrganization(backend);
    await loginThrough(backend, people.clerk);
    await backend.ok('holdings.create', holdingInput(citizens, { ledgerNo: 'R8-0301', name: '国民健康保険被保険者台帳' }));
  });
  await stage('registered', 'organization', async (backend) => {
    await loginThrough(backend, people.officer);
    const departmentId = (await backend.ok('departments.list', { includeInactive: false })).find((d) => d.name === '市民課')!.id;
    const location = await backend.ok('media.storageLocations.create', { name: cabinet, departmentId });
    await backend.ok('media.storageLocations.create', { name: safe, departmentId });
    await backend.ok('media.create', mediumInput(departmentId, { mediaNo: 'U-0001', makeModel: 'ACME SecureUSB 32GB', serialNo: 'SN-1234', capacity: '32GB', custodian: '鈴木 次郎', storageLocationId: location.id, registeredAt: null }));
  });
  await stage('linked', 'registered', async (backend) => {
    await loginThrough(backend, people.officer);
    const [medium] = (await backend.ok('media.list', { text: 'U-0001', pageSize: 10 })).rows;
    const [holding] = (await backend.ok('holdings.list', { text: 'R8-0301', pageSize: 10 })).rows;
    const { medium: current } = await backend.ok('media.get', { mediumId: medium!.id });
    await backend.ok('media.linkHolding', { mediumId: current.id, holdingId: holding!.id, version: current.version });
  });
});

// After preparedPerFile's: each test's app ends with no script error and no request out.
const startClean = cleanPagesAfterEach((stage: Parameters<typeof data.start>[0]) => data.start(stage));

async function openMediaAs(stage: Stage, person: { loginId: string; password: string }): Promise<Page> {
  const { page } = await startClean(stage);
  await shown(page, 'login-screen');
  await loginAs(page, person);
  await byTestId(page, 'nav-media').click();
  await shown(page, 'media-table');
  return page;
}

async function openMedium(page: Page, mediaNo: string): Promise<void> {
  await (await shown(page, `medium-row-${mediaNo}`)).getByRole('button', { name: mediaNo }).click();
  await shown(page, 'medium-detail');
}

const focusedTestId = (page: Page) => page.evaluate(() => document.activeElement?.getAttribute('data-testid') ?? null);

describe('媒体管理台帳', () => {
  it('the officer adds a storage location, registers a USB stick scanned into 管理番号, and finds it in the list', async () => {
    const page = await openMediaAs('organization', people.officer);
    await expect(byTestId(page, 'media-total').textContent()).resolves.toBe('全0件');

    await byTestId(page, 'media-locations').click();
    await (await shown(page, 'location-add-name')).fill(cabinet);
    await byTestId(page, 'location-add-submit').click();
    await expect((await shown(page, 'storage-locations-notice')).textContent()).resolves.toBe(`保管場所「${cabinet}」を追加しました。`);
    await byTestId(page, 'storage-locations').getByRole('button', { name: '閉じる' }).click();

    await byTestId(page, 'media-create').click();
    await shown(page, 'medium-form');
    // The form opens on 管理番号; a reader types the label and Enter, which moves on instead of saving.
    await expect(focusedTestId(page)).resolves.toBe('medium-form-mediaNo');
    await page.keyboard.type('U-0101');
    await page.keyboard.press('Enter');
    await expect(focusedTestId(page)).resolves.toBe('medium-form-type');
    await expect(byTestId(page, 'medium-form').isVisible()).resolves.toBe(true);
    await byTestId(page, 'medium-form-type').selectOption('usb');
    await byTestId(page, 'medium-form-makeModel').fill('ACME SecureUSB 16GB');
    await byTestId(page, 'medium-form-encrypted').selectOption('hardware');
    await byTestId(page, 'medium-form-custodian').fill('鈴木 次郎');
    await byTestId(page, 'medium-form-storageLocationId').selectOption({ label: cabinet });
    await byTestId(page, 'medium-form-submit').click();

    await expect((await shown(page, 'medium-notice')).textContent()).resolves.toBe('媒体 U-0101 を登録しました。');
    await expect(byTestId(page, 'medium-facts').textContent()).resolves.toMatch(/USBメモリ.*ACME SecureUSB 16GB.*ハードウェア暗号化.*市民課.*鈴木 次郎.*施錠キャビネットA/);
    await expect(byTestId(page, 'medium-status').textContent()).resolves.toBe('保管中');

    await byTestId(page, 'medium-back').click();
    await byTestId(page, 'media-search').fill('U-0101');
    const row = await shown(page, 'medium-row-U-0101');
    await expect(byTestId(page, 'media-total').textContent()).resolves.toBe('全1件 ・ 1 / 1 ページ');
    await expect(row.textContent()).resolves.toMatch(/U-0101.*USBメモリ.*市民課.*施錠キャビネットA.*鈴木 次郎.*保管中.*未点検/);
    await screenshot(page, 'media-register.png');
  });

  it('the officer moves the medium to another location and reads the change in its history', async () => {
    const page = await openMediaAs('registered', people.officer);
    await openMedium(page, 'U-0001');
    await byTestId(page, 'medium-edit').click();
    await shown(page, 'medium-form');
    await byTestId(page, 'medium-form-storageLocationId').selectOption({ label: safe });
    await byTestId(page, 'medium-form-isBackupMedium').check();
    await byTestId(page, 'medium-form-submit').click();
    await expect((await shown(page, 'medium-notice')).textContent()).resolves.toBe('媒体 U-0001 の変更を保存しました。');
    await byTestId(page, 'medium-form').waitFor({ state: 'detached' });

    const entries = byTestId(page, 'medium-timeline').locator('[data-testid="timeline-entry"]');
    await expect(entries.count()).resolves.toBe(2);
    await expect(entries.first().getAttribute('data-action')).resolves.toBe('update');
    // Places by name, not by id; the flag in words.
    await expect(entries.first().textContent()).resolves.toMatch(/変更.*鈴木 次郎.*保管場所.*施錠キャビネットA.*耐火金庫.*バックアップ媒体.*なし.*あり/);
    await expect(entries.last().getAttribute('data-action')).resolves.toBe('create');
    await screenshot(page, 'media-history.png');
  });

  it('the officer links the holding the medium carries, and unlinks it', async () => {
    const page = await openMediaAs('registered', people.officer);
    await openMedium(page, 'U-0001');
    await expect(byTestId(page, 'medium-contents').textContent()).resolves.toContain('登録された格納内容はありません。');
    await byTestId(page, 'medium-link-search').fill('R8-0301');
    await (await shown(page, 'medium-link-choice')).waitFor();
    await byTestId(page, 'medium-link-submit').click();
    await expect((await shown(page, 'medium-notice')).textContent()).resolves.toBe('R8-0301 を格納内容に追加しました。');
    await expect(byTestId(page, 'medium-contents').textContent()).resolves.toMatch(/R8-0301.*国民健康保険被保険者台帳.*市民課.*要照合/);
    await expect(byTestId(page, 'medium-timeline').locator('[data-testid="timeline-entry"]').first().getAttribute('data-action')).resolves.toBe('link');

    await byTestId(page, 'medium-unlink-R8-0301').click();
    await page.locator('[data-testid="medium-notice"]', { hasText: 'R8-0301 を格納内容から外しました。' }).waitFor();
    await expect(byTestId(page, 'medium-contents').textContent()).resolves.toContain('登録された格納内容はありません。');
  });

  it('refuses a 管理番号 already in the register beside the field, and registers nothing', async () => {
    const page = await openMediaAs('registered', people.officer);
    await byTestId(page, 'media-create').click();
    await (await shown(page, 'medium-form-mediaNo')).fill('U-0001');
    await byTestId(page, 'medium-form-type').selectOption('sd');
    await byTestId(page, 'medium-form-submit').click();
    await shown(page, 'form-error');
    await expect(byTestId(page, 'medium-form-mediaNo').getAttribute('aria-invalid')).resolves.toBe('true');
    await expect(byTestId(page, 'medium-form').locator('.field-error').textContent()).resolves.toBe('この管理番号の媒体は既に登録されています。');
    await byTestId(page, 'medium-form').getByRole('button', { name: 'キャンセル' }).click();
    await expect(byTestId(page, 'media-total').textContent()).resolves.toBe('全1件 ・ 1 / 1 ページ');
  });

  it('the holding shows the medium that carries it (links both ways)', async () => {
    const page = await openMediaAs('linked', people.clerk);
    await byTestId(page, 'nav-holdings').click();
    await openHolding(page, 'R8-0301');
    const row = byTestId(page, 'holding-media').locator('tbody tr', { hasText: 'U-0001' });
    await row.waitFor();
    await expect(row.textContent()).resolves.toMatch(/U-0001.*USBメモリ.*市民課.*施錠キャビネットA.*保管中/);
  });

  it('the manager retires the medium with a reason; it can no longer be edited', async () => {
    const page = await openMediaAs('registered', people.manager);
    await openMedium(page, 'U-0001');
    await byTestId(page, 'medium-retire').click();
    await shown(page, 'medium-retire-dialog');
    // No reason: refused beside the field, nothing changed.
    await byTestId(page, 'medium-retire-submit').click();
    await byTestId(page, 'medium-retire-dialog').locator('[data-testid="form-error"]').waitFor();
    await expect(byTestId(page, 'medium-retire-reason').getAttribute('aria-invalid')).resolves.toBe('true');
    await expect(byTestId(page, 'medium-status').textContent()).resolves.toBe('保管中');
    await byTestId(page, 'medium-retire-reason').fill('故障のため使用を終了');
    await byTestId(page, 'medium-retire-submit').click();
    await expect((await shown(page, 'medium-notice')).textContent()).resolves.toBe('媒体を廃止しました。');
    await page.locator('[data-testid="medium-status"]', { hasText: '廃止' }).waitFor();
    await expect(byTestId(page, 'medium-edit').count()).resolves.toBe(0);
    await expect(byTestId(page, 'medium-link').count()).resolves.toBe(0);
    const latest = byTestId(page, 'medium-timeline').locator('[data-testid="timeline-entry"]').first();
    await expect(latest.getAttribute('data-action')).resolves.toBe('retire');
    await expect(latest.textContent()).resolves.toMatch(/廃止.*故障のため使用を終了.*状態.*保管中.*廃止/);
  });

  it('the officer renames a storage location and stops one no medium is kept at', async () => {
    const page = await openMediaAs('registered', people.officer);
    await byTestId(page, 'media-locations').click();
    const table = await shown(page, 'storage-locations-table');
    await table.locator('tr', { hasText: safe }).getByRole('button', { name: '名称変更' }).click();
    await (await shown(page, 'location-rename-name')).fill('耐火金庫（2階）');
    await byTestId(page, 'location-rename-submit').click();
    await expect((await shown(page, 'storage-locations-notice')).textContent()).resolves.toBe('保管場所の名称を「耐火金庫（2階）」に変更しました。');
    await table.locator('tr', { hasText: '耐火金庫（2階）' }).getByRole('button', { name: '停止' }).click();
    await page.locator('[data-testid="storage-locations-notice"]', { hasText: '保管場所「耐火金庫（2階）」を停止しました。' }).waitFor();
    await table.locator('tr', { hasText: '耐火金庫（2階）' }).waitFor({ state: 'detached' });
    await byTestId(page, 'storage-locations-inactive').check();
    await expect(table.locator('tr', { hasText: '耐火金庫（2階）' }).textContent()).resolves.toContain('停止中');
  });

  it('a clerk reads the register but is not offered to register or edit', async () => {
    const page = await openMediaAs('registered', people.clerk);
    await shown(page, 'medium-row-U-0001');
    await expect(byTestId(page, 'media-create').count()).resolves.toBe(0);
    await openMedium(page, 'U-0001');
    await expect(byTestId(page, 'medium-edit').count()).resolves.toBe(0);
    await expect(byTestId(page, 'medium-link').count()).resolves.toBe(0);
  });
});
