import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { holdingFieldsSchema } from '../../db/contract';
import { dayStartMs, fiscalYearOf, localDateIn } from '../../db/contract/timeZone';
import { holdingsLedger } from '../../db/features/holdings/columns';
import { oneYearBeforeIso } from '../../db/core/time';
import { assertStep, verifyRecord, type Lifecycle } from '../../db/ledger/lifecycle';
import { fiscalSerial, nextNumber } from '../../db/ledger/numbering';
import { insertRecord } from '../../db/ledger/record';
import { clerk, kitDatabase, officer } from './support/ledgerDb';

let kit: ReturnType<typeof kitDatabase>;
beforeEach(() => {
  kit = kitDatabase();
});
afterEach(() => kit.db.close());

describe('record numbering', () => {
  it('counts per series and period, with no gap when a write rolls back', () => {
    expect(kit.write((tx) => [nextNumber(tx, 'media:市民課:USB', '2026'), nextNumber(tx, 'media:市民課:USB', '2026')])).toEqual([1, 2]);
    expect(() => kit.write((tx) => {
      expect(nextNumber(tx, 'media:市民課:USB', '2026')).toBe(3);
      throw new Error('the record failed to save');
    })).toThrow('the record failed to save');
    // The rolled-back 3 is issued again, so the numbers have no gap; other series are apart.
    expect(kit.write((tx) => nextNumber(tx, 'media:市民課:USB', '2026'))).toBe(3);
    expect(kit.write((tx) => nextNumber(tx, 'media:税務課:USB', '2026'))).toBe(1);
  });

  it('restarts 年度-連番 on 1 April of the organisation’s calendar', () => {
    expect(kit.write((tx) => fiscalSerial(tx, 'disposal', '2027-03-31'))).toBe('R8-0001');
    expect(kit.write((tx) => fiscalSerial(tx, 'disposal', '2027-03-31'))).toBe('R8-0002');
    expect(kit.write((tx) => fiscalSerial(tx, 'disposal', '2027-04-01'))).toBe('R9-0001');
    // 2027-03-31T15:30Z is already 1 April in Tokyo, still 31 March in UTC.
    const instant = Date.parse('2027-03-31T15:30:00Z');
    expect(fiscalYearOf(localDateIn(instant, 'Asia/Tokyo'))).toBe(2027);
    expect(fiscalYearOf(localDateIn(instant, 'UTC'))).toBe(2026);
  });
});

describe('business dates in the organisation’s time zone', () => {
  it('starts a day at the zone’s midnight and keeps a year’s review cutoff on the calendar', () => {
    expect(new Date(dayStartMs('2026-11-22', 'Asia/Tokyo')).toISOString()).toBe('2026-11-21T15:00:00.000Z');
    expect(new Date(dayStartMs('2026-11-22', 'UTC', 1)).toISOString()).toBe('2026-11-23T00:00:00.000Z');
    // A daylight-saving zone: the day of the change still starts at its own midnight.
    expect(new Date(dayStartMs('2026-03-08', 'America/New_York')).toISOString()).toBe('2026-03-08T05:00:00.000Z');
    expect(new Date(dayStartMs('2026-03-09', 'America/New_York')).toISOString()).toBe('2026-03-09T04:00:00.000Z');
    expect(oneYearBeforeIso(Date.parse('2026-11-22T01:00:00Z'), 'Asia/Tokyo')).toBe('2025-11-21T15:00:00.000Z');
    expect(oneYearBeforeIso(Date.parse('2028-02-29T03:00:00Z'), 'Asia/Tokyo')).toBe('2027-02-28T15:00:00.000Z'); // 29 Feb → 1 Mar
  });
});

describe('lifecycle', () => {
  type Status = 'requested' | 'approved' | 'returned';
  const takeOut: Lifecycle<Status, 'approve' | 'return'> = {
    approve: { from: ['requested'], refusal: 'errors.notRequested' },
    return: { from: ['approved'], refusal: 'errors.notOut' },
  };

  it('allows an action only from the statuses it names, with the message the ledger chose', () => {
    expect(() => assertStep(takeOut, 'approve', 'requested')).not.toThrow();
    expect(() => assertStep(takeOut, 'return', 'requested')).toThrow(expect.objectContaining({ code: 'CONFLICT', messageKey: 'errors.notOut' }));
  });

  it('refuses 照合 by an author and records it for another person', () => {
    const fields = holdingFieldsSchema.parse({ ledgerNo: 'R8-0009', name: '名簿', departmentId: 1, purpose: '事務', medium: 'paper' });
    const { id } = kit.write((tx) => insertRecord(tx, holdingsLedger, clerk, fields, 'create', { status: 'draft' }));
    const record = { id, version: 1, verifiedVersion: null };
    expect(() => kit.write((tx) => verifyRecord(tx, holdingsLedger, clerk, record, ['create', 'update']))).toThrow(expect.objectContaining({ code: 'SEPARATION_OF_DUTIES' }));
    expect(kit.write((tx) => verifyRecord(tx, holdingsLedger, officer, record, ['create', 'update']))).toBe(2);
    expect(kit.db.prepare('SELECT status, version, verified_version, verified_by FROM holdings WHERE id = ?').get(id)).toEqual({ status: 'verified', version: 2, verified_version: 2, verified_by: officer.userId });
  });
});
