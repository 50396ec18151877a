import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { escapeHtml, html } from '../../db/print/layout';
import { formatDateWithWareki } from '../../db/print/dates';
import { recoveryKeyGroups, recoveryKeyLines, renderRecoverySheet, type RecoverySheetInput } from '../../db/print/recoverySheet';
import { htmlToPdf, launchChromium, missingPrintTools } from './support/chromium';
import { expectPrintedPage } from './support/pageLook';
import { pdfPageInfo, pdfToText } from './support/pdfText';

const sheet: RecoverySheetInput = {
  organizationName: '総務省 大臣官房 総務課',
  recoveryKey: 'QK7M-2XPA-R4TZ-9WBD-HN3C-LV6E-J5SY-UF2G-8DKQ-MR7T',
  createdAt: '2026-11-22T01:30:00Z',
  createdBy: '山田 太郎',
  databaseId: '0f3c9a6e-2b71-4d5e-9c88-51a7e4d2b0c3',
};

describe('date formatting for printed forms', () => {
  it('prints the Japanese date with 和暦, in Japan time', () => {
    expect(formatDateWithWareki('2026-11-22T01:30:00Z')).toBe('2026年11月22日（令和8年11月22日）');
    // 23:30 UTC is already the next morning in Japan.
    expect(formatDateWithWareki('2026-11-21T23:30:00Z')).toBe('2026年11月22日（令和8年11月22日）');
    expect(formatDateWithWareki('2019-05-01T03:00:00Z')).toBe('2019年5月1日（令和元年5月1日）');
  });
});

describe('escaping', () => {
  it('escapes every markup character', () => {
    expect(escapeHtml(`<a href="x">'&'</a>`)).toBe('&lt;a href=&quot;x&quot;&gt;&#39;&amp;&#39;&lt;/a&gt;');
    expect(html`<td>${'<b>'}</td>${html`<i>${'&'}</i>`}`.value).toBe('<td>&lt;b&gt;</td><i>&amp;</i>');
  });

  it('prints a hostile organisation name as text, in the body and in the page footer', () => {
    const name = '<script>alert(1)</script>"; } body { display: none } "\\';
    const out = renderRecoverySheet({ ...sheet, organizationName: name, createdBy: '<img src=x onerror=alert(1)>' });
    expect(out).not.toContain('<script');
    expect(out).not.toContain('<img');
    expect(out).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    // The footer's CSS string cannot be closed or broken out of.
    const styles = out.match(/<style>[^]*?<\/style>/g) ?? [];
    expect(styles).toHaveLength(1);
    expect(styles[0]).not.toContain('display: none');
    expect(styles[0]).not.toContain('<script');
  });
});

const skipPrint = missingPrintTools();
if (skipPrint) console.log(skipPrint);

describe.skipIf(skipPrint)('recovery key sheet (回復キー)', () => {
  let browser: Browser;
  let pdf: Buffer;
  let out: string;

  beforeAll(async () => {
    out = mkdtempSync(path.join(tmpdir(), 'daicho-print-'));
    browser = await launchChromium();
    pdf = await htmlToPdf(browser, renderRecoverySheet(sheet));
    writeFileSync(path.join(out, 'recovery-sheet.pdf'), pdf);
  });

  afterAll(async () => {
    await browser?.close();
    if (out) rmSync(out, { recursive: true, force: true });
  });

  it('is a self-contained document: no script, no external URL', () => {
    const doc = renderRecoverySheet(sheet);
    expect(doc).not.toMatch(/<script|<link|<iframe|<object|<embed|@import|url\(/i);
    expect(doc).not.toMatch(/(?:https?|ftp|file):\/\//i);
    expect(doc).toMatch(/@page\s*{\s*size: A4;\s*margin: 15mm;/);
  });

  it('is one A4 portrait page', () => {
    const info = pdfPageInfo(pdf);
    expect(info.pages).toBe(1);
    expect([info.widthPt, info.heightPt]).toEqual([595, 842]);
    expect(info.title).toBe('Daicho 回復キー');
  });

  it('carries the title, organisation, issue date, key groups, database ID and the storage instruction', () => {
    const text = pdfToText(pdf);
    expect(text).toContain('Daicho 回復キー');
    expect(text).toContain(sheet.organizationName);
    expect(text).toContain('2026年11月22日（令和8年11月22日）');
    expect(text).toContain(sheet.createdBy);
    expect(text).toContain(sheet.databaseId);
    // Each group on one line: a group split by a line break would not be found.
    for (const group of recoveryKeyGroups(sheet.recoveryKey)) expect(text).toContain(group);
    // Lines of whole groups (ten: two of five), hyphens only between groups: no line ends with "-".
    expect(recoveryKeyLines(sheet.recoveryKey).map((line) => line.length)).toEqual([5, 5]);
    expect(recoveryKeyLines('A-B-C-D-E-F-G-H').map((line) => line.length)).toEqual([4, 4]);
    for (const line of recoveryKeyLines(sheet.recoveryKey)) expect(text).toMatch(new RegExp(`${line.join('\\s*-\\s*')}[ \\t]*\\n`));
    expect(text).not.toMatch(/-[ \t]*\n/);
    expect(text).toContain('ハイフンと改行は区切りです');
    expect(text).toContain('金庫');
    expect(text).toContain('総括保護管理者がパスワードを失った場合に限り使用します');
    expect(text).toContain('新しい回復キーを発行すると、この回復キーは使えなくなります');
    for (const label of ['作成者', '確認者', '保管責任者', '保管記録', '保管場所']) expect(text).toContain(label);
    // Footer on the page: print time (Japan time) and page number.
    expect(text).toContain('印刷日時 2026年11月22日 10:30');
    expect(text).toMatch(/1 ?\/ ?1\s*$/m);
  });

  it('still fits one page with a 13-group key and a long organisation name', async () => {
    const long = await htmlToPdf(
      browser,
      renderRecoverySheet({ ...sheet, organizationName: '総務省'.repeat(10), recoveryKey: `${sheet.recoveryKey}-ABCD-EFGH-JKMN` }),
    );
    expect(pdfPageInfo(long).pages).toBe(1);
  });

  it('looks printed: ink inside the margins, the title at the top in real CJK glyphs, the footer at the foot', () => {
    const look = expectPrintedPage(pdf, {
      // A4 with 15 mm margins; the footer (print time, page number) prints in the bottom margin.
      marginsMm: { top: 15, right: 15, bottom: 5, left: 15 },
      minInk: 0.03,
      texts: [
        { text: 'Daicho 回復キー', within: { bottom: 0.15 } },
        { text: '個人情報安全管理台帳', within: { bottom: 0.15 } },
        { text: sheet.organizationName, within: { bottom: 0.3 } },
        // The key, group by group, on the upper half.
        ...recoveryKeyGroups(sheet.recoveryKey).map((text) => ({ text, within: { top: 0.25, bottom: 0.5 } })),
        { text: '保管記録', within: { top: 0.5, bottom: 0.95 } },
        { text: '印刷日時', within: { top: 0.95 } },
        { text: '1 / 1', within: { top: 0.95, left: 0.8 } },
      ],
      screenshot: 'recovery-sheet.png',
    });
    expect(look.texts.find((t) => t.text === '個人情報安全管理台帳')?.distinctGlyphs).toBeGreaterThan(4);
  });
});
