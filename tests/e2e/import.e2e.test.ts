import { writeFileSync } from 'node:fs';
import path from 'node:path';
import iconv from 'iconv-lite';
import { describe, expect, it } from 'vitest';
import { ledgerOrganization } from '../integration/support/holdings';
import { byTestId, preparedPerFile, screenshot, shown } from './support/e2e';
import { loginAs, openHoldings, people } from './support/holdings';

/*
 * Issue #7: a clerk moves the office's Excel ledger in — Shift_JIS, the usual headings
 * (部署名 / 件数 / 保管期限 / 備考), a row counter, 永年, full-width numbers and 和暦 — without
 * touching the mapping, sees how each value was read on Excel's own rows, and imports it.
 */
const data = preparedPerFile<'organization'>((stage) => stage('organization', null, (backend) => ledgerOrganization(backend)));

// Saved from Excel on Japanese Windows: Shift_JIS, CRLF, a blank line Excel keeps as row 3.
const excelLedger = [
  'No,名称,部署名,利用目的,件数,媒体,保管期限,備考',
  '1,住民基本台帳,市民課,住民の居住関係の公証,１，２００,紙,永年,旧台帳から移行',
  ',,,,,,,',
  '2,印鑑登録原票,市民課,印鑑登録証明,"約3,000人",電子,R10.3.31,',
  '3,窓口相談記録,市民課,相談対応,45,紙,５年,',
];

describe('CSV取込み of a clerk\'s Excel ledger', () => {
  it('maps the usual headings by itself, previews the values on Excel\'s rows, and imports every row', async () => {
    const app = await data.start('organization');
    const { page } = app;
    await shown(page, 'login-screen');
    await loginAs(page, people.clerk);
    await openHoldings(page);
    const file = path.join(app.dir, '個人情報ファイル簿.csv');
    writeFileSync(file, iconv.encode(`${excelLedger.join('\r\n')}\r\n`, 'Shift_JIS'));
    app.openAnswer.path = file;

    await byTestId(page, 'holdings-import').click();
    await shown(page, 'holding-import-dialog');
    await byTestId(page, 'import-choose').click();
    await expect((await shown(page, 'import-row-count')).textContent()).resolves.toBe('3件');
    await expect(byTestId(page, 'import-file').textContent()).resolves.toContain('Shift_JIS');
    // Nothing touched: 部署名, 件数, 保管期限 and 備考 are mapped, 「No」 (1, 2, 3) is left out.
    const mapped = await Promise.all(excelLedger[0]!.split(',').map((_, i) => byTestId(page, `import-map-${i}`).inputValue()));
    expect(mapped).toEqual(['', 'name', 'department', 'purpose', 'subjectCount', 'medium', 'retention', 'remarks']);
    await expect(byTestId(page, 'import-row-counters').textContent()).resolves.toContain('「No」');
    // A change not yet checked survives picking another file with the same headers.
    await byTestId(page, 'import-map-7').selectOption('');
    const fixed = path.join(app.dir, '個人情報ファイル簿（修正）.csv');
    writeFileSync(fixed, iconv.encode(`${excelLedger.join('\r\n')}\r\n`, 'Shift_JIS'));
    app.openAnswer.path = fixed;
    await byTestId(page, 'import-choose').click();
    await page.locator('[data-testid="import-file"]', { hasText: '（修正）' }).waitFor();
    await expect(byTestId(page, 'import-map-7').inputValue()).resolves.toBe('');
    await byTestId(page, 'import-map-7').selectOption('remarks');

    await byTestId(page, 'import-check').click();
    await expect((await shown(page, 'import-check-ok')).textContent()).resolves.toBe('エラーはありません（3件）。');
    const preview = await shown(page, 'import-preview');
    // Excel's rows: the header is 1, the blank line 3 is counted.
    const rowCells = async (row: number) => byTestId(page, `import-preview-row-${row}`).locator('td').allTextContents();
    await expect(rowCells(2)).resolves.toEqual(['2', '住民基本台帳', '市民課', '住民の居住関係の公証', '1200', '紙', '永年', '旧台帳から移行']);
    await expect(rowCells(4)).resolves.toEqual(['4', '印鑑登録原票', '市民課', '印鑑登録証明', '約3000', '電子', '2028-03-31', '']);
    await expect(rowCells(5)).resolves.toContain('5年');
    await expect(preview.locator('thead').textContent()).resolves.toContain('保存期限保管期限');
    // 「No」 only counted rows: the clerk is told the numbers the rows will get.
    await expect((await shown(page, 'import-numbering')).textContent()).resolves.toBe('管理番号のない3行には、取り込むときに R8-0001 から順に管理番号を付けます。');
    await preview.scrollIntoViewIfNeeded();
    await screenshot(page, 'import-preview.png');

    await byTestId(page, 'import-commit').click();
    await expect((await shown(page, 'holdings-notice')).textContent()).resolves.toBe('3件を登録しました（要照合）。');
    for (const ledgerNo of ['R8-0001', 'R8-0002', 'R8-0003']) await shown(page, `holding-row-${ledgerNo}`);
    await expect(byTestId(page, 'holding-row-R8-0001').textContent()).resolves.toContain('住民基本台帳');
    expect(app.pageErrors).toEqual([]);
    expect(app.blockedRequests).toEqual([]);
  });
});
