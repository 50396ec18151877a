import { cpSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { afterEach, describe, expect, it } from 'vitest';
import type { ChannelInput, ChannelName, ChannelOutput, Result } from '../../db/contract';
import { chief } from '../integration/support/backend';
import { approvedDisposal, disposalInput } from '../integration/support/disposal';
import { ledgerOrganization, loginAs as loginThrough } from '../integration/support/holdings';
import { mediumInput } from '../integration/support/media';
import { pdfPageToPng, pdfToText } from '../integration/support/pdfText';
import { launchBrowserHost, type BrowserHost } from '../harness/browserHost';
import { appOrigin } from '../harness/rendererRoutes';
import { castOf, openDisposalBook } from './support/disposal';
import { answerPasswordPrompt, byTestId, e2eKdfCost, preparedPerFile, screenshot, shown } from './support/e2e';
import { loginAs, logout, people } from './support/holdings';

/*
 * Adversarial (Y1): the 廃棄・消去 screens as a Japanese clerk on Windows uses them — 和暦 on and
 * the organisation in Tokyo while the terminal's clock is 23:30 UTC (already tomorrow there),
 * 委託先 ↔ 庁舎内 switched with the contractor's fields filled, a USB reader typing numbers that
 * are taken, another 課等's or disposed, the password prompt cancelled, a code typed with the
 * IME on and Enter twice, and the English UI.
 */
type Stage = 'organization' | 'approved' | 'requested';
const found: { code: string } = { code: '' };

const data = preparedPerFile<Stage>(async (stage) => {
  await stage('organization', null, async (backend) => {
    const { citizens, tax } = await ledgerOrganization(backend);
    await loginThrough(backend, chief);
    await backend.ok('settings.update', { dateDisplay: 'wareki', timeZone: 'Asia/Tokyo' });
    await backend.ok('media.create', mediumInput(tax, { mediaNo: 'TAX-USB-0001' }));
    await loginThrough(backend, people.officer);
    for (const mediaNo of ['SOM-USB-0001', 'SOM-USB-0002', 'SOM-USB-0003']) await backend.ok('media.create', mediumInput(citizens, { mediaNo }));
    await backend.ok('auth.logout');
  });
  // R8-0001, approved on 2026-11-22 01:00 UTC (10:00 in Tokyo): SOM-USB-0003 廃棄済.
  await stage('approved', 'organization', async (backend) => {
    const { citizens, cast } = await castOf(backend);
    await loginThrough(backend, people.officer);
    const [usb] = (await backend.ok('media.list', { text: 'SOM-USB-0003', pageSize: 10 })).rows;
    const made = await approvedDisposal(backend, cast, disposalInput(citizens, { performedOn: '2026-11-22', targets: [{ kind: 'medium', id: usb!.id }] }));
    found.code = made.verificationCode!;
    await backend.ok('auth.logout');
  });
  await stage('requested', 'organization', async (backend) => {
    const { citizens, cast } = await castOf(backend);
    await loginThrough(backend, people.clerk);
    const asked = await backend.ok('disposal.create', disposalInput(citizens, { operatorId: cast.officer, witnessIds: [cast.otherClerk], performedOn: '2026-11-21' }));
    await backend.ok('disposal.request', { disposalId: asked.id, version: asked.version });
    await backend.ok('auth.logout');
  });
});

// 2026-11-22 23:30 UTC: 2026-11-23 08:30 in Tokyo.
const lateEvening = Date.parse('2026-11-22T23:30:00Z');
const hosts: { host?: BrowserHost; dir?: string } = {};
afterEach(async () => {
  expect(hosts.host?.pageErrors ?? []).toEqual([]);
  expect(hosts.host?.blockedRequests ?? []).toEqual([]);
  await hosts.host?.close();
  if (hosts.dir) rmSync(hosts.dir, { recursive: true, force: true });
  delete hosts.host;
  delete hosts.dir;
});

/** The app on a copy of `stage`, its clock (main's and the page's) at 23:30 UTC. */
async function startLate(stage: Stage): Promise<BrowserHost> {
  const dir = mkdtempSync(path.join(tmpdir(), 'daicho-e2e-y1-'));
  cpSync(data.dir(stage), path.join(dir, 'data'), { recursive: true });
  hosts.dir = dir;
  hosts.host = await launchBrowserHost({ dataDir: path.join(dir, 'data'), outputDir: path.join(dir, 'output'), headless: true, kdfCost: e2eKdfCost, clock: { startAt: lateEvening } });
  return hosts.host;
}

const openAs = async (stage: Stage, person: { loginId: string; password: string }): Promise<Page> => openDisposalBook((await startLate(stage)).page, person);

async function openRecord(page: Page, text: string): Promise<void> {
  await byTestId(page, 'disposal-table').locator('tbody tr.row-link', { hasText: text }).first().getByRole('button').first().click();
  await shown(page, 'disposal-detail');
}

const focusedTestId = (page: Page) => page.evaluate(() => document.activeElement?.getAttribute('data-testid') ?? null);

describe('和暦 and the organisation’s day at 23:30 UTC', () => {
  it('the form’s 実施日 is Tokyo’s today, main takes it and refuses the day after; every date on the screens, certificate and book is 和暦', async () => {
    const page = await openAs('approved', people.clerk);
    await expect(byTestId(page, 'disposal-table').textContent()).resolves.toContain('令和8年11月22日');
    await byTestId(page, 'disposal-create').click();
    await shown(page, 'disposal-form');
    await expect(byTestId(page, 'disposal-form-performedOn').inputValue()).resolves.toBe('2026-11-23');
    await byTestId(page, 'disposal-form-performedOn').fill('2026-11-24');
    await byTestId(page, 'disposal-form-add-paper').click();
    await byTestId(page, 'disposal-form-paper-description-0').fill('会議資料');
    await byTestId(page, 'disposal-form-method').selectOption('shredding');
    await byTestId(page, 'disposal-form-verificationOutcome').selectOption('notPerformed');
    await byTestId(page, 'disposal-form-submit').click();
    await page.locator('[data-testid="disposal-form-performedOn"][aria-invalid="true"]').waitFor();
    // Tokyo's today (UTC's is still the 22nd) is no day in the future.
    await byTestId(page, 'disposal-form-performedOn').fill('2026-11-23');
    await byTestId(page, 'disposal-form-submit').click();
    await expect((await shown(page, 'disposal-facts')).textContent()).resolves.toContain('令和8年11月23日');
    await screenshot(page, 'adv-clerk-wareki-draft.png');

    await byTestId(page, 'disposal-back').click();
    await openRecord(page, 'R8-0001');
    const facts = (await byTestId(page, 'disposal-facts').textContent()) ?? '';
    expect(facts).toContain('令和8年11月22日');
    expect(facts).toContain('令和8年11月22日 10:00');
    expect(facts).not.toMatch(/2026年/);
    await expect(byTestId(page, 'disposal-timeline').textContent()).resolves.not.toMatch(/2026年/);
    await screenshot(page, 'adv-clerk-wareki-approved.png');

    // The manager prints the certificate (domain.md Roles).
    await logout(page);
    await loginAs(page, people.manager);
    await byTestId(page, 'nav-disposal').click();
    await openRecord(page, 'R8-0001');
    await byTestId(page, 'certificate-pdf').click();
    await shown(page, 'certificate-output');
    const certificate = pdfToText(readFileSync(hosts.host!.savedPaths.at(-1)!)).replace(/[ \u3000]/g, '');
    expect(certificate).toContain('令和8年11月22日');
    // Printed this morning in Tokyo, not yesterday evening in UTC, and in 和暦 like the rest.
    expect(certificate).toContain('印刷日時令和8年11月23日08:30');
    expect(certificate).not.toMatch(/2026年|2026-11/);

    await byTestId(page, 'disposal-back').click();
    await byTestId(page, 'disposal-pdf').click();
    await answerPasswordPrompt(page, people.manager.password);
    await shown(page, 'disposal-output');
    const bookPdf = readFileSync(hosts.host!.savedPaths.at(-1)!);
    pdfPageToPng(bookPdf, path.resolve('test-results/screenshots/adv-clerk-wareki-book.png'), { dpi: 80 });
    const book = pdfToText(bookPdf).replace(/[ \u3000]/g, '');
    expect(book).toContain('令和8年11月22日');
    expect(book).toContain('印刷日時令和8年11月23日08:30');
    // The head's 印刷日 is printed in both calendars, as certificates and key sheets are (db/print/parts.ts); nothing else in 西暦.
    expect(book.replace('2026年11月23日（令和8年11月23日）', '')).not.toMatch(/2026年/);
  });
});

describe('委託先 ↔ 庁舎内', () => {
  it('a contractor’s fields typed, then 庁舎内 chosen: the saved on-site record holds no contractor', async () => {
    const page = await openAs('organization', people.clerk);
    await byTestId(page, 'disposal-create').click();
    await shown(page, 'disposal-form');
    await byTestId(page, 'disposal-form-add-paper').click();
    await byTestId(page, 'disposal-form-paper-description-0').fill('申請書');
    await byTestId(page, 'disposal-form-method').selectOption('shredding');
    await byTestId(page, 'disposal-form-verificationOutcome').selectOption('notPerformed');
    await byTestId(page, 'disposal-form-placeKind').selectOption('contractor');
    await byTestId(page, 'disposal-form-contractorName').fill('株式会社クリーン処理センター');
    await byTestId(page, 'disposal-form-contractorCertificateNo').fill('CPC-2026-1187');
    await byTestId(page, 'disposal-form-contractorStaff').fill('佐藤 一郎');
    await byTestId(page, 'disposal-form-placeKind').selectOption('onSite');
    await expect(byTestId(page, 'disposal-form-contractorName').count()).resolves.toBe(0);
    await byTestId(page, 'disposal-form-witnesses').getByLabel(people.officer.displayName).check();
    await byTestId(page, 'disposal-form-submit').click();
    await shown(page, 'disposal-facts');
    await expect(byTestId(page, 'disposal-facts').textContent()).resolves.not.toContain('クリーン処理');
    // What main holds, read as the signed-in clerk through the router.
    const ask = async <C extends ChannelName>(channel: C, input: ChannelInput<C>): Promise<ChannelOutput<C>> => {
      const r = (await hosts.host!.backend.dispatch(channel, input, { frameUrl: `${appOrigin}/index.html` })) as Result<ChannelOutput<C>>;
      if (!r.ok) throw new Error(`${channel}: ${r.code}`);
      return r.data;
    };
    await expect(ask('disposal.list', { text: 'クリーン処理', pageSize: 10 }).then((l) => l.rows.length), 'found by the hidden contractor name').resolves.toBe(0);
    const [only] = (await ask('disposal.list', { pageSize: 10 })).rows;
    const { disposal } = await ask('disposal.get', { disposalId: only!.id });
    expect([disposal.placeKind, disposal.contractorName, disposal.contractorCertificateNo, disposal.contractorStaff]).toEqual(['onSite', '', '', '']);
  });
});

describe('a USB reader in 管理番号', () => {
  it('a number twice, another 課等’s, a disposed one: each said beside the field in Japanese, nothing added', async () => {
    const page = await openAs('approved', people.clerk);
    await byTestId(page, 'disposal-create').click();
    await shown(page, 'disposal-form');
    const scan = byTestId(page, 'disposal-form-medium-scan');
    await scan.focus();
    const read = async (text: string) => {
      await page.keyboard.type(text);
      await page.keyboard.press('Enter');
    };
    await read('SOM-USB-0001');
    await page.locator('[data-testid="disposal-form-scan-notice"]', { hasText: 'SOM-USB-0001 を対象に追加しました。' }).waitFor();
    await read('SOM-USB-0001');
    await page.locator('[data-testid="disposal-form-scan-notice"][data-miss]', { hasText: 'SOM-USB-0001 は既に対象に含まれています。' }).waitFor();
    await expect(byTestId(page, 'disposal-form-target-1').count()).resolves.toBe(0);
    await expect(focusedTestId(page)).resolves.toBe('disposal-form-medium-scan');

    for (const number of ['TAX-USB-0001', 'SOM-USB-0003']) {
      await read(number);
      // The reader types on after a miss: the number before must not stay in front of this one.
      const said = page.locator('[data-testid="disposal-form-scan-notice"][data-miss]', { hasText: number });
      await said.waitFor();
      await expect(said.textContent(), number).resolves.toMatch(new RegExp(`^${number} は`));
      await expect(said.textContent(), number).resolves.toMatch(/[\u3040-\u30ff\u4e00-\u9fff]/);
      await expect(said.textContent(), number).resolves.not.toContain('追加しました');
      await expect(byTestId(page, 'disposal-form-target-1').count(), number).resolves.toBe(0);
      await expect(focusedTestId(page)).resolves.toBe('disposal-form-medium-scan');
    }
    await screenshot(page, 'adv-clerk-scan.png');
  });
});

describe('the approval’s password prompt', () => {
  it('cancelled with Esc: nothing changes and the focus comes back; a wrong one is said and nothing approved', async () => {
    const page = await openAs('requested', people.manager);
    await openRecord(page, '承認待ち');
    await byTestId(page, 'disposal-approve').click();
    await shown(page, 'disposal-approve-dialog');
    await byTestId(page, 'disposal-approve-submit').click();
    await shown(page, 'reauth-password');
    await page.keyboard.press('Escape');
    await byTestId(page, 'reauth-dialog').waitFor({ state: 'detached' });
    await expect(byTestId(page, 'disposal-status').textContent()).resolves.toBe('承認待ち');
    await expect(page.locator('[data-testid="form-error"]').count()).resolves.toBe(0);
    await expect(byTestId(page, 'disposal-timeline').locator('[data-testid="timeline-entry"]').first().getAttribute('data-action')).resolves.toBe('request');
    // The focus is somewhere a keyboard goes on from, not lost on the page.
    await expect(page.evaluate(() => `${document.activeElement?.tagName} ${document.activeElement?.getAttribute('data-testid')}`)).resolves.not.toMatch(/^BODY/);
    if (await byTestId(page, 'disposal-approve-dialog').isVisible()) await page.keyboard.press('Escape');
    await byTestId(page, 'disposal-approve-dialog').waitFor({ state: 'detached' });
    await expect(focusedTestId(page)).resolves.toBe('disposal-approve');

    await byTestId(page, 'disposal-approve').click();
    await byTestId(page, 'disposal-approve-submit').click();
    await (await shown(page, 'reauth-password')).fill('まちがい-pw');
    await page.keyboard.press('Enter');
    await page.locator('[data-testid="reauth-dialog"] [role="alert"], [data-testid="reauth-dialog"] .field-error').first().waitFor();
    await page.keyboard.press('Escape');
    await byTestId(page, 'reauth-dialog').waitFor({ state: 'detached' });
    await expect(byTestId(page, 'disposal-status').textContent()).resolves.toBe('承認待ち');
    await expect(byTestId(page, 'disposal-detail-title').textContent()).resolves.not.toMatch(/R8-/);
  });
});

describe('訂正 end to end', () => {
  it('the correction opens as a draft, is asked for and approved; the original says 訂正済 and both link; its reprint says it was corrected', async () => {
    const page = await openAs('approved', people.clerk);
    await openRecord(page, 'R8-0001');
    await byTestId(page, 'disposal-amend').click();
    // The reason is a textarea: Enter is a new line there, the button sends.
    await (await shown(page, 'disposal-amend-reason')).fill('検証の方法の記載誤り');
    await byTestId(page, 'disposal-amend-submit').click();
    await page.locator('[data-testid="disposal-status"]', { hasText: '作成中' }).waitFor();
    await expect(byTestId(page, 'disposal-amendments').textContent()).resolves.toBe('訂正元：R8-0001');
    await byTestId(page, 'disposal-request').click();
    await page.locator('[data-testid="disposal-status"]', { hasText: '承認待ち' }).waitFor();

    await logout(page);
    await loginAs(page, people.manager);
    await byTestId(page, 'nav-disposal').click();
    await openRecord(page, '承認待ち');
    await byTestId(page, 'disposal-approve').click();
    await byTestId(page, 'disposal-approve-submit').click();
    await answerPasswordPrompt(page, people.manager.password);
    await page.locator('[data-testid="disposal-status"]', { hasText: '承認済' }).waitFor();
    await expect(byTestId(page, 'disposal-detail-title').textContent()).resolves.toMatch(/^R8-0002/);

    await byTestId(page, 'disposal-amends-link').click();
    await page.locator('[data-testid="disposal-detail-title"]', { hasText: 'R8-0001' }).waitFor();
    await expect(byTestId(page, 'disposal-status').textContent()).resolves.toBe('訂正済');
    await expect(byTestId(page, 'disposal-amended-by-link').textContent()).resolves.toBe('R8-0002');
    await screenshot(page, 'adv-clerk-amended-original.png');
    await byTestId(page, 'certificate-pdf').click();
    await shown(page, 'certificate-output');
    const reprint = pdfToText(readFileSync(hosts.host!.savedPaths.at(-1)!)).replace(/[ \u3000]/g, '');
    expect(reprint).toContain('この証明書は訂正されています（訂正後:R8-0002）');

    await byTestId(page, 'disposal-amended-by-link').click();
    await page.locator('[data-testid="disposal-detail-title"]', { hasText: 'R8-0002' }).waitFor();
    await expect(byTestId(page, 'disposal-amends-link').textContent()).resolves.toBe('R8-0001');
    await byTestId(page, 'certificate-pdf').click();
    await shown(page, 'certificate-output');
    const correction = pdfToText(readFileSync(hosts.host!.savedPaths.at(-1)!)).replace(/[ \u3000]/g, '');
    expect(correction).toContain('この証明書はR8-0001の訂正です。');
    expect(correction).toContain('検証の方法の記載誤り');
  });
});

describe('証明書の照合 by keyboard', () => {
  it('a code typed with the IME on, with spaces, then Enter twice quickly: one answer, valid, the field empty and focused', async () => {
    const page = await openAs('approved', people.clerk);
    await page.getByRole('tab', { name: '証明書の照合' }).click();
    await shown(page, 'verify-code-input');
    await expect(focusedTestId(page)).resolves.toBe('verify-code-input');
    const wide = found.code.replace(/[!-~]/g, (c) => String.fromCharCode(c.charCodeAt(0) + 0xfee0)).replaceAll('－', 'ー');
    await page.keyboard.insertText(` ${wide.replaceAll('ー', ' ー ')}\u3000`);
    await page.keyboard.press('Enter');
    await page.keyboard.press('Enter');
    await page.locator('[data-testid="verify-outcome"][data-outcome="valid"]').waitFor();
    await expect(byTestId(page, 'verify-certificate-no').textContent()).resolves.toBe('R8-0001');
    await expect(byTestId(page, 'verify-code-input').inputValue()).resolves.toBe('');
    await expect(focusedTestId(page)).resolves.toBe('verify-code-input');
    await expect(page.locator('[data-testid="form-error"]').count()).resolves.toBe(0);
    await expect(page.locator('[data-testid="verify-outcome"]').count()).resolves.toBe(1);
    await screenshot(page, 'adv-clerk-verify.png');
  });
});

// What an English screen may show in Japanese: the data (names, 課等, the record's texts).
const japaneseData = ['総務省', '行政管理局', '目視で破砕を確認', '本庁舎', '地下倉庫', '田中 花子', '鈴木 次郎', '山田 課長', '佐藤', '市民課', '税務課', '会議資料', '枚'];

async function japaneseLeft(page: Page): Promise<string[]> {
  let text = await page.evaluate(() => document.body.innerText);
  for (const d of [...japaneseData, ...Object.values(people).map((p) => p.displayName), chief.displayName]) text = text.replaceAll(d, ' ');
  const keys = text.match(/\b(?:disposal[A-Za-z]*|common|errors)\.[a-zA-Z.]+\b/g) ?? [];
  return [...(text.match(/[\u3040-\u30ff\u4e00-\u9fff]+/g) ?? []).filter((w) => w !== '日本語'), ...keys];
}

describe('English', () => {
  it('the book, a record, the form, its refusals and the code check say nothing in Japanese but the data', async () => {
    const page = await openAs('approved', people.manager);
    await byTestId(page, 'language-select').selectOption('en');
    await shown(page, 'disposal-table');
    await expect(japaneseLeft(page), 'book').resolves.toEqual([]);
    await openRecord(page, 'R8-0001');
    await expect(japaneseLeft(page), 'record').resolves.toEqual([]);
    await screenshot(page, 'adv-clerk-en-record.png');
    await byTestId(page, 'disposal-back').click();
    await byTestId(page, 'disposal-create').click();
    await shown(page, 'disposal-form');
    await byTestId(page, 'disposal-form-placeKind').selectOption('contractor');
    await byTestId(page, 'disposal-form-medium-scan').fill('SOM-USB-0003');
    await byTestId(page, 'disposal-form-medium-scan').press('Enter');
    await shown(page, 'disposal-form-scan-notice');
    await byTestId(page, 'disposal-form-submit').click();
    await byTestId(page, 'disposal-form').locator('[data-testid="form-error"]').waitFor();
    await expect(japaneseLeft(page), 'form').resolves.toEqual([]);
    await screenshot(page, 'adv-clerk-en-form.png');
    await byTestId(page, 'disposal-form').getByRole('button', { name: 'Cancel' }).click();
    await page.getByRole('tab').nth(1).click();
    await shown(page, 'verify-code-input');
    await page.keyboard.insertText('ABCD-EFGH');
    await page.keyboard.press('Enter');
    await shown(page, 'verify-outcome');
    await expect(japaneseLeft(page), 'verify').resolves.toEqual([]);
    await screenshot(page, 'adv-clerk-en-verify.png');
  });
});
