import type { Page } from 'playwright-core';
import type { ChannelInput, ChannelName, ChannelOutput, Result } from '../../../db/contract';
import { appUrl } from '../../harness/rendererRoutes';
import { ledgerOrganization, people } from '../../integration/support/holdings';
import type { TestApp } from '../../integration/support/backend';
import { byTestId, shown, type E2eApp } from './e2e';

export { people };

/**
 * The organisation of the holdings stories, set up straight through the backend (the
 * foundation story already drives setup and account creation through the UI): 市民課 with a
 * clerk, an officer and a manager, 税務課 with another clerk, every first password changed.
 * Calls go through the real router, from the app's own origin, as the page's would.
 */
export async function setUpLedgerOrganization(app: E2eApp): Promise<{ citizens: number; tax: number }> {
  const call = <C extends ChannelName>(channel: C, input?: ChannelInput<C>) =>
    app.backend.dispatch(channel, input ?? {}, { frameUrl: appUrl }) as Promise<Result<ChannelOutput<C>>>;
  const ok = async <C extends ChannelName>(channel: C, input?: ChannelInput<C>) => {
    const r = await call(channel, input);
    if (!r.ok) throw new Error(`${channel} failed: ${JSON.stringify(r)}`);
    return r.data;
  };
  const departments = await ledgerOrganization({ call, ok } as unknown as TestApp);
  // The page still shows the setup wizard it loaded with: start it again on the login screen.
  await app.page.reload();
  await shown(app.page, 'login-screen');
  return departments;
}

export async function loginAs(page: Page, person: { loginId: string; password: string }): Promise<void> {
  await (await shown(page, 'login-id')).fill(person.loginId);
  await byTestId(page, 'login-password').fill(person.password);
  await byTestId(page, 'login-submit').click();
  await shown(page, 'main-frame');
}

export async function logout(page: Page): Promise<void> {
  await byTestId(page, 'header-logout').click();
  await shown(page, 'login-screen');
}

export async function openHoldings(page: Page): Promise<void> {
  await byTestId(page, 'nav-holdings').click();
  await shown(page, 'holdings-table');
}

/** From the list, the detail of one entry. */
export async function openHolding(page: Page, ledgerNo: string): Promise<void> {
  await (await shown(page, `holding-row-${ledgerNo}`)).getByRole('button', { name: ledgerNo }).click();
  await shown(page, 'holding-detail');
}
