import { writeFileSync } from 'node:fs';
import path from 'node:path';
import iconv from 'iconv-lite';
import type { ChannelOutput } from '../../../db/contract';
import { chief, type TestApp } from './backend';
import { loginAs, people } from './holdings';
import { mediumInput } from './media';

// Kept here too: tests written before support/media.ts import it from this file.
export { mediumInput };

/** Writes a CSV (UTF-8 with BOM, or Shift_JIS as Excel saves it) in the test's out folder, has the user pick it, and opens it for 取込み. */
export async function openMediaCsv(app: TestApp, name: string, lines: readonly string[], encoding: 'utf-8' | 'shift_jis' = 'utf-8'): Promise<ChannelOutput<'media.import.open'>> {
  const file = path.join(app.outDir, name);
  const text = `${lines.join('\r\n')}\r\n`;
  writeFileSync(file, encoding === 'shift_jis' ? iconv.encode(text, 'Shift_JIS') : `\uFEFF${text}`);
  app.openAnswer.path = file;
  return app.ok('media.import.open');
}

/** The register as the reader sees it, each medium by its words (ids differ between organisations). */
export async function registerAsSeen(app: TestApp): Promise<Record<string, unknown>[]> {
  const { rows } = await app.ok('media.list', { pageSize: 200 });
  const media = await Promise.all(rows.map((r) => app.ok('media.get', { mediumId: r.id })));
  return media.map(({ medium: m }) => ({
    mediaNo: m.mediaNo,
    type: m.type,
    makeModel: m.makeModel,
    serialNo: m.serialNo,
    capacity: m.capacity,
    encrypted: m.encrypted,
    departmentName: m.departmentName,
    custodian: m.custodian,
    storageLocationName: m.storageLocationName,
    isBackupMedium: m.isBackupMedium,
    registeredAt: m.registeredAt,
    remarks: m.remarks,
    status: m.status,
  }));
}

type Departments = { citizens: number; tax: number };

/** 市民課's cabinet (the officer's) and the organisation's shared safe (the chief's). */
export async function storagePlaces(app: TestApp, departments: Departments): Promise<{ cabinet: number; safe: number }> {
  await loginAs(app, chief);
  const safe = (await app.ok('media.storageLocations.create', { name: '耐火金庫', departmentId: null })).id;
  await loginAs(app, people.officer);
  const cabinet = (await app.ok('media.storageLocations.create', { name: '施錠キャビネットA', departmentId: departments.citizens })).id;
  return { cabinet, safe };
}

/** Three media of 市民課 (one a backup in the shared safe) and one of 税務課; the chief is left logged in. */
export async function registerMedia(app: TestApp, departments: Departments): Promise<void> {
  const { cabinet, safe } = await storagePlaces(app, departments);
  await app.ok('media.create', mediumInput(departments.citizens, { mediaNo: 'USB-001', makeModel: 'バッファロー RUF3', serialNo: 'SN-1', capacity: '32GB', custodian: '市民課長', storageLocationId: cabinet, remarks: '=SUM(A1)' }));
  await app.ok('media.create', mediumInput(departments.citizens, { mediaNo: 'HDD-001', type: 'hdd', encrypted: 'password', storageLocationId: safe, isBackupMedium: true, registeredAt: '2025-10-01' }));
  await app.ok('media.create', mediumInput(departments.citizens, { mediaNo: '簿冊-001', type: 'paper', encrypted: 'none', storageLocationId: cabinet }));
  await loginAs(app, chief);
  await app.ok('media.create', mediumInput(departments.tax, { mediaNo: 'TAX-001', storageLocationId: safe }));
}
