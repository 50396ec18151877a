import { readFileSync } from 'node:fs';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import type { ChannelInput } from '../../db/contract';
import type { TestApp } from '../integration/support/backend';
import { approvedDisposal, disposalInput } from '../integration/support/disposal';
import { holdingInput, ledgerOrganization, loginAs as loginThrough } from '../integration/support/holdings';
import { mediumInput } from '../integration/support/media';
import { pdfToText } from '../integration/support/pdfText';
import { castOf, openDisposalBook } from './support/disposal';
import { answerPasswordPrompt, byTestId, cleanPagesAfterEach, preparedPerFile, screenshot, shown } from './support/e2e';
import { loginAs, people } from './support/holdings';

/*
 * 廃棄・消去 screens (issue #11 items 1, 3, 7) through the real renderer, router and encrypted
 * database: the clerk records a disposal (a medium scanned into 管理番号 + Enter, a holding found
 * by name, paper with a quantity), sees main's refusals beside the fields, asks for approval; the
 * manager approves with the password; the 廃棄記録簿 filters by period, method, status, target
 * type and 承認待ち, and keeps them across a visit to a record. Each test starts from a state
 * made once through the backend, so any one runs alone. (The Done-when journey with
 * photos and the certificate is disposal-journey.e2e.test.ts.)
 */
type Stage = 'organization' | 'draft' | 'unwitnessed' | 'requested' | 'book';
const sticks = ['U-0001', 'U-0002'] as const;
const holdingName = '国民健康保険被保険者台帳';

/** An on-site destruction of U-0001 and paper: 鈴木 performs, 田中 (who records it) witnesses. */
async function createDraft(backend: TestApp, overrides: Partial<ChannelInput<'disposal.create'>> = {}) {
  const { citizens, cast } = await castOf(backend);
  await loginThrough(backend, people.officer);
  const [medium] = (await backend.ok('media.list', { text: 'U-0001', pageSize: 10 })).rows;
  await loginThrough(backend, people.clerk);
  return backend.ok('disposal.create', disposalInput(citizens, { targets: [{ kind: 'medium', id: medium!.id }, { kind: 'paper', description: '住民票の写し', quantity: 3, unit: '箱' }], operatorId: cast.officer, witnessIds: [cast.clerk], ...overrides }));
}

const data = preparedPerFile<Stage>(async (stage) => {
  await stage('organization', null, async (backend) => {
    const { citizens } = await ledgerOrganization(backend);
    await loginThrough(backend, people.clerk);
    await backend.ok('holdings.create', holdingInput(citizens, { ledgerNo: 'R8-0301', name: holdingName }));
    await loginThrough(backend, people.officer);
    for (const mediaNo of sticks) await backend.ok('media.create', mediumInput(citizens, { mediaNo }));
    await backend.ok('auth.logout');
  });
  await stage('draft', 'organization', (backend) => createDraft(backend));
  await stage('unwitnessed', 'organization', (backend) => createDraft(backend, { witnessIds: [] }));
  await stage('requested', 'draft', async (backend) => {
    await loginThrough(backend, people.clerk);
    const [row] = (await backend.ok('disposal.list', { pageSize: 10 })).rows;
    const { disposal } = await backend.ok('disposal.get', { disposalId: row!.id });
    await backend.ok('disposal.request', { disposalId: disposal.id, version: disposal.version });
  });
  // Four records for the book's filters: two approved (October paper, November medium), a draft and a request.
  await stage('book', 'organization', async (backend) => {
    const { citizens, cast } = await castOf(backend);
    await approvedDisposal(backend, cast, disposalInput(citizens, { performedOn: '2026-10-05', targets: [{ kind: 'paper', description: '申請書（保存期間満了）', quantity: 2, unit: '箱' }] }));
    await loginThrough(backend, people.officer);
    const [medium] = (await backend.ok('media.list', { text: 'U-0002', pageSize: 10 })).rows;
    await approvedDisposal(backend, cast, disposalInput(citizens, { performedOn: '2026-11-10', method: 'overwrite', nistClass: 'clear', tool: 'nwipe', targets: [{ kind: 'medium', id: medium!.id }] }));
    await loginThrough(backend, people.clerk);
    const base = { operatorId: cast.officer, witnessIds: [cast.otherClerk] };
    await backend.ok('disposal.create', disposalInput(citizens, { ...base, performedOn: '2026-11-20', method: 'shredding', targets: [{ kind: 'paper', description: '会議資料', quantity: 40, unit: '枚' }] }));
    const asked = await backend.ok('disposal.create', disposalInput(citizens, { ...base, performedOn: '2026-11-21', method: 'degauss', nistClass: 'purge', targets: [{ kind: 'paper', description: '磁気テープの外装', quantity: 1, unit: '袋' }] }));
    await backend.ok('disposal.request', { disposalId: asked.id, version: asked.version });
  });
});

// After preparedPerFile's: each test's app ends with no script error and no request out.
const startClean = cleanPagesAfterEach((stage: Stage) => data.start(stage));

const openDisposalAs = async (stage: Stage, person: { loginId: string; password: string }) => openDisposalBook((await startClean(stage)).page, person);

/** Opens the only record of the book (the draft and request stages hold one). */
async function openOnlyRecord(page: Page): Promise<void> {
  await (await shown(page, 'disposal-table')).locator('tbody tr.row-link').first().getByRole('button').click();
  await shown(page, 'disposal-detail');
}

const rowsText = (page: Page) => byTestId(page, 'disposal-table').locator('tbody tr').allTextContents();
const focusedTestId = (page: Page) => page.evaluate(() => document.activeElement?.getAttribute('data-testid') ?? null);

describe('廃棄・消去記録', () => {
  it('the clerk records a disposal: a medium scanned by its number, a holding found by name, paper with a quantity', async () => {
    const page = await openDisposalAs('organization', people.clerk);
    await expect(byTestId(page, 'disposal-total').textContent()).resolves.toBe('全0件');
    await byTestId(page, 'disposal-create').click();
    await shown(page, 'disposal-form');

    // A reader types the label and Enter: the medium is added, the form is not sent, the field keeps the focus.
    await byTestId(page, 'disposal-form-medium-scan').click();
    await page.keyboard.type('u-0001');
    await page.keyboard.press('Enter');
    await expect((await shown(page, 'disposal-form-scan-notice')).textContent()).resolves.toBe('U-0001 を対象に追加しました。');
    await expect(focusedTestId(page)).resolves.toBe('disposal-form-medium-scan');
    await expect(byTestId(page, 'disposal-form-target-0').textContent()).resolves.toMatch(/媒体.*U-0001.*USBメモリ.*保管中/);

    await byTestId(page, 'disposal-form-holding-search').fill('国民健康');
    await (await shown(page, 'disposal-form-holding-choices')).getByRole('button', { name: 'R8-0301 を対象に追加' }).click();
    await expect(byTestId(page, 'disposal-form-target-1').textContent()).resolves.toMatch(/保有個人情報.*R8-0301.*国民健康保険被保険者台帳/);
    await byTestId(page, 'disposal-form-add-paper').click();
    await byTestId(page, 'disposal-form-paper-description-2').fill('住民票の写し（保存期間満了）');
    await byTestId(page, 'disposal-form-paper-quantity-2').fill('3');
    await byTestId(page, 'disposal-form-paper-unit-2').fill('箱');

    // A method offers only its NIST classes, and picks the one it has.
    await byTestId(page, 'disposal-form-method').selectOption('physical');
    await expect(byTestId(page, 'disposal-form-nistClass').inputValue()).resolves.toBe('destroy');
    await expect(byTestId(page, 'disposal-form-nistClass').locator('option').allTextContents()).resolves.toEqual(['選択してください', 'Destroy（物理的破壊）']);
    await byTestId(page, 'disposal-form-methodDetail').fill('ドリルで穿孔（2か所）');
    await byTestId(page, 'disposal-form-verificationOutcome').selectOption('passed');
    await byTestId(page, 'disposal-form-placeDetail').fill('本庁舎 地下倉庫');
    await byTestId(page, 'disposal-form-operatorId').selectOption({ label: people.officer.displayName });
    // The operator is never offered as a witness.
    await expect(byTestId(page, 'disposal-form-witnesses').getByLabel(people.officer.displayName).count()).resolves.toBe(0);
    await byTestId(page, 'disposal-form-witnesses').getByLabel(people.clerk.displayName).check();
    await screenshot(page, 'disposal-screens-form.png');
    await byTestId(page, 'disposal-form-submit').click();

    await expect((await shown(page, 'disposal-notice')).textContent()).resolves.toContain('廃棄・消去記録を作成しました');
    await expect(byTestId(page, 'disposal-status').textContent()).resolves.toBe('作成中');
    await expect(byTestId(page, 'disposal-facts').textContent()).resolves.toMatch(/未採番（承認時に付番）.*市民課.*Destroy.*物理破壊.*ドリルで穿孔.*合格.*2026年11月22日.*庁舎内.*本庁舎 地下倉庫.*鈴木 次郎.*田中 花子/);
    await expect(byTestId(page, 'disposal-targets').textContent()).resolves.toMatch(/U-0001.*R8-0301.*住民票の写し（保存期間満了）/);
    await expect(byTestId(page, 'disposal-timeline').locator('[data-testid="timeline-entry"]').first().getAttribute('data-action')).resolves.toBe('create');
    await screenshot(page, 'disposal-screens-detail-draft.png');

    await byTestId(page, 'disposal-back').click();
    // The book comes back with its kept filters and reloads: wait for the new count, not the one it left with.
    await byTestId(page, 'disposal-total').filter({ hasText: '全1件' }).waitFor();
    await expect((await shown(page, 'disposal-total')).textContent()).resolves.toBe('全1件 ・ 1 / 1 ページ');
    await expect(rowsText(page)).resolves.toEqual([expect.stringMatching(/未採番.*2026年11月22日.*市民課.*U-0001.*物理破壊.*庁舎内.*鈴木 次郎.*完了.*作成中/)]);
  });

  it('shows main’s refusals beside their fields and records nothing', async () => {
    const page = await openDisposalAs('organization', people.clerk);
    await byTestId(page, 'disposal-create').click();
    await shown(page, 'disposal-form');
    // No target, no method, a day after today, a 個人番号 in 備考.
    await byTestId(page, 'disposal-form-performedOn').fill('2026-12-01');
    await byTestId(page, 'disposal-form-remarks').fill('本人 123456789018 の書類');
    await byTestId(page, 'disposal-form-submit').click();
    await byTestId(page, 'disposal-form').locator('[data-testid="form-error"]').waitFor();
    // The contract's own key (disposal.errors.noTargets) reaches the screen: db/core/fieldIssues.ts passes an area's errors.* keys the ja locale has.
    await expect(byTestId(page, 'disposal-form-targets-error').textContent()).resolves.toBe('廃棄・消去の対象を1つ以上入力してください。');
    for (const field of ['method', 'nistClass', 'verificationOutcome', 'remarks']) {
      await expect(byTestId(page, `disposal-form-${field}`).getAttribute('aria-invalid'), field).resolves.toBe('true');
    }
    await expect(byTestId(page, 'disposal-form-remarks').locator('xpath=..').locator('.field-error').textContent()).resolves.toContain('個人番号');

    // Fixed in part, main names what is left: the paper's quantity, and the day after today.
    await byTestId(page, 'disposal-form-remarks').fill('');
    await byTestId(page, 'disposal-form-method').selectOption('shredding');
    await byTestId(page, 'disposal-form-verificationOutcome').selectOption('notPerformed');
    await byTestId(page, 'disposal-form-add-paper').click();
    await byTestId(page, 'disposal-form-paper-description-0').fill('会議資料');
    await byTestId(page, 'disposal-form-paper-quantity-0').fill('0');
    await byTestId(page, 'disposal-form-submit').click();
    await page.locator('[data-testid="disposal-form-paper-quantity-0"][aria-invalid="true"]').waitFor();
    await expect(byTestId(page, 'disposal-form-method').getAttribute('aria-invalid')).resolves.toBeNull();
    await byTestId(page, 'disposal-form-paper-quantity-0').fill('40');
    await byTestId(page, 'disposal-form-submit').click();
    await page.locator('[data-testid="disposal-form-performedOn"][aria-invalid="true"]').waitFor();
    await expect(byTestId(page, 'disposal-form-paper-quantity-0').getAttribute('aria-invalid')).resolves.toBeNull();
    await screenshot(page, 'disposal-screens-form-errors.png');

    await byTestId(page, 'disposal-form').getByRole('button', { name: 'キャンセル' }).click();
    await expect(byTestId(page, 'disposal-total').textContent()).resolves.toBe('全0件');
  });

  it('the clerk asks for approval; the draft can no longer be edited', async () => {
    const page = await openDisposalAs('draft', people.clerk);
    await openOnlyRecord(page);
    await expect(byTestId(page, 'disposal-edit').count()).resolves.toBe(1);
    await byTestId(page, 'disposal-request').click();
    await expect((await shown(page, 'disposal-notice')).textContent()).resolves.toBe('承認を依頼しました。');
    await page.locator('[data-testid="disposal-status"]', { hasText: '承認待ち' }).waitFor();
    await expect(byTestId(page, 'disposal-edit').count()).resolves.toBe(0);
    await expect(byTestId(page, 'disposal-request').count()).resolves.toBe(0);
    // A clerk neither approves nor returns.
    await expect(byTestId(page, 'disposal-approve').count()).resolves.toBe(0);
    await expect(byTestId(page, 'disposal-return').count()).resolves.toBe(0);
    await expect(byTestId(page, 'disposal-timeline').locator('[data-testid="timeline-entry"]').first().getAttribute('data-action')).resolves.toBe('request');
  });

  it('refuses to ask for approval of on-site work without a witness, saying why; nothing changes', async () => {
    const page = await openDisposalAs('unwitnessed', people.clerk);
    await openOnlyRecord(page);
    await byTestId(page, 'disposal-request').click();
    await expect((await shown(page, 'form-error')).textContent()).resolves.toBe('庁舎内で実施したときは、立会者を1人以上選んでください。');
    await expect(byTestId(page, 'disposal-status').textContent()).resolves.toBe('作成中');
    await expect(byTestId(page, 'disposal-timeline').locator('[data-testid="timeline-entry"]').count()).resolves.toBe(1);
  });

  it('the manager approves after the password prompt: numbered, frozen, the medium 廃棄済', async () => {
    const page = await openDisposalAs('requested', people.manager);
    await openOnlyRecord(page);
    await byTestId(page, 'disposal-approve').click();
    await shown(page, 'disposal-approve-dialog');
    await byTestId(page, 'disposal-approve-submit').click();
    await answerPasswordPrompt(page, people.manager.password);
    await expect((await shown(page, 'disposal-notice')).textContent()).resolves.toBe('承認しました。');
    await byTestId(page, 'disposal-approve-dialog').waitFor({ state: 'detached' });
    await page.locator('[data-testid="disposal-status"]', { hasText: '承認済' }).waitFor();
    await expect(byTestId(page, 'disposal-detail-title').textContent()).resolves.toMatch(/^R8-0001/);
    await expect(byTestId(page, 'disposal-facts').textContent()).resolves.toMatch(/証明書番号R8-0001.*承認山田 課長/);
    await expect(byTestId(page, 'disposal-targets').locator('tr', { hasText: 'U-0001' }).textContent()).resolves.toContain('廃棄済');
    // Frozen: no edit, no request, no cancel; a correction is offered instead.
    for (const action of ['edit', 'request', 'approve', 'return', 'cancel']) await expect(byTestId(page, `disposal-${action}`).count(), action).resolves.toBe(0);
    await expect(byTestId(page, 'disposal-amend').count()).resolves.toBe(1);
    await screenshot(page, 'disposal-screens-detail-approved.png');
  });

  it('the manager returns a request with a reason; a reason is required', async () => {
    const page = await openDisposalAs('requested', people.manager);
    await openOnlyRecord(page);
    await byTestId(page, 'disposal-return').click();
    await shown(page, 'disposal-return-dialog');
    await byTestId(page, 'disposal-return-submit').click();
    await page.locator('[data-testid="disposal-return-reason"][aria-invalid="true"]').waitFor();
    await byTestId(page, 'disposal-return-reason').fill('立会者の署名欄を確認してください');
    await byTestId(page, 'disposal-return-submit').click();
    await expect((await shown(page, 'disposal-notice')).textContent()).resolves.toBe('差し戻しました。');
    await byTestId(page, 'disposal-return-dialog').waitFor({ state: 'detached' });
    await page.locator('[data-testid="disposal-status"]', { hasText: '作成中' }).waitFor();
    await expect(byTestId(page, 'disposal-timeline').locator('[data-testid="timeline-entry"]').first().textContent()).resolves.toMatch(/差戻し.*立会者の署名欄を確認してください/);
  });
});

describe('下書き', () => {
  it('a half-filled record survives the idle lock, its targets included', async () => {
    const app = await startClean('organization');
    const { page, clock, backend } = app;
    await shown(page, 'login-screen');
    await loginAs(page, people.clerk);
    await byTestId(page, 'nav-disposal').click();
    await (await shown(page, 'disposal-create')).click();
    await byTestId(page, 'disposal-form-medium-scan').fill('U-0002');
    await byTestId(page, 'disposal-form-medium-scan').press('Enter');
    await shown(page, 'disposal-form-scan-notice');
    await byTestId(page, 'disposal-form-add-paper').click();
    await byTestId(page, 'disposal-form-paper-description-1').fill('研修資料');
    await byTestId(page, 'disposal-form-method').selectOption('overwrite');
    await byTestId(page, 'disposal-form-tool').fill('nwipe');

    // 30 seconds before the lock main warns and the open form goes to main; then the lock.
    clock.advance(5 * 60_000 - 30_000);
    backend.checkIdle();
    await shown(page, 'idle-warning-draft-kept');
    clock.advance(30_000);
    backend.checkIdle();
    await shown(page, 'lock-screen');
    await byTestId(page, 'lock-password').fill(people.clerk.password);
    await byTestId(page, 'lock-unlock').click();
    await expect((await shown(page, 'draft-offer-form')).textContent()).resolves.toContain('廃棄・消去記録の作成');
    await byTestId(page, 'draft-restore').click();

    await shown(page, 'disposal-form');
    await expect(byTestId(page, 'disposal-form-target-0').textContent()).resolves.toContain('U-0002');
    await expect(byTestId(page, 'disposal-form-paper-description-1').inputValue()).resolves.toBe('研修資料');
    await expect(byTestId(page, 'disposal-form-method').inputValue()).resolves.toBe('overwrite');
    await expect(byTestId(page, 'disposal-form-nistClass').inputValue()).resolves.toBe('clear');
    await expect(byTestId(page, 'disposal-form-tool').inputValue()).resolves.toBe('nwipe');
  });
});

describe('訂正', () => {
  it('a correction of an approved record is a new draft linked to it, never an edit', async () => {
    const page = await openDisposalAs('book', people.clerk);
    await byTestId(page, 'disposal-table').locator('tbody tr', { hasText: 'R8-0002' }).getByRole('button').click();
    await shown(page, 'disposal-detail');
    await expect(byTestId(page, 'disposal-edit').count()).resolves.toBe(0);
    await byTestId(page, 'disposal-amend').click();
    await byTestId(page, 'disposal-amend-submit').click();
    await page.locator('[data-testid="disposal-amend-reason"][aria-invalid="true"]').waitFor();
    await byTestId(page, 'disposal-amend-reason').fill('ツールの版の記載漏れ');
    await byTestId(page, 'disposal-amend-submit').click();

    // The new draft opens, says what it corrects, and may be edited.
    await expect((await shown(page, 'disposal-notice')).textContent()).resolves.toContain('訂正の記録を作成しました');
    await page.locator('[data-testid="disposal-status"]', { hasText: '作成中' }).waitFor();
    await expect(byTestId(page, 'disposal-amendments').textContent()).resolves.toBe('訂正元：R8-0002');
    await expect(byTestId(page, 'disposal-facts').textContent()).resolves.toMatch(/上書き消去.*訂正の理由ツールの版の記載漏れ/);
    await expect(byTestId(page, 'disposal-edit').count()).resolves.toBe(1);

    // The original lists it, still 承認済 until the correction is approved.
    await byTestId(page, 'disposal-amends-link').click();
    await expect((await shown(page, 'disposal-detail-title')).textContent()).resolves.toMatch(/^R8-0002/);
    await expect(byTestId(page, 'disposal-amendments').textContent()).resolves.toMatch(/訂正：未採番.*作成中/);
    await expect(byTestId(page, 'disposal-status').textContent()).resolves.toBe('承認済');
  });
});

describe('廃棄記録簿', () => {
  it('filters by method, status, period, target type and text, and keeps them across a visit to a record', async () => {
    const page = await openDisposalAs('book', people.clerk);
    await expect((await shown(page, 'disposal-total')).textContent()).resolves.toBe('全4件 ・ 1 / 1 ページ');
    // Newest 実施日 first.
    await expect(rowsText(page)).resolves.toEqual([
      expect.stringMatching(/未採番.*2026年11月21日.*磁気消去.*承認待ち/),
      expect.stringMatching(/未採番.*2026年11月20日.*細断.*作成中/),
      expect.stringMatching(/R8-0002.*2026年11月10日.*U-0002.*上書き消去.*承認済/),
      expect.stringMatching(/R8-0001.*2026年10月5日.*申請書.*物理破壊.*承認済/),
    ]);

    await byTestId(page, 'disposal-filter-status').selectOption('approved');
    await page.locator('[data-testid="disposal-total"]', { hasText: '全2件' }).waitFor();
    await byTestId(page, 'disposal-filter-from').fill('2026-11-01');
    await byTestId(page, 'disposal-filter-to').fill('2026-11-15');
    await page.locator('[data-testid="disposal-total"]', { hasText: '全1件' }).waitFor();
    await expect(rowsText(page)).resolves.toEqual([expect.stringMatching(/R8-0002/)]);

    await byTestId(page, 'disposal-clear').click();
    await byTestId(page, 'disposal-filter-target-kind').selectOption('medium');
    await page.locator('[data-testid="disposal-total"]', { hasText: '全1件' }).waitFor();
    await expect(rowsText(page)).resolves.toEqual([expect.stringMatching(/R8-0002.*U-0002/)]);

    await byTestId(page, 'disposal-clear').click();
    await byTestId(page, 'disposal-search').fill('会議資料');
    await page.locator('[data-testid="disposal-total"]', { hasText: '全1件' }).waitFor();
    await byTestId(page, 'disposal-filter-method').selectOption('shredding');
    await expect(rowsText(page)).resolves.toEqual([expect.stringMatching(/細断.*作成中/)]);
    await screenshot(page, 'disposal-screens-book.png');

    // To the record and back: the same filters and rows.
    await byTestId(page, 'disposal-table').locator('tbody tr.row-link').first().getByRole('button').click();
    await shown(page, 'disposal-detail');
    await byTestId(page, 'disposal-back').click();
    // The book comes back with its kept filters and reloads: wait for the new count, not the one it left with.
    await byTestId(page, 'disposal-total').filter({ hasText: '全1件' }).waitFor();
    await expect((await shown(page, 'disposal-total')).textContent()).resolves.toBe('全1件 ・ 1 / 1 ページ');
    await expect(byTestId(page, 'disposal-filter-method').inputValue()).resolves.toBe('shredding');
    await expect(byTestId(page, 'disposal-search').inputValue()).resolves.toBe('会議資料');
  });

  it('the home card 承認待ちの廃棄・消去記録 opens the book at what the manager may approve', async () => {
    const { page } = await startClean('book');
    await shown(page, 'login-screen');
    await loginAs(page, people.manager);
    const card = await shown(page, 'home-card-disposal.awaitingApproval');
    await expect(card.locator('[data-testid="home-card-count"]').textContent()).resolves.toBe('1件');
    await card.click();
    await expect((await shown(page, 'disposal-filter-awaiting')).isChecked()).resolves.toBe(true);
    await page.locator('[data-testid="disposal-total"]', { hasText: '全1件' }).waitFor();
    await expect(rowsText(page)).resolves.toEqual([expect.stringMatching(/磁気消去.*承認待ち/)]);
    // Unchecked: the whole book again.
    await byTestId(page, 'disposal-filter-awaiting').uncheck();
    await page.locator('[data-testid="disposal-total"]', { hasText: '全4件' }).waitFor();
  });

  it('the book goes out as PDF and CSV, as the filters show it, after the password', async () => {
    const app = await startClean('book');
    const { page } = app;
    await shown(page, 'login-screen');
    await loginAs(page, people.clerk);
    await byTestId(page, 'nav-disposal').click();
    await (await shown(page, 'disposal-filter-status')).selectOption('approved');
    await page.locator('[data-testid="disposal-total"]', { hasText: '全2件' }).waitFor();
    await byTestId(page, 'disposal-pdf').click();
    await answerPasswordPrompt(page, people.clerk.password);
    const saved = await shown(page, 'disposal-output');
    expect(app.savedPaths).toHaveLength(1);
    await expect(saved.textContent()).resolves.toContain(app.savedPaths[0]!);
    const paper = pdfToText(readFileSync(app.savedPaths[0]!));
    for (const expected of ['R8-0001', 'R8-0002', '上書き消去']) expect(paper).toContain(expected);
    expect(paper).not.toContain('会議資料');

    await byTestId(page, 'disposal-export').click();
    await page.locator('[data-testid="disposal-output"]', { hasText: '（2件）' }).waitFor();
  });

  it('a clerk is not offered 承認待ち', async () => {
    const page = await openDisposalAs('book', people.clerk);
    await expect(byTestId(page, 'disposal-filter-awaiting').count()).resolves.toBe(0);
  });
});
