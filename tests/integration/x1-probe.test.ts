import { expect, it } from 'vitest';
import type { ChannelInput } from '../../db/contract';
import { chief, createUser, firstLogin, type TestApp } from './support/backend';
import { ledgerAppPerTest, loginAs, people } from './support/holdings';

let app: TestApp;
let departments: { citizens: number; tax: number };
ledgerAppPerTest((a, ids) => { app = a; departments = ids; });
function medium(overrides: Partial<ChannelInput<'media.create'>> = {}): ChannelInput<'media.create'> {
  return { mediaNo: '', type: 'usb', makeModel: 'USB', serialNo: '', capacity: '', encrypted: 'hardware', departmentId: departments.citizens, custodian: '', storageLocationId: null, isBackupMedium: false, registeredAt: null, remarks: '', ...overrides };
}
it('probe', async () => {
  await loginAs(app, chief);
  await createUser(app, { loginId: 'honbu', displayName: '本部 課長', role: 'manager', password: 'Initial-2026-z', departmentId: 1 });
  const a = await app.ok('media.create', medium({ mediaNo: 'SOM-1' }));
  const b = await app.ok('media.create', medium({ mediaNo: 'ZEI-SECRET-1', departmentId: departments.tax }));
  await app.ok('media.printLabels', { mediumIds: [a.id, b.id], layout: '12', startPosition: 1, target: 'pdf' });
  await app.ok('auth.logout');
  await firstLogin(app, 'honbu', 'Initial-2026-z', 'Kita-2026-pw-qz');
  const rows = (await app.ok('audit.query', { pageSize: 100 })).rows;
  console.log(JSON.stringify(rows.filter((e) => e.action.startsWith('media.')).map((e) => [e.action, e.detail, e.words]), null, 0));
  console.log(JSON.stringify(await app.ok('media.list', {})));
});
