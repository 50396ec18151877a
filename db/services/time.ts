/**
 * Instants are stored as UTC ISO-8601; calendar dates (validity, filters) are the
 * terminal's local dates, which in a Japanese office is JST.
 */
export function localDateOf(ms: number): string {
  const d = new Date(ms);
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`;
}

/** The UTC instant at which a local calendar day begins. */
export function localDayStartIso(date: string): string {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  return new Date(y, m - 1, d).toISOString();
}

/** The UTC instant at which the local day after `date` begins (an exclusive upper bound). */
export function localDayEndExclusiveIso(date: string): string {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  return new Date(y, m - 1, d + 1).toISOString();
}
