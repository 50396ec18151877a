import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { PNG } from 'pngjs';
import { beforeEach } from 'vitest';
import type { ChannelInput, ChannelOutput } from '../../../db/contract';
import { chief, type TestApp } from './backend';
import { ledgerAppPerTest, loginAs, people } from './holdings';

/**
 * The disposal tests' shared setup (issue #11). `disposalInput` is an ON-SITE 物理破壊 of paper
 * documents (庁舎内, Destroy / 穿孔・破砕, result 完了, 実施日 2026-11-20), so it needs no attachment:
 * give it `operatorId` and at least one witness (the cast below), and the targets a test cares
 * about. `outsourced` turns it into a destruction by a contractor (委託先, its name and
 * certificate number), which also needs a photo before it may be requested (`attachPhoto`).
 *
 * The cast of the ledger organisation (support/holdings.ts): 田中 (clerk, 市民課) records and
 * asks, 鈴木 (officer, 市民課) performs, 加藤 (clerk, 税務課) witnesses, 山田 (manager, 市民課)
 * approves — four different people, as MIC §12-2 wants.
 */
export type DisposalCast = { clerk: number; officer: number; manager: number; otherClerk: number; chief: number };

/** Every account id of the ledger organisation, read as the chief (left logged out). */
export async function disposalCast(app: TestApp, departments: { citizens: number; tax: number }): Promise<DisposalCast> {
  await loginAs(app, chief);
  const chiefId = (await app.ok('session.current'))!.userId;
  const everyone = [...(await app.ok('disposal.people', { departmentId: departments.citizens })), ...(await app.ok('disposal.people', { departmentId: departments.tax }))];
  const id = (name: string) => everyone.find((p) => p.name === name)!.userId;
  await app.ok('auth.logout');
  return { clerk: id(people.clerk.displayName), officer: id(people.officer.displayName), manager: id(people.manager.displayName), otherClerk: id(people.otherClerk.displayName), chief: chiefId };
}

/** What a record test starts from: a fresh app with the ledger organisation, its two 課等 and the cast (left logged out). */
export interface DisposalTest {
  app: TestApp;
  citizens: number;
  tax: number;
  cast: DisposalCast;
}

/** A new app per test (ledgerAppPerTest) with the cast read before the test body runs. */
export function disposalAppPerTest(use: (test: DisposalTest) => void): void {
  let app: TestApp;
  let departments: { citizens: number; tax: number };
  ledgerAppPerTest((a, d) => {
    app = a;
    departments = d;
  });
  // Registered after ledgerAppPerTest's own, so it runs once the organisation is there.
  beforeEach(async () => use({ app, ...departments, cast: await disposalCast(app, departments) }));
}

/** A record as the form would send it; the overrides say what a test cares about. */
export function disposalInput(departmentId: number, overrides: Partial<ChannelInput<'disposal.create'>> = {}): ChannelInput<'disposal.create'> {
  return {
    departmentId,
    targets: [{ kind: 'paper', description: '住民票の写し（保存期間満了）', quantity: 3, unit: '箱' }],
    nistClass: 'destroy',
    method: 'physical',
    methodDetail: '',
    tool: '',
    toolVersion: '',
    verificationMethod: '目視で破砕を確認',
    verificationOutcome: 'passed',
    performedOn: '2026-11-20',
    placeKind: 'onSite',
    placeDetail: '本庁舎 地下倉庫',
    operatorId: 0,
    witnessIds: [],
    contractorName: '',
    contractorCertificateNo: '',
    contractorStaff: '',
    result: 'completed',
    resultNote: '',
    remarks: '',
    ...overrides,
  };
}

/** The same record done by a contractor (委託先): its name and certificate number; a photo is still to be attached. */
export function outsourced(departmentId: number, overrides: Partial<ChannelInput<'disposal.create'>> = {}): ChannelInput<'disposal.create'> {
  return disposalInput(departmentId, {
    placeKind: 'contractor',
    placeDetail: '',
    contractorName: '株式会社 日本リサイクルセンター',
    contractorCertificateNo: 'NRC-2026-0458',
    contractorStaff: '高橋',
    ...overrides,
  });
}

/** A small PNG (a photo stand-in) written to the test's out folder and attached through the dialog (left logged in as whoever is). */
export async function attachPhoto(app: TestApp, disposalId: number, name = 'photo.png'): Promise<ChannelOutput<'disposal.attachments.add'>> {
  const png = new PNG({ width: 32, height: 24 });
  for (let i = 0; i < png.data.length; i += 4) png.data.set([i % 251, 80, 160, 255], i);
  const file = path.join(app.outDir, name);
  writeFileSync(file, PNG.sync.write(png));
  app.openAnswer.path = file;
  return app.ok('disposal.attachments.add', { disposalId, kind: 'photo', caption: '' });
}

/**
 * The whole way to an approved record with the cast: 田中 creates and asks (attaching a photo
 * first when it is outsourced), 山田 re-enters the password and approves (left logged in).
 * `input` needs no operator or witnesses: 鈴木 performs, 加藤 witnesses unless it says otherwise.
 */
export async function approvedDisposal(app: TestApp, cast: DisposalCast, input: ChannelInput<'disposal.create'>): Promise<ChannelOutput<'disposal.approve'>> {
  await loginAs(app, people.clerk);
  const fields = { ...input, operatorId: input.operatorId || cast.officer, witnessIds: input.witnessIds?.length ? input.witnessIds : [cast.otherClerk] };
  const created = await app.ok('disposal.create', fields);
  if (fields.placeKind === 'contractor') await attachPhoto(app, created.id);
  const current = (await app.ok('disposal.get', { disposalId: created.id })).disposal;
  const requested = await app.ok('disposal.request', { disposalId: created.id, version: current.version });
  await loginAs(app, people.manager);
  await app.ok('auth.reauthenticate', { password: people.manager.password });
  return app.ok('disposal.approve', { disposalId: created.id, version: requested.version });
}
