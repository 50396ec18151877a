import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { holdingInput, ledgerOrganization, loginAs as loginThrough } from '../integration/support/holdings';
import { byTestId, preparedPerFile, screenshot, shown, type E2eApp } from './support/e2e';
import { loginAs, openHolding, people } from './support/holdings';

/*
 * 今日の確認事項 and 照合依頼 through the real renderer, router and encrypted database: the
 * clerk asks the officer to verify an entry; the officer finds the request on the home
 * screen, follows it to the list and the entry, verifies it, and the card is gone. Each test
 * starts from a state made once through the backend, so either runs alone.
 */
type Stage = 'registered' | 'requested';
const data = preparedPerFile<Stage>(async (stage) => {
  await stage('registered', null, async (backend) => {
    const { citizens } = await ledgerOrganization(backend);
    await loginThrough(backend, people.clerk);
    await backend.ok('holdings.create', holdingInput(citizens, { ledgerNo: 'R8-0301', name: '国民健康保険被保険者台帳' }));
    await backend.ok('holdings.create', holdingInput(citizens, { ledgerNo: 'R8-0302', name: '児童手当受給者台帳' }));
  });
  await stage('requested', 'registered', async (backend) => {
    await loginThrough(backend, people.clerk);
    const [entry] = (await backend.ok('holdings.list', { text: 'R8-0301', pageSize: 10 })).rows;
    const [officer] = await backend.ok('holdings.verifierCandidates', { holdingId: entry!.id }).then((c) => c.filter((p) => p.displayName === people.officer.displayName));
    await backend.ok('holdings.requestVerification', { holdingId: entry!.id, verifierUserId: officer!.userId });
  });
});

let app: E2eApp | undefined;
async function startAs(stage: Stage, person: { loginId: string; password: string }): Promise<Page> {
  app = await data.start(stage);
  await shown(app.page, 'login-screen');
  await loginAs(app.page, person);
  await shown(app.page, 'home');
  return app.page;
}

const card = (page: Page, id: string) => byTestId(page, `home-card-${id}`);

describe('home dashboard and 照合依頼', () => {
  it('lets the author name the verifier from the entry, and shows whom they asked', async () => {
    const page = await startAs('registered', people.clerk);
    await expect((await shown(page, 'home-card-holdings.authoredByMe')).locator('[data-testid="home-card-count"]').textContent()).resolves.toBe('2件');
    await card(page, 'holdings.authoredByMe').click();
    await shown(page, 'holdings-filter-authoredByMe');
    await openHolding(page, 'R8-0301');
    // Instead of being told to ask someone, the author asks here.
    await byTestId(page, 'holding-request-verification').click();
    await shown(page, 'holding-request-dialog');
    const options = await byTestId(page, 'holding-request-verifier').locator('option').allTextContents();
    // The clerk (the author) and the other 課等's clerk are not offered.
    expect(options.slice(1).sort()).toEqual([people.manager.displayName, people.officer.displayName, '佐藤 一郎'].sort());
    await byTestId(page, 'holding-request-verifier').selectOption({ label: people.officer.displayName });
    await byTestId(page, 'holding-request-submit').click();
    await expect((await shown(page, 'holding-notice')).textContent()).resolves.toBe(`${people.officer.displayName}さんに照合を依頼しました。`);
    await expect((await shown(page, 'holding-verification-request')).textContent()).resolves.toMatch(new RegExp(`^照合依頼: ${people.officer.displayName}（2026年11月22日）$`));
    await byTestId(page, 'holding-timeline').getByText('照合依頼').first().waitFor();

    await byTestId(page, 'nav-home').click();
    await expect((await shown(page, 'home-card-holdings.authoredByMe')).locator('[data-testid="home-card-people"]').textContent()).resolves.toBe(
      `依頼先: ${people.officer.displayName}（1件） / 依頼していないもの 1件`,
    );
    expect(app!.pageErrors).toEqual([]);
    expect(app!.blockedRequests).toEqual([]);
  });

  it('shows the request on the verifier’s home; a click leads to the entry, 照合 takes the card away', async () => {
    const page = await startAs('requested', people.officer);
    const requested = await shown(page, 'home-card-holdings.requestedOfMe');
    await expect(requested.locator('[data-testid="home-card-count"]').textContent()).resolves.toBe('1件');
    await expect(card(page, 'holdings.verifiableByMe').locator('[data-testid="home-card-count"]').textContent()).resolves.toBe('2件');
    // Requests come first.
    await expect(page.locator('[data-testid="home-cards"] li:first-child [data-testid^="home-card-"]').first().getAttribute('data-testid')).resolves.toBe('home-card-holdings.requestedOfMe');
    await screenshot(page, 'home-dashboard.png');

    await requested.click();
    await expect((await shown(page, 'holdings-filter-requestedOfMe')).textContent()).resolves.toContain('あなたに照合依頼があるもの');
    await expect(byTestId(page, 'holdings-total').textContent()).resolves.toMatch(/^全1件/);
    await openHolding(page, 'R8-0301');
    await expect(byTestId(page, 'holding-verification-request').textContent()).resolves.toContain(people.officer.displayName);
    await byTestId(page, 'holding-verify').click();
    await shown(page, 'holding-verify-dialog');
    await byTestId(page, 'holding-verify-submit').click();
    await expect((await shown(page, 'holding-notice')).textContent()).resolves.toBe('照合しました。');
    await byTestId(page, 'holding-verification-request').waitFor({ state: 'detached' });

    await byTestId(page, 'nav-home').click();
    await shown(page, 'home-card-holdings.verifiableByMe');
    await expect(card(page, 'holdings.requestedOfMe').count()).resolves.toBe(0);
    await expect(card(page, 'holdings.verifiableByMe').locator('[data-testid="home-card-count"]').textContent()).resolves.toBe('1件');
    // The same cards in English.
    await byTestId(page, 'language-select').selectOption('en');
    await expect(card(page, 'holdings.verifiableByMe').locator('.home-card-title').textContent()).resolves.toBe('Entries awaiting verification');
    expect(app!.pageErrors).toEqual([]);
    expect(app!.blockedRequests).toEqual([]);
  });
});
