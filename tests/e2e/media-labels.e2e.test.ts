import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { labelCell } from '../../db/features/media/print/labelSheet';
import { ledgerOrganization, loginAs as loginThrough } from '../integration/support/holdings';
import { pdfToText } from '../integration/support/pdfText';
import { decodeQrInPdf, isBlankInPdf } from '../integration/support/qrDecode';
import { byTestId, cleanPagesAfterEach, preparedPerFile, screenshot, shown } from './support/e2e';
import { loginAs, people } from './support/holdings';

/*
 * Issue #10 item 2 through the real renderer, router and encrypted database: the manager sets
 * the 課等's numbering rule for USB sticks; the officer registers a stick leaving 管理番号 empty
 * (the form names the number it will get), and prints its label from the detail on a half-used
 * 12面 sheet; the PDF read back holds the number, the used positions are blank, and the QR code
 * decodes (jsQR) to exactly the number.
 */
type Stage = 'organization' | 'rule';
const data = preparedPerFile<Stage>(async (stage) => {
  await stage('organization', null, async (backend) => {
    await ledgerOrganization(backend);
  });
  await stage('rule', 'organization', async (backend) => {
    await loginThrough(backend, people.manager);
    const departmentId = (await backend.ok('departments.list', { includeInactive: false })).find((d) => d.name === '市民課')!.id;
    await backend.ok('media.numbering.set', { departmentId, type: 'usb', prefix: 'SOM-USB-', digits: 3 });
  });
});
const startClean = cleanPagesAfterEach((stage: Stage) => data.start(stage));

describe('媒体: 管理番号 numbering and label sheets', () => {
  it('the manager sets a numbering rule on the rules screen', async () => {
    const { page } = await startClean('organization');
    await shown(page, 'login-screen');
    await loginAs(page, people.manager);
    await byTestId(page, 'nav-media').click();
    await byTestId(page, 'media-numbering-rules').click();
    await shown(page, 'numbering-rule-form');
    await byTestId(page, 'numbering-rule-type').selectOption('paper');
    // Full-width letters are refused beside the field: a barcode reader types ASCII.
    await byTestId(page, 'numbering-rule-prefix').fill('ＳＯＭ');
    await byTestId(page, 'numbering-rule-save').click();
    await page.getByText('接頭辞は半角の英数字とハイフン').first().waitFor();
    await byTestId(page, 'numbering-rule-prefix').fill('SOM-BK-');
    await byTestId(page, 'numbering-rule-digits').fill('4');
    await byTestId(page, 'numbering-rule-save').click();
    await expect((await shown(page, 'numbering-rules-notice')).textContent()).resolves.toBe('採番ルールを保存しました（次の番号: SOM-BK-0001）。');
    await expect(byTestId(page, 'numbering-rules-table').textContent()).resolves.toMatch(/市民課.*紙.*SOM-BK-.*4.*SOM-BK-0001/);
    await screenshot(page, 'media-numbering-rules.png');
  });

  it('the officer registers a USB stick with an empty 管理番号, gets SOM-USB-001, and prints its label to PDF from the detail', async () => {
    const app = await startClean('rule');
    const { page } = app;
    await shown(page, 'login-screen');
    await loginAs(page, people.officer);
    await byTestId(page, 'nav-media').click();
    await shown(page, 'media-table');
    await byTestId(page, 'media-create').click();
    await shown(page, 'medium-form');
    await byTestId(page, 'medium-form-type').selectOption('usb');
    // The form names the number an empty field will get.
    await page.getByText('空欄のまま登録すると「SOM-USB-001」が付きます（採番ルール）。').waitFor();
    await byTestId(page, 'medium-form-makeModel').fill('ACME SecureUSB 16GB');
    await byTestId(page, 'medium-form-encrypted').selectOption('hardware');
    await byTestId(page, 'medium-form-submit').click();
    await expect((await shown(page, 'medium-notice')).textContent()).resolves.toBe('媒体 SOM-USB-001 を登録しました。');
    await expect(byTestId(page, 'medium-detail-title').textContent()).resolves.toContain('SOM-USB-001');

    await byTestId(page, 'medium-print-label').click();
    await shown(page, 'label-print');
    // Two labels of the sheet were used before: printing starts at position 3.
    await byTestId(page, 'label-slot-3').click();
    await expect(byTestId(page, 'label-slot-1').getAttribute('aria-label')).resolves.toBe('1番目（使用済み）');
    await expect(byTestId(page, 'label-slot-3').getAttribute('aria-label')).resolves.toBe('3番目（印刷）');
    await screenshot(page, 'media-label-dialog.png');
    await byTestId(page, 'label-print-submit').click();
    const saved = await shown(page, 'label-print-output');
    expect(app.savedPaths).toHaveLength(1);
    await expect(saved.textContent()).resolves.toContain(app.savedPaths[0]!);
    expect(app.savedPaths[0]!).toMatch(/媒体ラベル_12面_\d{4}-\d{2}-\d{2}\.pdf$/);

    const pdf = readFileSync(app.savedPaths[0]!);
    const paper = pdfToText(pdf);
    for (const expected of ['SOM-USB-001', '市民課', 'USBメモリ']) expect(paper).toContain(expected);
    expect(isBlankInPdf(pdf, labelCell('12', 1))).toBe(true);
    expect(isBlankInPdf(pdf, labelCell('12', 2))).toBe(true);
    expect(decodeQrInPdf(pdf, labelCell('12', 3))).toBe('SOM-USB-001');

    // On the list, media are chosen with checkboxes (the click does not open the medium).
    await byTestId(page, 'label-print-close').click();
    await byTestId(page, 'medium-back').click();
    await expect(byTestId(page, 'media-print-labels').isDisabled()).resolves.toBe(true);
    await byTestId(page, 'medium-select-SOM-USB-001').check();
    await expect(byTestId(page, 'media-print-labels').textContent()).resolves.toBe('選択した媒体のラベル印刷（1件）');
    await byTestId(page, 'media-print-labels').click();
    await expect((await shown(page, 'label-print')).textContent()).resolves.toContain('1件の媒体: SOM-USB-001');
  });
});
