import m0001 from './0001_init.sql?raw';

/**
 * Numbered migrations, applied in order; migration N leaves `PRAGMA user_version = N`.
 * Only ever append: a shipped migration is never edited (the schema snapshot test guards it).
 */
export const migrations: readonly { version: number; name: string; sql: string }[] = [
  { version: 1, name: '0001_init', sql: m0001 },
];

export const latestSchemaVersion = migrations.length;
