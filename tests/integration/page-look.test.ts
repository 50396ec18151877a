import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { htmlToPdf, launchChromium, missingPrintTools } from './support/chromium';
import { expectPrintedPage, findText, parsePgm } from './support/pageLook';

/** The print tests' "look at it" check must be able to fail: here it sees pages that are wrong. */
const margins = { top: 15, right: 15, bottom: 15, left: 15 };
const page = (body: string, style = '') =>
  `<!doctype html><html><head><meta charset="utf-8"><style>@page { size: A4; margin: 15mm } body { font-family: 'Noto Sans CJK JP', sans-serif } ${style}</style></head><body>${body}</body></html>`;
const paragraphs = '<p>個人情報の取扱状況を記録します。</p>'.repeat(30);

describe('pageLook helpers', () => {
  it('parses a binary PGM, comments included', () => {
    const image = parsePgm(Buffer.concat([Buffer.from('P5\n# by a test\n3 2\n255\n', 'latin1'), Buffer.from([0, 128, 255, 255, 0, 1])]));
    expect(image).toMatchObject({ width: 3, height: 2 });
    expect([...image.pixels]).toEqual([0, 128, 255, 255, 0, 1]);
  });

  it('finds a text over the fewest words, spaces aside', () => {
    const words = ['Daicho', '回復キー', '取扱注意'].map((text, i) => ({ text, xMin: i * 10, yMin: 0, xMax: i * 10 + 9, yMax: 5 }));
    expect(findText(words, '回復キー')).toMatchObject({ text: '回復キー', xMin: 10, xMax: 19 });
    expect(findText(words, 'Daicho回復')).toMatchObject({ xMin: 0, xMax: 19 });
    expect(findText(words, '回復キーなし')).toBeNull();
  });
});

const skipPrint = missingPrintTools();
describe.skipIf(skipPrint)('expectPrintedPage on pages that are wrong', () => {
  let browser: Browser;
  beforeAll(async () => {
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
  });

  it('passes a plain page, and refuses a blank one', async () => {
    const good = await htmlToPdf(browser, page(`<h1>保有個人情報等台帳</h1>${paragraphs}`));
    expect(expectPrintedPage(good, { marginsMm: margins, texts: [{ text: '保有個人情報等台帳', within: { bottom: 0.15 } }] }).inkShare).toBeGreaterThan(0.01);
    const blank = await htmlToPdf(browser, page(''));
    expect(() => expectPrintedPage(blank, { marginsMm: margins })).toThrow(/blank/);
  });

  it('refuses ink in the margin, and a text outside its region', async () => {
    // A page margin box prints inside the top margin.
    const pdf = await htmlToPdf(browser, page(`<h1>保有個人情報等台帳</h1>${paragraphs}`, '@page { @top-right { content: "欄外の書込み"; font-size: 12pt } }'));
    expect(() => expectPrintedPage(pdf, { marginsMm: margins })).toThrow(/ink \d+\.\d mm from the top edge \(margin 15 mm\)/);
    expect(() => expectPrintedPage(pdf, { marginsMm: { ...margins, top: 3 }, texts: [{ text: '保有個人情報等台帳', within: { top: 0.5 } }] })).toThrow(/"保有個人情報等台帳" lies at .* outside/);
    expect(() => expectPrintedPage(pdf, { marginsMm: { ...margins, top: 3 }, texts: [{ text: '欄外の書込み', within: { top: 0.04 } }] })).toThrow(/outside/);
  });

  it('refuses a text that is not there, and tofu where a font is missing', async () => {
    // Characters no installed font has (CJK Extension H) print as identical boxes, yet pdftotext still reads them.
    const pdf = await htmlToPdf(browser, page(`<h1>\u{31350}\u{31351}\u{31352}\u{31353}</h1>${paragraphs}`));
    expect(() => expectPrintedPage(pdf, { marginsMm: margins, texts: [{ text: '回復キー' }] })).toThrow(/"回復キー" is not on the page/);
    // (pdftotext drops the first of these characters, so the check looks for the other three.)
    expect(() => expectPrintedPage(pdf, { marginsMm: margins, texts: [{ text: '\u{31351}\u{31352}\u{31353}' }] })).toThrow(/same shape for every character: tofu/);
  });
});
