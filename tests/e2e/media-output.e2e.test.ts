import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import iconv from 'iconv-lite';
import { describe, expect, it } from 'vitest';
import { ledgerOrganization, loginAs as loginThrough } from '../integration/support/holdings';
import { pdfToText } from '../integration/support/pdfText';
import { answerPasswordPrompt, byTestId, cleanPagesAfterEach, preparedPerFile, screenshot, shown } from './support/e2e';
import { loginAs, people } from './support/holdings';

/*
 * Issue #10 item 7 through the real renderer, router and encrypted database: the officer takes
 * the office's Excel media register in (Shift_JIS, its own headings, a row counter 「No」, 有/無
 * and 〇/× as Excel registers write them), then prints the register to PDF with the password
 * asked again; the PDF read back holds the imported media.
 */
const cabinet = '施錠キャビネットA';
const data = preparedPerFile<'places'>(async (stage) => {
  await stage('places', null, async (backend) => {
    const { citizens } = await ledgerOrganization(backend);
    await loginThrough(backend, people.officer);
    await backend.ok('media.storageLocations.create', { name: cabinet, departmentId: citizens });
  });
});
const startClean = cleanPagesAfterEach((stage: 'places') => data.start(stage));

const excelRegister = [
  'No,媒体番号,種類,メーカー,暗号化,課名,保管場所,バックアップ,登録日,状況,最終点検日',
  '1,USB-101,USBメモリ,エレコム,有,市民課,施錠キャビネットA,×,令和8年4月1日,使用中,R8.10.1',
  '2,SD-101,SDカード,,無,市民課,施錠キャビネットA,,2026/4/2,廃棄済み,',
  '3,HDD-101,外付けHDD,,〇,市民課,施錠キャビネットA,〇,R8.4.3,,',
];

describe('媒体管理台帳: CSV取込み and the printed register', () => {
  it('imports an Excel register through the wizard, then prints the register to PDF', async () => {
    const app = await startClean('places');
    const { page } = app;
    await shown(page, 'login-screen');
    await loginAs(page, people.officer);
    await byTestId(page, 'nav-media').click();
    await shown(page, 'media-table');
    const file = path.join(app.dir, '媒体管理台帳.csv');
    writeFileSync(file, iconv.encode(`${excelRegister.join('\r\n')}\r\n`, 'Shift_JIS'));
    app.openAnswer.path = file;

    await byTestId(page, 'media-import').click();
    await shown(page, 'media-import-dialog');
    await byTestId(page, 'import-choose').click();
    await expect((await shown(page, 'import-row-count')).textContent()).resolves.toBe('3件');
    // Nothing touched: 「No」 (1, 2, 3) is left out, the rest mapped by the register's own words.
    const mapped = await Promise.all(excelRegister[0]!.split(',').map((_, i) => byTestId(page, `import-map-${i}`).inputValue()));
    expect(mapped).toEqual(['', 'mediaNo', 'type', 'makeModel', 'encrypted', 'department', 'storageLocation', 'isBackupMedium', 'registeredAt', 'status', 'lastSeenAt']);
    await byTestId(page, 'import-check').click();
    await expect((await shown(page, 'import-check-ok')).textContent()).resolves.toBe('エラーはありません（3件）。');
    await screenshot(page, 'media-import-preview.png');
    await byTestId(page, 'import-commit').click();
    await expect((await shown(page, 'media-import-notice')).textContent()).resolves.toBe('3件の媒体を登録しました。');
    for (const mediaNo of ['USB-101', 'SD-101', 'HDD-101']) await shown(page, `medium-row-${mediaNo}`);
    // The file's 状況 is the medium's status: a disposed one stays disposed (media-import.test.ts).
    await expect((await shown(page, 'medium-row-SD-101')).textContent()).resolves.toContain('廃棄済');
    await expect((await shown(page, 'medium-row-USB-101')).textContent()).resolves.toContain('保管中');

    // The list on paper takes the register out in bulk: the password again first (issue #9 item 4).
    await byTestId(page, 'media-pdf').click();
    await answerPasswordPrompt(page, people.officer.password);
    const saved = await shown(page, 'media-output');
    expect(app.savedPaths).toHaveLength(1);
    await expect(saved.textContent()).resolves.toContain(app.savedPaths[0]!);
    const paper = pdfToText(readFileSync(app.savedPaths[0]!));
    for (const expected of ['媒体管理台帳（一覧）', 'USB-101', 'SD-101', 'HDD-101', 'エレコム', cabinet, '全 3 件']) expect(paper).toContain(expected);
    await screenshot(page, 'media-register-output.png');

    // An imported medium's timeline starts with its import, its values folded as a registration's.
    await (await shown(page, 'medium-row-USB-101')).getByRole('button', { name: 'USB-101' }).click();
    const first = byTestId(page, 'medium-timeline').locator('[data-testid="timeline-entry"]').last();
    await expect(first.getAttribute('data-action')).resolves.toBe('import');
    await expect(first.locator('details.timeline-registered summary').textContent()).resolves.toMatch(/^登録時の内容（\d+項目）$/);
  });
});
