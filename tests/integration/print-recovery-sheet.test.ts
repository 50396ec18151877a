import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { escapeHtml, html } from '../../db/print/layout';
import { formatDateWithWareki } from '../../db/print/dates';
import { recoveryKeyGroups, renderRecoverySheet, type RecoverySheetInput } from '../../db/print/recoverySheet';
import { htmlToPdf, launchChromium } from './support/chromium';
import { pdfPageInfo, pdfPageToPng, pdfToText } from './support/pdfText';

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

describe('recovery key sheet (回復キー)', () => {
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

  it('renders to a PNG for a human look at layout and glyphs', () => {
    const dir = path.resolve('test-results/screenshots');
    mkdirSync(dir, { recursive: true });
    const png = pdfPageToPng(pdf, path.join(dir, 'recovery-sheet.png'), { dpi: 60 });
    expect(png).toMatch(/recovery-sheet\.png$/);
  });
});
