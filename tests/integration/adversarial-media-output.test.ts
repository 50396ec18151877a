import { describe, it } from 'vitest';
import { chief, reauth, type TestApp } from './support/backend';
import { ledgerAppPerTest, loginAs, people } from './support/holdings';
import { mediumInput, openMediaCsv, registerMedia, storagePlaces } from './support/mediaOutput';

let app: TestApp;
let departments: { citizens: number; tax: number };
ledgerAppPerTest((a, ids) => {
  app = a;
  departments = ids;
});

const header = '管理番号,種別,暗号化・認証機能,担当課等,保管場所,登録日';

describe('probe', () => {
  it.skip('10k rows', async () => {
    await storagePlaces(app, departments);
    await loginAs(app, chief);
    const lines = [header, ...Array.from({ length: 10000 }, (_, i) => `B-${i},USBメモリ,なし,市民課,施錠キャビネットA,2099-01-01`)];
    let t = Date.now();
    const o = await openMediaCsv(app, 'big.csv', lines);
    console.log('open', Date.now() - t); t = Date.now();
    const c = await app.ok('media.import.check', { importId: o.importId, mapping: o.suggestedMapping });
    console.log('check', Date.now() - t, c.errors.length); t = Date.now();
    console.log(JSON.stringify(await app.call('media.import.commit', { importId: o.importId, mapping: o.suggestedMapping })));
    console.log('commit', Date.now() - t); t = Date.now();
    const v = await app.ok('audit.verify');
    console.log('verify', Date.now() - t, JSON.stringify(v.findings).slice(0, 300));
  });

  it('takeout conditions for another clerk', async () => {
    await registerMedia(app, departments);
    const ids = new Map((await app.ok('media.list', {})).rows.map((r) => [r.mediaNo, r.id]));
    await loginAs(app, people.otherClerk);
    await reauth(app, people.otherClerk.password);
    await app.ok('media.takeout.printList', { filters: { mediumId: ids.get('USB-001')!, mediaNo: 'USB', departmentId: departments.citizens }, target: 'printer' });
    await app.ok('media.printList', { filters: { storageLocationId: 1, departmentId: departments.citizens, text: '市民' }, target: 'printer' });
    for (const p of app.printed) console.log(p.html.match(/抽出条件<\/th><td[^>]*>([^<]*)/)?.[1], p.html.match(/class="count">([^<]*)/)?.[1], (p.html.match(/<tr><td>/g) ?? []).length);
  });
});
