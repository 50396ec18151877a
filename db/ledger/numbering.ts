import type { Tx } from '../core/appCore';
import type { Db } from '../store/database';
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
function reiwaFiscalLabel(fiscalYear: number): string {
  return `R${fiscalYear - 2018}`;
}

/** 年度-連番 such as `R8-0001`: the counter of the fiscal year (1 April of the organisation's calendar: pass today's date in its time zone). */
function fiscalCounter(today: string, digits: number): { period: string; format: (n: number) => string } {
  const fiscalYear = fiscalYearOf(today);
  return { period: String(fiscalYear), format: (n) => `${reiwaFiscalLabel(fiscalYear)}-${String(n).padStart(digits, '0')}` };
}

/** The next 年度-連番 of a series no one types by hand (`R8-0001`, `R8-0002` …; `R9-0001` from 1 April). */
export function fiscalSerial(tx: Tx, series: string, today: string, digits = 4): string {
  const { period, format } = fiscalCounter(today, digits);
  return format(nextNumber(tx, series, period));
}

/**
 * The next 年度-連番 no record holds yet, restarting each fiscal year. Where people may also type
 * a number by hand, a typed 「R8-0003」 is passed over rather than issued twice (the counter still
 * moves past it, so it is never offered again). Taken in the caller's IMMEDIATE write
 * transaction: two saves at once are serialised and cannot get the same number.
 */
export function freeFiscalSerial(tx: Tx, series: string, today: string, isTaken: (no: string) => boolean, digits = 4): string {
  const { period, format } = fiscalCounter(today, digits);
  return freeSerial(tx, series, period, format, isTaken);
}

/**
 * What `freeFiscalSerial` would give if a record were saved now, without taking it (a
 * form's hint). Another save may take it first; the saved record shows the real number.
 */
export function upcomingFiscalSerial(db: Db, series: string, today: string, isTaken: (no: string) => boolean, digits = 4): string {
  const { period, format } = fiscalCounter(today, digits);
  return upcomingSerial(db, series, period, format, isTaken);
}

/**
 * A serial of any shape (`format(n)`: 「SOM-USB-007」) that no record holds yet: the counter of
 * `series`/`period` moves past numbers typed by hand, as `freeFiscalSerial` does for 年度-連番.
 * In the caller's IMMEDIATE write transaction, so two saves at once never get the same number.
 */
export function freeSerial(tx: Tx, series: string, period: string, format: (n: number) => string, isTaken: (no: string) => boolean): string {
  for (;;) {
    const no = format(nextNumber(tx, series, period));
    if (!isTaken(no)) return no;
  }
}

/** What `freeSerial` would give if a record were saved now, without taking it (a form's hint). */
export function upcomingSerial(db: Db, series: string, period: string, format: (n: number) => string, isTaken: (no: string) => boolean): string {
  return upcomingSerials(db, series, period, format, isTaken, 1)[0] as string;
}

/**
 * The next `count` numbers `freeSerial` would give, in order, without taking them: an import's
 * preview shows each blank row the number its commit will take (the same counter, the same
 * numbers passed over), unless another save takes one first.
 */
export function upcomingSerials(db: Db, series: string, period: string, format: (n: number) => string, isTaken: (no: string) => boolean, count: number): string[] {
  const last = statement(db, 'SELECT last FROM record_numbers WHERE series = ? AND period = ?').pluck().get(series, period) as number | undefined;
  const numbers: string[] = [];
  for (let n = (last ?? 0) + 1; numbers.length < count; n++) {
    const no = format(n);
    if (!isTaken(no)) numbers.push(no);
  }
  return numbers;
}
