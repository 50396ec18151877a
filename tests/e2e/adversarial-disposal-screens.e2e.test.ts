import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { auditActions } from '../../db/contract/auditActions';
import { chief } from '../integration/support/backend';
import { approvedDisposal, disposalInput } from '../integration/support/disposal';
import { holdingInput, ledgerOrganization, loginAs as loginThrough } from '../integration/support/holdings';
import { mediumInput } from '../integration/support/media';
import { castOf, openDisposalBook } from './support/disposal';
import { answerPasswordPrompt, byTestId, cleanPagesAfterEach, preparedPerFile, screenshot, shown } from './support/e2e';
import { loginAs, people } from './support/holdings';

/*
 * Adversarial (X4): the 廃棄・消去 screens as a careless clerk and a USB reader meet them, in
 * ja-JP: every screen in Japanese (no raw i18n key, no English word, no file path), keyboard
 * only, a reader typing with the IME on (full width, ー for the dash), the form's refusals
 * beside their fields, the approval's password prompt, and a book of 200 records in pages.
 */
type Stage = 'organization' | 'records' | 'many';
const found: { code: string } = { code: '' };

const data = preparedPerFile<Stage>(async (stage) => {
  await stage('organization', null, async (backend) => {
    const { citizens } = await ledgerOrganization(backend);
    await loginThrough(backend, people.clerk);
    await backend.ok('holdings.create', holdingInput(citizens, { ledgerNo: 'R8-0301', name: 'データ連携台帳' }));
    await loginThrough(backend, people.officer);
    for (const mediaNo of ['SOM-USB-0001', 'SOM-USB-0002', 'SOM-USB-0003']) await backend.ok('media.create', mediumInput(citizens, { mediaNo }));
    await backend.ok('auth.logout');
  });
  // R8-0001 approved (SOM-USB-0003 廃棄済), and a request waiting for the manager.
  await stage('records', 'organization', async (backend) => {
    const { citizens, cast } = await castOf(backend);
    await loginThrough(backend, people.officer);
    const [usb] = (await backend.ok('media.list', { text: 'SOM-USB-0003', pageSize: 10 })).rows;
    const [holding] = (await backend.ok('holdings.list', { text: 'R8-0301', pageSize: 10 })).rows;
    const targets = [{ kind: 'medium' as const, id: usb!.id }, { kind: 'holding' as const, id: holding!.id }];
    found.code = (await approvedDisposal(backend, cast, disposalInput(citizens, { targets }))).verificationCode!;
    await loginThrough(backend, people.clerk);
    const asked = await backend.ok('disposal.create', disposalInput(citizens, { operatorId: cast.officer, witnessIds: [cast.otherClerk], performedOn: '2026-11-21' }));
    await backend.ok('disposal.request', { disposalId: asked.id, version: asked.version });
    await backend.ok('auth.logout');
  });
  await stage('many', 'organization', async (backend) => {
    const { citizens, cast } = await castOf(backend);
    await loginThrough(backend, people.clerk);
    for (let n = 1; n <= 200; n++) {
      const targets = [{ kind: 'paper' as const, description: `会議資料 第${n}回`, quantity: n, unit: '枚' }];
      await backend.ok('disposal.create', disposalInput(citizens, { operatorId: cast.officer, witnessIds: [cast.otherClerk], targets }));
    }
    await backend.ok('auth.logout');
  });
});

const startClean = cleanPagesAfterEach((stage: Stage) => data.start(stage));

const openDisposalAs = async (stage: Stage, person: { loginId: string; password: string }) => openDisposalBook((await startClean(stage)).page, person);

// What a Japanese screen may show in Latin letters: NIST's class names, the units and formats it cites, the test's numbers; the language switch (English), ログインID and the Enter key a hint names.
const allowedLatin = new Set(['Destroy', 'Purge', 'Clear', 'NIST', 'USB', 'SOM', 'CSV', 'PDF', 'QR', 'SSD', 'HDD', 'SD', 'CD', 'DVD', 'BD', 'MO', 'SP', 'ID', 'English', 'Enter']);

/** What the screen says that is no Japanese: raw i18n keys, English words, file paths. */
async function notJapanese(page: Page, data: readonly string[] = []): Promise<string[]> {
  // A verification code or a 管理番号 (QZGC-R8-0001-…, SOM-USB-0001) is data, not words; so is what `data` lists.
  let text = (await page.evaluate(() => document.body.innerText)).replace(/\b[0-9A-Z]+(?:-[0-9A-Z]+){2,}\b/g, '');
  for (const d of [...data].sort((a, b) => b.length - a.length)) text = text.replaceAll(d, ' ');
  const keys = text.match(/\b[a-z][a-zA-Z]+\.[a-z][a-zA-Z]+(?:\.[a-zA-Z]+)*\b/g) ?? [];
  const words = (text.match(/\b[A-Za-z]{2,}\b/g) ?? []).filter((w) => !allowedLatin.has(w) && !/^R\d/.test(w));
  const paths = text.match(/(?:[A-Za-z]:\\|\/(?:tmp|home|Users|var)\/)\S*/g) ?? [];
  return [...keys, ...words, ...paths];
}

describe('every disposal screen speaks Japanese', () => {
  it('the book, a request, the approval dialog and its password prompt, an approved record, 証明書の照合', async () => {
    const page = await openDisposalAs('records', people.manager);
    await expect(notJapanese(page), 'book').resolves.toEqual([]);
    await screenshot(page, 'adv-disposal-book.png');

    await byTestId(page, 'disposal-table').locator('tbody tr.row-link', { hasText: '承認待ち' }).getByRole('button').first().click();
    await shown(page, 'disposal-detail');
    await expect(notJapanese(page), 'request').resolves.toEqual([]);
    await byTestId(page, 'disposal-approve').click();
    await shown(page, 'disposal-approve-dialog');
    await expect(notJapanese(page), 'approve dialog').resolves.toEqual([]);
    await screenshot(page, 'adv-disposal-approve-dialog.png');
    await byTestId(page, 'disposal-approve-submit').click();
    await shown(page, 'reauth-password');
    await expect(notJapanese(page), 'password prompt').resolves.toEqual([]);
    await screenshot(page, 'adv-disposal-password.png');
    // A wrong password is said beside the field, and nothing is approved.
    await byTestId(page, 'reauth-password').fill('まちがい-pw');
    await byTestId(page, 'reauth-submit').click();
    await page.locator('[data-testid="reauth-dialog"] [role="alert"], [data-testid="reauth-dialog"] .field-error').first().waitFor();
    await expect(notJapanese(page), 'wrong password').resolves.toEqual([]);
    await answerPasswordPrompt(page, people.manager.password);
    await page.locator('[data-testid="disposal-status"]', { hasText: '承認済' }).waitFor();
    await expect(notJapanese(page), 'approved').resolves.toEqual([]);
    await screenshot(page, 'adv-disposal-approved.png');

    await byTestId(page, 'disposal-back').click();
    await page.getByRole('tab', { name: '証明書の照合' }).click();
    await shown(page, 'verify-code-input');
    // A reader with the IME on types the code in full width, its dashes as ー, then Enter.
    await page.keyboard.insertText(found.code.replace(/[!-~]/g, (c) => String.fromCharCode(c.charCodeAt(0) + 0xfee0)).replaceAll('－', 'ー'));
    await page.keyboard.press('Enter');
    await page.locator('[data-testid="verify-outcome"][data-outcome="valid"]').waitFor();
    await expect(notJapanese(page), 'verify').resolves.toEqual([]);
    await screenshot(page, 'adv-disposal-verify.png');
  });
});

describe('the other screens after a disposal', () => {
  it('the medium 廃棄済 with its step in words, the holding 廃棄済, and the access log, all in Japanese', async () => {
    const { page } = await startClean('records');
    await shown(page, 'login-screen');
    await loginAs(page, people.manager);
    await byTestId(page, 'nav-media').click();
    await shown(page, 'media-table');
    await expect(byTestId(page, 'medium-row-SOM-USB-0003').textContent()).resolves.toContain('廃棄済');
    await (await shown(page, 'medium-row-SOM-USB-0003')).getByRole('button', { name: 'SOM-USB-0003' }).click();
    await shown(page, 'medium-detail');
    await page.locator('[data-testid="timeline-entry"]', { hasText: '廃棄・消去（廃棄・消去記録の承認）' }).first().waitFor();
    // Its note is the certificate's number, not a reason (「理由：R8-0001」 before).
    await expect(page.locator('[data-testid="timeline-entry"]', { hasText: '廃棄・消去（廃棄・消去記録の承認）' }).first().locator('.timeline-note').textContent()).resolves.toBe('証明書番号：R8-0001');
    await expect(notJapanese(page), 'medium').resolves.toEqual([]);
    await screenshot(page, 'adv-disposal-medium.png');

    await byTestId(page, 'nav-holdings').click();
    await (await shown(page, 'holding-row-R8-0301')).getByRole('button').first().click();
    await shown(page, 'holding-detail');
    await expect(page.locator('[data-testid="holding-detail"] [data-testid="holding-status"]').first().textContent()).resolves.toBe('廃棄済');
    await expect(page.locator('[data-testid="holding-detail"] .timeline-note').first().textContent()).resolves.toBe('証明書番号：R8-0001');
    await expect(notJapanese(page), 'holding').resolves.toEqual([]);
    await screenshot(page, 'adv-disposal-holding.png');

    await byTestId(page, 'nav-audit').click();
    await page.locator('[data-testid="audit-table"][aria-busy="false"]').waitFor();
    await byTestId(page, 'audit-table').locator('tbody tr', { hasText: '媒体の廃棄（廃棄・消去記録の承認）' }).first().waitFor();
    // The log shows each action's id under its words (a code note, by design) and hash values: data, left out.
    const logins = [chief, ...Object.values(people)].map((p) => p.loginId);
    await expect(notJapanese(page, [...auditActions, ...logins]).then((w) => w.filter((x) => !/^[0-9a-f]+$/.test(x))), 'audit').resolves.toEqual([]);
    await screenshot(page, 'adv-disposal-audit.png');
  });
});

describe('the form by keyboard and reader', () => {
  it('Enter in 管理番号 adds the medium typed with the IME on and sends nothing; an Enter that ends a conversion adds nothing', async () => {
    const page = await openDisposalAs('organization', people.clerk);
    await byTestId(page, 'disposal-create').click();
    await shown(page, 'disposal-form');
    const scan = byTestId(page, 'disposal-form-medium-scan');
    await scan.focus();
    // An Enter that confirms a conversion stays with the IME.
    await page.keyboard.insertText('ｓｏｍーｕｓｂー０００１');
    await scan.dispatchEvent('keydown', { key: 'Enter', code: 'Enter', isComposing: true, bubbles: true });
    await expect(byTestId(page, 'disposal-form-target-0').count()).resolves.toBe(0);
    await page.keyboard.press('Enter');
    await expect((await shown(page, 'disposal-form-scan-notice')).textContent()).resolves.toBe('SOM-USB-0001 を対象に追加しました。');
    await expect(byTestId(page, 'disposal-form-target-0').textContent()).resolves.toContain('SOM-USB-0001');
    await expect(scan.evaluate((el) => el === document.activeElement)).resolves.toBe(true);
    await expect(byTestId(page, 'disposal-form').isVisible()).resolves.toBe(true);

    // Tab walks the form forward to 保存 without a trap, every stop labelled.
    const stops: string[] = [];
    for (let n = 0; n < 80 && !stops.includes('disposal-form-submit'); n++) {
      await page.keyboard.press('Tab');
      const stop = await page.evaluate(() => {
        const el = document.activeElement as HTMLElement | null;
        if (!el || el === document.body) return 'body';
        const label = el.getAttribute('aria-label') || (el as HTMLInputElement).labels?.[0]?.textContent || el.textContent || '';
        return `${el.getAttribute('data-testid') ?? el.tagName}|${label.trim() === '' ? 'UNLABELLED' : 'ok'}`;
      });
      stops.push(stop.split('|')[0]!);
      expect(stop, `stop ${n}`).not.toMatch(/UNLABELLED|^body/);
    }
    expect(stops).toContain('disposal-form-submit');
    const order = ['disposal-form-medium-scan', 'disposal-form-method', 'disposal-form-performedOn', 'disposal-form-remarks', 'disposal-form-submit'].map((id) => stops.indexOf(id));
    expect(order.filter((i) => i >= 0)).toEqual([...order.filter((i) => i >= 0)].sort((a, b) => a - b));
  });

  it('says every refusal of an empty or wrong form beside its field, in Japanese, the targets’ own words included', async () => {
    const page = await openDisposalAs('organization', people.clerk);
    await byTestId(page, 'disposal-create').click();
    await shown(page, 'disposal-form');
    await byTestId(page, 'disposal-form-placeKind').selectOption('contractor');
    await byTestId(page, 'disposal-form-remarks').fill('本人 123456789018 の書類');
    await byTestId(page, 'disposal-form-submit').click();
    await byTestId(page, 'disposal-form').locator('[data-testid="form-error"]').waitFor();
    await expect(byTestId(page, 'disposal-form-targets-error').textContent()).resolves.toBe('廃棄・消去の対象を1つ以上入力してください。');
    await expect(notJapanese(page)).resolves.toEqual([]);
    const invalid = await byTestId(page, 'disposal-form').locator('[aria-invalid="true"]').evaluateAll((els) => els.map((e) => e.getAttribute('data-testid')));
    for (const field of ['disposal-form-method', 'disposal-form-verificationOutcome', 'disposal-form-remarks']) expect(invalid).toContain(field);
    // Each invalid field points at its own message (aria-describedby), which is Japanese.
    for (const testId of invalid) {
      const said = await byTestId(page, testId!).evaluate((el) => (el.getAttribute('aria-describedby') ?? '').split(/\s+/).map((id) => document.getElementById(id)?.textContent ?? '').join(' '));
      expect(said, testId!).toMatch(/[\u3040-\u30ff\u4e00-\u9fff]/);
    }
    await screenshot(page, 'adv-disposal-form-errors.png');
    await byTestId(page, 'disposal-form').getByRole('button', { name: 'キャンセル' }).click();
    await expect(byTestId(page, 'disposal-total').textContent()).resolves.toBe('全0件');
  });
});

describe('a long book', () => {
  it('pages 200 records instead of drawing them all', async () => {
    const page = await openDisposalAs('many', people.clerk);
    const total = (await byTestId(page, 'disposal-total').textContent()) ?? '';
    expect(total).toMatch(/^全200件 ・ 1 \/ \d+ ページ$/);
    const rows = await byTestId(page, 'disposal-table').locator('tbody tr').count();
    expect(rows).toBeLessThan(200);
    expect(rows).toBeGreaterThan(0);
    await expect(notJapanese(page)).resolves.toEqual([]);
    await screenshot(page, 'adv-disposal-200.png');
  });
});
