import m0001 from './0001_init.sql?raw';
import m0002 from './0002_holdings.sql?raw';
import m0003 from './0003_ledger_kit.sql?raw';

/**
 * Numbered migrations, applied in order; migration N leaves `PRAGMA user_version = N`.
 * Only ever append: a shipped migration is never edited (the schema snapshot test guards it).
 */
export const migrations: readonly { version: number; name: string; sql: string }[] = [
  { version: 1, name: '0001_init', sql: m0001 },
  { version: 2, name: '0002_holdings', sql: m0002 },
  { version: 3, name: '0003_ledger_kit', sql: m0003 },
];

export const latestSchemaVersion = migrations.length;
