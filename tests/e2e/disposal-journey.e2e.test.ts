import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { pdfToText } from '../integration/support/pdfText';
import { attach, colourPixels, decodeQrAnywhere, prepareDisposalData, pureBlue, pureRed, solidJpeg, usbSticks } from './support/disposal';
import { answerPasswordPrompt, byTestId, screenshot, shown, startApp, type E2eApp } from './support/e2e';
import { loginAs, logout, people } from './support/holdings';

/*
 * Issue #11's "Done when", through the real renderer, router and encrypted database, as steps of
 * one story (each `it` goes on from the one before): a clerk records the outsourced destruction
 * (委託先, 物理破壊 → Destroy) of two USB sticks with two photos and the contractor's certificate
 * number and asks for approval; the manager — neither operator nor witness — approves with the
 * password; the certificate goes to PDF, and the PDF read back holds the number, the method and
 * the names, shows both photos (pure red and pure blue pixels on the rendered page), and its QR
 * code decodes to the code printed beside it; that code typed into 証明書の照合 finds the record,
 * and a made-up code is told apart as not a code at all.
 */
const contractor = { name: '株式会社クリーン処理センター', certificateNo: 'CPC-2026-1187', staff: '佐藤 一郎' };
const work: { dir: string; app?: E2eApp; red: string; blue: string; code: string; certificateNo: string } = { dir: '', red: '', blue: '', code: '', certificateNo: '' };
const app = () => work.app!;

beforeAll(async () => {
  work.dir = mkdtempSync(path.join(tmpdir(), 'daicho-e2e-disposal-'));
  await prepareDisposalData(path.join(work.dir, 'data'));
  work.red = await solidJpeg(work.dir, '破砕後_1.jpg', pureRed);
  work.blue = await solidJpeg(work.dir, '破砕後_2.jpg', pureBlue);
  work.app = await startApp({ dataFrom: path.join(work.dir, 'data') });
});
afterAll(async () => {
  await work.app?.dispose();
  rmSync(work.dir, { recursive: true, force: true });
});

/** Each step signs in as its person, whoever the step before left signed in (a step that failed leaves someone). */
async function signIn(page: Page, person: { loginId: string; password: string }): Promise<void> {
  if (await byTestId(page, 'main-frame').isVisible()) await logout(page);
  await loginAs(page, person);
}

async function openDisposals(page: Page): Promise<void> {
  await byTestId(page, 'nav-disposal').click();
  await shown(page, 'disposal-screen');
}

async function openOnlyRecord(page: Page): Promise<void> {
  await openDisposals(page);
  await page.locator('[data-testid^="disposal-row-"]').first().click();
  await shown(page, 'disposal-detail');
}

/** The form's fields for the contractor's destruction; the sticks are "scanned" (typed + Enter, as a USB reader types). */
async function fillOutsourcedDestruction(page: Page): Promise<void> {
  await shown(page, 'disposal-form');
  for (const mediaNo of usbSticks) {
    await byTestId(page, 'disposal-form-medium-scan').fill(mediaNo);
    await byTestId(page, 'disposal-form-medium-scan').press('Enter');
    await page.locator('[data-testid="disposal-form-scan-notice"]', { hasText: mediaNo }).waitFor();
  }
  await byTestId(page, 'disposal-form-method').selectOption('physical');
  await byTestId(page, 'disposal-form-nistClass').selectOption('destroy');
  await byTestId(page, 'disposal-form-methodDetail').fill('破砕機による物理破壊（穿孔のうえ破砕）');
  await byTestId(page, 'disposal-form-verificationMethod').fill('破砕片の目視確認');
  await byTestId(page, 'disposal-form-verificationOutcome').selectOption('passed');
  await byTestId(page, 'disposal-form-performedOn').fill('2026-11-20');
  await byTestId(page, 'disposal-form-placeKind').selectOption('contractor');
  await byTestId(page, 'disposal-form-placeDetail').fill('委託先 第二処理工場');
  await byTestId(page, 'disposal-form-operatorId').selectOption({ label: people.clerk.displayName });
  await byTestId(page, 'disposal-form-witnesses').getByLabel(people.officer.displayName).check();
  await byTestId(page, 'disposal-form-contractorName').fill(contractor.name);
  await byTestId(page, 'disposal-form-contractorCertificateNo').fill(contractor.certificateNo);
  await byTestId(page, 'disposal-form-contractorStaff').fill(contractor.staff);
  await byTestId(page, 'disposal-form-result').selectOption('completed');
}

describe('廃棄・消去: an outsourced destruction recorded, approved, certified and checked', () => {
  it('1. a clerk records the destruction of two USB sticks with two photos and asks for approval', async () => {
    const { page } = app();
    await signIn(page, people.clerk);
    await openDisposals(page);
    await byTestId(page, 'disposal-create').click();
    await fillOutsourcedDestruction(page);
    await screenshot(page, 'disposal-journey-form.png');
    await byTestId(page, 'disposal-form-submit').click();
    await shown(page, 'disposal-detail');
    // MIC §13: the panel says what approval of outsourced work needs; the certificate number is there, a photo is not yet.
    await expect((await shown(page, 'attachment-contractor-rule')).textContent()).resolves.toContain('写真がまだ添付されていません。');

    // A file whose content is not what its name says is refused in Japanese, and nothing is attached.
    const fake = path.join(work.dir, '破砕後_偽.jpg');
    writeFileSync(fake, 'これは写真ではありません');
    app().openAnswer.path = fake;
    await byTestId(page, 'attachment-add-photo').click();
    await byTestId(page, 'attachment-choose').click();
    await expect((await shown(page, 'form-error')).textContent()).resolves.toContain('何も保存していません');
    await byTestId(page, 'attachment-add-cancel').click();
    await expect(byTestId(page, 'attachments-photo').locator('[data-testid="attachment-name"]').count()).resolves.toBe(0);

    await attach(page, (file) => (app().openAnswer.path = file), 'photo', work.red, '破砕後の USB-0101');
    await attach(page, (file) => (app().openAnswer.path = file), 'photo', work.blue, '破砕後の USB-0102');
    await expect(byTestId(page, 'attachments-photo').locator('[data-testid="attachment-name"]').allTextContents()).resolves.toEqual([
      expect.stringContaining('破砕後_1.jpg'),
      expect.stringContaining('破砕後_2.jpg'),
    ]);
    // Thumbnails are main's (the renderer never reads a file): data: URLs, drawn.
    await expect(byTestId(page, 'attachments-photo').locator('img').evaluateAll((imgs) => imgs.map((i) => (i as HTMLImageElement).src.slice(0, 23)))).resolves.toEqual([
      'data:image/jpeg;base64,',
      'data:image/jpeg;base64,',
    ]);
    await expect(byTestId(page, 'attachment-contractor-rule').textContent()).resolves.not.toContain('まだ');
    // The large photo opens in a dialog.
    await byTestId(page, 'attachments-photo').locator('[data-testid="attachment-thumb"]').first().click();
    await shown(page, 'attachment-large-image');
    await screenshot(page, 'disposal-journey-photo-large.png');
    await page.keyboard.press('Escape');
    await byTestId(page, 'attachment-large').waitFor({ state: 'detached' });
    await screenshot(page, 'disposal-journey-detail-draft.png');

    await byTestId(page, 'disposal-request').click();
    await page.locator('[data-testid="disposal-status"]', { hasText: '承認待ち' }).waitFor();
    // Requested: the files are frozen with the record.
    await expect(byTestId(page, 'attachment-add-photo').count()).resolves.toBe(0);
  });

  it('2. the manager, neither operator nor witness, approves it with the password', async () => {
    const { page } = app();
    await signIn(page, people.manager);
    await openOnlyRecord(page);
    await byTestId(page, 'disposal-approve').click();
    await shown(page, 'disposal-approve-dialog');
    await byTestId(page, 'disposal-approve-submit').click();
    await answerPasswordPrompt(page, people.manager.password);
    await page.locator('[data-testid="disposal-status"]', { hasText: '承認済' }).waitFor();
    work.certificateNo = (await byTestId(page, 'disposal-detail-title').textContent()) ?? '';
    // 証明書番号: 年度-連番; the test clock is November 2026, 令和8年度.
    expect(work.certificateNo).toContain('R8-0001');
    work.certificateNo = 'R8-0001';
  });

  it('3. the certificate saved as PDF holds the number, method, names and photos, and its QR code is the printed code', async () => {
    const { page } = app();
    await byTestId(page, 'certificate-pdf').click();
    await shown(page, 'certificate-output');
    await expect(byTestId(page, 'certificate-reissue-next').textContent()).resolves.toContain('再発行');
    const pdf = readFileSync(app().savedPaths.at(-1)!);
    const text = pdfToText(pdf);
    for (const words of [work.certificateNo, '物理破壊', people.clerk.displayName, people.officer.displayName, people.manager.displayName, contractor.name, contractor.certificateNo, ...usbSticks]) {
      expect(text).toContain(words);
    }
    expect(text).not.toContain('再発行');
    // The photos are on the page: both solid colours, in a good number of pixels each (at 60 dpi a 4 cm photo is ~9,000).
    expect(colourPixels(pdf, work.dir, pureRed)).toBeGreaterThan(1000);
    expect(colourPixels(pdf, work.dir, pureBlue)).toBeGreaterThan(1000);
    // The code in the text (its groups as printed) and the QR code say the same thing.
    const printed = /[0-9A-Z]{4}-R8-0001(?:-[0-9A-Z]{4}){4}-[0-9A-Z]{2}/.exec(text.replace(/[ \u3000]/g, ''))?.[0];
    expect(printed).toBeDefined();
    expect(decodeQrAnywhere(pdf)).toBe(printed);
    work.code = printed!;
    await screenshot(page, 'disposal-journey-detail-approved.png');
    // A second print is a 再発行, with its day; the code stays the same.
    await byTestId(page, 'certificate-pdf').click();
    await page.locator('[data-testid="certificate-reissue-next"]', { hasText: '2 回' }).waitFor();
    const reprint = pdfToText(readFileSync(app().savedPaths.at(-1)!));
    expect(reprint).toContain('再発行');
    expect(reprint.replace(/[ \u3000]/g, '')).toContain(work.code);
  });

  it('4. the code from the PDF, typed into 証明書の照合, finds the record; a made-up one is not a code', async () => {
    const { page } = app();
    await signIn(page, people.clerk);
    await openDisposals(page);
    await page.getByRole('tab', { name: '証明書の照合' }).click();
    const input = await shown(page, 'verify-code-input');
    await expect(input.evaluate((el) => el === document.activeElement)).resolves.toBe(true);
    // As a USB reader types it: the code, then Enter.
    await page.keyboard.type(work.code);
    await page.keyboard.press('Enter');
    const outcome = page.locator('[data-testid="verify-outcome"][data-outcome="valid"]');
    await outcome.waitFor();
    await expect(byTestId(page, 'verify-outcome-sentence').textContent()).resolves.toBe('台帳の承認済みの記録と一致しました');
    await expect(byTestId(page, 'verify-certificate-no').textContent()).resolves.toBe(work.certificateNo);
    // Ready for the next certificate: emptied and focused.
    await expect(input.inputValue()).resolves.toBe('');
    await expect(input.evaluate((el) => el === document.activeElement)).resolves.toBe(true);
    await screenshot(page, 'disposal-journey-verify-valid.png');

    await page.keyboard.type('ABCD-R8-0001-1234-5678');
    await page.keyboard.press('Enter');
    await page.locator('[data-testid="verify-outcome"][data-outcome="malformed"]').waitFor();
    await expect(byTestId(page, 'verify-outcome-sentence').textContent()).resolves.toContain('照合コードとして読み取れません');
    await expect(byTestId(page, 'verify-open').count()).resolves.toBe(0);

    await page.keyboard.type(work.code.toLowerCase());
    await page.keyboard.press('Enter');
    await outcome.waitFor();
    await byTestId(page, 'verify-open').click();
    await shown(page, 'disposal-detail');
    await expect(byTestId(page, 'disposal-detail-title').textContent()).resolves.toContain(work.certificateNo);
    expect(app().pageErrors).toEqual([]);
    expect(app().blockedRequests).toEqual([]);
  });
});
