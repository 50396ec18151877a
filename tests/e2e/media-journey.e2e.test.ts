import { readFileSync } from 'node:fs';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { labelCell } from '../../db/features/media/print/labelSheet';
import { ledgerOrganization, loginAs as loginThrough } from '../integration/support/holdings';
import { mediumInput } from '../integration/support/media';
import { pdfToText } from '../integration/support/pdfText';
import { decodeQrInPdf } from '../integration/support/qrDecode';
import { byTestId, cleanPagesAfterEach, preparedPerFile, screenshot, shown } from './support/e2e';
import { loginAs, logout, people } from './support/holdings';

/*
 * Issue #10's "Done when" as one clerk's month, through the real renderer, router and encrypted
 * database: the officer registers a USB stick (its 管理番号 from the 課等's numbering rule) and
 * prints its label — the PDF holds the number and its QR code decodes to it; a clerk asks to take
 * it out, the manager approves, the clerk takes it out and returns it; the officer then counts
 * the cabinet by "scanning" (typed + Enter, as a USB reader types): one medium is not there and
 * one label is unknown. The medium not seen is marked 所在不明 and the dashboard says so.
 * Screenshots of the register, the inventory and the dashboard.
 */
type Stage = 'stocked';
const cabinet = 'キャビネットA';
const data = preparedPerFile<Stage>(async (stage) => {
  await stage('stocked', null, async (backend) => {
    const { citizens } = await ledgerOrganization(backend);
    await loginThrough(backend, people.manager);
    await backend.ok('media.numbering.set', { departmentId: citizens, type: 'usb', prefix: 'SOM-USB-', digits: 4 });
    await loginThrough(backend, people.officer);
    const place = await backend.ok('media.storageLocations.create', { name: cabinet, departmentId: citizens, besideTerminal: false });
    // SOM-USB-0001 and SOM-USB-0002, already in the cabinet.
    for (const makeModel of ['ACME SecureUSB 32GB', 'ACME SecureUSB 64GB']) {
      await backend.ok('media.create', mediumInput(citizens, { mediaNo: '', makeModel, custodian: '鈴木 次郎', storageLocationId: place.id, registeredAt: null }));
    }
  });
});
const startClean = cleanPagesAfterEach((stage: Stage) => data.start(stage));

async function openMedium(page: Page, person: { loginId: string; password: string }, mediaNo: string): Promise<void> {
  await loginAs(page, person);
  await byTestId(page, 'nav-media').click();
  await (await shown(page, `medium-row-${mediaNo}`)).getByRole('button', { name: mediaNo }).click();
  await shown(page, 'medium-takeouts');
}
const notice = (page: Page, text: string) => page.locator('[data-testid="medium-notice"]', { hasText: text }).waitFor();
const mediumStatusIs = (page: Page, text: string) => page.locator('[data-testid="medium-status"]', { hasText: new RegExp(`^${text}$`) }).waitFor();

async function scan(page: Page, typed: string, line: string): Promise<void> {
  await page.keyboard.type(typed);
  await page.keyboard.press('Enter');
  await page.locator('[data-testid="inventory-last"]', { hasText: line }).waitFor();
}

describe('媒体管理: register, label, take-out, return, inventory', () => {
  it('goes from a new USB stick to an inventory that finds one medium missing and one unknown label', async () => {
    const app = await startClean('stocked');
    const { page } = app;

    // 1. Register: 管理番号 left empty, the rule gives the next number.
    await loginAs(page, people.officer);
    await byTestId(page, 'nav-media').click();
    await byTestId(page, 'media-create').click();
    await shown(page, 'medium-form');
    await byTestId(page, 'medium-form-type').selectOption('usb');
    await page.getByText('空欄のまま登録すると「SOM-USB-0003」が付きます（採番ルール）。').waitFor();
    await byTestId(page, 'medium-form-makeModel').fill('ACME SecureUSB 16GB');
    await byTestId(page, 'medium-form-encrypted').selectOption('hardware');
    await byTestId(page, 'medium-form-storageLocationId').selectOption({ label: cabinet });
    await byTestId(page, 'medium-form-submit').click();
    await expect((await shown(page, 'medium-notice')).textContent()).resolves.toBe('媒体 SOM-USB-0003 を登録しました。');

    // 2. Its label, to PDF: the number on paper, and the QR code reads back as the number.
    await byTestId(page, 'medium-print-label').click();
    await shown(page, 'label-print');
    await byTestId(page, 'label-print-submit').click();
    await shown(page, 'label-print-output');
    const pdf = readFileSync(app.savedPaths.at(-1)!);
    expect(pdfToText(pdf)).toContain('SOM-USB-0003');
    expect(decodeQrInPdf(pdf, labelCell('12', 1))).toBe('SOM-USB-0003');
    await byTestId(page, 'label-print-close').click();
    await byTestId(page, 'medium-back').click();
    await page.locator('[data-testid="medium-row-SOM-USB-0003"]').waitFor();
    await screenshot(page, 'media-register.png');
    await logout(page);

    // 3. A clerk asks to take it out; the manager (not the requester) approves.
    await openMedium(page, people.clerk, 'SOM-USB-0003');
    await byTestId(page, 'takeout-request').click();
    await byTestId(page, 'takeout-purpose').fill('住民説明会の資料投影');
    await byTestId(page, 'takeout-destination').fill('中央公民館');
    await byTestId(page, 'takeout-contents').fill('説明会資料（個人情報なし）');
    await byTestId(page, 'takeout-dueBack').fill('2026-11-27');
    await byTestId(page, 'takeout-request-submit').click();
    await notice(page, '持出しを申請しました。');
    await logout(page);
    await openMedium(page, people.manager, 'SOM-USB-0003');
    await byTestId(page, 'takeout-approve').click();
    await byTestId(page, 'takeout-approve-submit').click();
    await notice(page, '持出しを承認しました。');
    await logout(page);

    // 4. Out, and back: checked by the clerk, contents intact, temporary copies erased (MIC §26).
    await openMedium(page, people.clerk, 'SOM-USB-0003');
    await byTestId(page, 'takeout-checkout').click();
    await mediumStatusIs(page, '持出中');
    await byTestId(page, 'takeout-return').click();
    await byTestId(page, 'takeout-return-intact').check();
    await byTestId(page, 'takeout-return-erased').check();
    await byTestId(page, 'takeout-return-submit').click();
    await notice(page, '返却を記録しました。');
    await mediumStatusIs(page, '保管中');
    await logout(page);

    // 5. The inventory of the cabinet: two labels read, one unknown; SOM-USB-0002 is not there.
    await loginAs(page, people.officer);
    await byTestId(page, 'nav-media').click();
    await page.getByRole('tab', { name: '点検' }).click();
    await (await shown(page, 'inventory-location')).selectOption({ label: cabinet });
    await byTestId(page, 'inventory-start').click();
    await shown(page, 'inventory-scan');
    await scan(page, 'SOM-USB-0003', '確認　SOM-USB-0003');
    await scan(page, 'SOM-USB-0001', '確認　SOM-USB-0001');
    await scan(page, 'ABC-0042', '未登録のラベル　ABC-0042');
    await expect(byTestId(page, 'inventory-count-notSeen').textContent()).resolves.toBe('未確認: 1');
    await screenshot(page, 'media-inventory-journey.png');
    await byTestId(page, 'inventory-close').click();
    await expect((await shown(page, 'inventory-mark-SOM-USB-0002')).isChecked()).resolves.toBe(true);
    await byTestId(page, 'inventory-note').fill('係内を捜索し、見つからなければ保護管理者へ報告する。');
    await byTestId(page, 'inventory-close-confirm').click();
    await page.locator('[data-testid="inventory-notice"]', { hasText: '点検を終了しました。' }).waitFor();
    await expect(byTestId(page, 'inventory-not-seen').textContent()).resolves.toMatch(/SOM-USB-0002.*所在不明/);

    // 6. The dashboard: the missing medium is a to-do, and opens the register filtered to it.
    await byTestId(page, 'nav-home').click();
    await expect((await shown(page, 'home-card-media.missing')).locator('[data-testid="home-card-count"]').textContent()).resolves.toBe('1件');
    await screenshot(page, 'media-dashboard.png');
    await byTestId(page, 'home-card-media.missing').click();
    await page.locator('[data-testid="medium-row-SOM-USB-0002"]').waitFor();
    await expect(page.locator('[data-testid^="medium-row-"]').count()).resolves.toBe(1);
  });
});
