import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { ledgerOrganization, loginAs as loginThrough } from '../integration/support/holdings';
import { mediumInput } from '../integration/support/media';
import { byTestId, cleanPagesAfterEach, preparedPerFile, screenshot, shown } from './support/e2e';
import { loginAs, people } from './support/holdings';

/*
 * A long 点検 (issue #10 item 5; the guide: virtualise long lists): a session with 2,000 scans
 * and a cabinet of 200 media never seen, prepared through the backend. The running list and the
 * close dialog's choices hold only the rows in view, reach the oldest by scrolling, and a new scan
 * still lands at the top with the field keeping the focus.
 */
type Stage = 'long';
const cabinet = 'キャビネットL';
const scanCount = 2000;
const mediaCount = 200;
const code = (i: number) => `UNK-${String(i).padStart(5, '0')}`;
const mediaNo = (i: number) => `LNG-USB-${String(i).padStart(4, '0')}`;

const data = preparedPerFile<Stage>(async (stage) => {
  await stage('long', null, async (backend) => {
    const { citizens } = await ledgerOrganization(backend);
    await loginThrough(backend, people.officer);
    const location = await backend.ok('media.storageLocations.create', { name: cabinet, departmentId: citizens });
    for (let i = 1; i <= mediaCount; i += 1) {
      await backend.ok('media.create', mediumInput(citizens, { mediaNo: mediaNo(i), makeModel: 'ACME SecureUSB 32GB', capacity: '32GB', custodian: '鈴木 次郎', storageLocationId: location.id, registeredAt: null }));
    }
    const session = await backend.ok('media.inventory.start', { locationId: location.id });
    // Labels the register does not know: each is recorded as 未登録 (issue #10: unknown labels recorded).
    for (let i = 1; i <= scanCount; i += 1) await backend.ok('media.inventory.scan', { inventoryId: session.id, code: code(i) });
  });
});

const startClean = cleanPagesAfterEach((stage: Stage) => data.start(stage));
const focusedTestId = (page: Page) => page.evaluate(() => document.activeElement?.getAttribute('data-testid') ?? null);
const drawnRows = (page: Page, testId: string) => byTestId(page, testId).locator('tbody tr:not(.virtual-spacer)').count();
/** Scrolls a VirtualTable's box as a wheel would, without moving the focus. */
const scrollBox = (page: Page, testId: string, to: 'end' | 'top') =>
  byTestId(page, `${testId}-box`).evaluate((box, where) => {
    box.scrollTop = where === 'end' ? box.scrollHeight : 0;
  }, to);

async function openSession(page: Page): Promise<void> {
  await loginAs(page, people.officer);
  await byTestId(page, 'nav-media').click();
  await page.getByRole('tab', { name: '点検' }).click();
  await page.locator('[data-testid^="inventory-open-"]').first().click();
  await shown(page, 'inventory-scan');
}

describe('a long 点検', () => {
  it('draws only the scans in view, reaches the oldest by scrolling, and puts a new scan on top with the field focused', async () => {
    const { page } = await startClean('long');
    await openSession(page);
    const table = await shown(page, 'inventory-scans');
    await expect(table.getAttribute('aria-rowcount')).resolves.toBe(String(scanCount + 1));
    await expect(drawnRows(page, 'inventory-scans')).resolves.toBeLessThan(100);
    // Newest first: the last label scanned heads the list.
    await expect(table.locator('tbody tr[aria-rowindex="2"]').textContent()).resolves.toContain(code(scanCount));
    await expect(page.locator('[data-testid="inventory-scans"] tbody', { hasText: code(1) }).count()).resolves.toBe(0);

    await scrollBox(page, 'inventory-scans', 'end');
    const oldest = table.locator(`tbody tr[aria-rowindex="${scanCount + 1}"]`);
    await oldest.waitFor();
    await expect(oldest.textContent()).resolves.toContain(code(1));
    await screenshot(page, 'media-inventory-long.png');
    await expect(drawnRows(page, 'inventory-scans')).resolves.toBeLessThan(100);
    await expect(focusedTestId(page)).resolves.toBe('inventory-scan');

    await scrollBox(page, 'inventory-scans', 'top');
    await page.keyboard.type('UNK-NEW-1');
    await page.keyboard.press('Enter');
    await page.locator('[data-testid="inventory-last"]', { hasText: 'UNK-NEW-1' }).waitFor();
    await table.locator('tbody tr[aria-rowindex="2"]', { hasText: 'UNK-NEW-1' }).waitFor();
    await expect(table.getAttribute('aria-rowcount')).resolves.toBe(String(scanCount + 2));
    await expect(table.locator('tbody tr[aria-rowindex="3"]').textContent()).resolves.toContain(code(scanCount));
    await expect(drawnRows(page, 'inventory-scans')).resolves.toBeLessThan(100);
    await expect(byTestId(page, 'inventory-scan').inputValue()).resolves.toBe('');
    await expect(focusedTestId(page)).resolves.toBe('inventory-scan');
    await expect(byTestId(page, 'inventory-count-unknown').textContent()).resolves.toBe(`未登録のラベル: ${scanCount + 1}`);
  });

  it("draws only the close dialog's choices in view, and the last one, reached by scrolling, can be unticked", async () => {
    const { page } = await startClean('long');
    await openSession(page);
    await byTestId(page, 'inventory-close').click();
    await shown(page, 'inventory-close-dialog');
    await shown(page, `inventory-mark-${mediaNo(1)}`);
    await expect(byTestId(page, 'inventory-not-seen-choices').getAttribute('aria-rowcount')).resolves.toBe(String(mediaCount + 1));
    await expect(drawnRows(page, 'inventory-not-seen-choices')).resolves.toBeLessThan(100);
    await expect(byTestId(page, `inventory-mark-${mediaNo(mediaCount)}`).count()).resolves.toBe(0);

    await scrollBox(page, 'inventory-not-seen-choices', 'end');
    const last = await shown(page, `inventory-mark-${mediaNo(mediaCount)}`);
    await expect(last.isChecked()).resolves.toBe(true);
    await screenshot(page, 'media-inventory-long-close.png');
    await last.uncheck();
    await byTestId(page, 'inventory-note').fill('200 台のうち 1 台は貸出中と判明。残りを捜索する。');
    await byTestId(page, 'inventory-close-confirm').click();
    await page.locator('[data-testid="inventory-notice"]', { hasText: '点検を終了しました。' }).waitFor();
    await expect(byTestId(page, 'inventory-count-markedMissing').textContent()).resolves.toBe(`所在不明とした媒体: ${mediaCount - 1}`);
    await expect(byTestId(page, 'inventory-not-seen').getAttribute('aria-rowcount')).resolves.toBe(String(mediaCount + 1));
    await expect(drawnRows(page, 'inventory-not-seen')).resolves.toBeLessThan(100);
  });
});
