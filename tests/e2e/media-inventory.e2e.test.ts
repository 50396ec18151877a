import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { ledgerOrganization, loginAs as loginThrough } from '../integration/support/holdings';
import { mediumInput } from '../integration/support/media';
import { byTestId, cleanPagesAfterEach, preparedPerFile, screenshot, shown } from './support/e2e';
import { loginAs, people } from './support/holdings';

/*
 * 点検 (issue #10 item 5; MIC §42) through the real renderer, router and encrypted database: the
 * officer starts an inventory of a cabinet and "scans" labels as a USB reader does (typed into
 * the focused field, then Enter): media seen, one duplicate warned, one unknown label; the field
 * keeps the focus; at closing the medium expected but not seen is marked 所在不明 with a note.
 */
type Stage = 'stocked';
const cabinet = 'キャビネットA';
const data = preparedPerFile<Stage>(async (stage) => {
  await stage('stocked', null, async (backend) => {
    const { citizens } = await ledgerOrganization(backend);
    await loginThrough(backend, people.officer);
    const location = await backend.ok('media.storageLocations.create', { name: cabinet, departmentId: citizens });
    for (const mediaNo of ['SOM-USB-0001', 'SOM-USB-0002', 'SOM-USB-0003']) {
      await backend.ok('media.create', mediumInput(citizens, { mediaNo, makeModel: 'ACME SecureUSB 32GB', capacity: '32GB', custodian: '鈴木 次郎', storageLocationId: location.id, registeredAt: null }));
    }
  });
});

const startClean = cleanPagesAfterEach((stage: Parameters<typeof data.start>[0]) => data.start(stage));
const focusedTestId = (page: Page) => page.evaluate(() => document.activeElement?.getAttribute('data-testid') ?? null);

/** Types a label and Enter as a barcode reader does, and waits for the big line to say what it was. */
async function scan(page: Page, typed: string, line: string): Promise<void> {
  await page.keyboard.type(typed);
  await page.keyboard.press('Enter');
  await page.locator('[data-testid="inventory-last"]', { hasText: line }).waitFor();
  // Cleared and focused again for the next label.
  await expect(byTestId(page, 'inventory-scan').inputValue()).resolves.toBe('');
  await expect(focusedTestId(page)).resolves.toBe('inventory-scan');
}

describe('点検', () => {
  it('scans a cabinet by typing + Enter, warns of a duplicate, records an unknown label, and marks the unseen medium 所在不明', async () => {
    const { page } = await startClean('stocked');
    await loginAs(page, people.officer);
    await byTestId(page, 'nav-media').click();
    await page.getByRole('tab', { name: '点検' }).click();
    await (await shown(page, 'inventory-location')).selectOption({ label: cabinet });
    await byTestId(page, 'inventory-start').click();
    await shown(page, 'inventory-scan');
    await expect(focusedTestId(page)).resolves.toBe('inventory-scan');

    await scan(page, 'SOM-USB-0001', '確認　SOM-USB-0001');
    // 全角 as an IME types it: the same number.
    await scan(page, 'ＳＯＭ－ＵＳＢ－０００２', '確認　SOM-USB-0002');
    await scan(page, 'SOM-USB-0001', '重複　SOM-USB-0001');
    await expect(byTestId(page, 'inventory-last').getAttribute('data-result')).resolves.toBe('duplicate');
    await scan(page, 'XYZ-0042', '未登録のラベル　XYZ-0042');
    await expect(byTestId(page, 'inventory-count-seen').textContent()).resolves.toBe('確認: 2');
    await expect(byTestId(page, 'inventory-count-notSeen').textContent()).resolves.toBe('未確認: 1');
    await expect(byTestId(page, 'inventory-count-duplicate').textContent()).resolves.toBe('重複: 1');
    await expect(byTestId(page, 'inventory-count-unknown').textContent()).resolves.toBe('未登録のラベル: 1');
    await expect(byTestId(page, 'inventory-scans').locator('tbody tr').count()).resolves.toBe(4);
    // A click elsewhere on the screen gives the focus back to the scan field.
    await byTestId(page, 'inventory-counts').click();
    await expect(focusedTestId(page)).resolves.toBe('inventory-scan');
    await screenshot(page, 'media-inventory.png');

    await byTestId(page, 'inventory-close').click();
    await shown(page, 'inventory-close-dialog');
    const mark = await shown(page, 'inventory-mark-SOM-USB-0003');
    await expect(mark.isChecked()).resolves.toBe(true);
    await byTestId(page, 'inventory-note').fill('係内を捜索し、見つからなければ保護管理者へ報告する。');
    await byTestId(page, 'inventory-close-confirm').click();
    await page.locator('[data-testid="inventory-notice"]', { hasText: '点検を終了しました。' }).waitFor();
    const notSeen = await shown(page, 'inventory-not-seen');
    await expect(notSeen.textContent()).resolves.toMatch(/SOM-USB-0003.*所在不明.*所在不明とした/);
    await expect(byTestId(page, 'inventory-count-markedMissing').textContent()).resolves.toBe('所在不明とした媒体: 1');
    await screenshot(page, 'media-inventory-closed.png');
  });
});
