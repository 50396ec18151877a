import type { Tx } from '../core/appCore';
import { statement } from '../store/statements';
import { fiscalYearOf } from '../contract/timeZone';

/**
 * Record numbers (証明書番号, 媒体の管理番号 …): one counter per series and period, taken
 * inside the caller's transaction. A rolled-back write gives its number back, so numbers
 * have no gaps; a committed one is never issued again.
 */
export function nextNumber(tx: Tx, series: string, period: string): number {
  return statement(
    tx.db,
    `INSERT INTO record_numbers (series, period, last) VALUES (?, ?, 1)
     ON CONFLICT (series, period) DO UPDATE SET last = last + 1 RETURNING last`,
  )
    .pluck()
    .get(series, period) as number;
}

/** 令和 year of a 年度 (fiscal year from 1 April): FY2026 → 'R8'. */
export function reiwaFiscalLabel(fiscalYear: number): string {
  return `R${fiscalYear - 2018}`;
}

/**
 * 年度-連番 such as `R8-0001`, restarting each fiscal year (1 April of the organisation's
 * calendar: pass today's date in its time zone).
 */
export function fiscalSerial(tx: Tx, series: string, today: string, digits = 4): string {
  const fiscalYear = fiscalYearOf(today);
  const n = nextNumber(tx, series, String(fiscalYear));
  return `${reiwaFiscalLabel(fiscalYear)}-${String(n).padStart(digits, '0')}`;
}
