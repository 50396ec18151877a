import path from 'node:path';
import type { Db } from '../../../db/store/database';
import { chief, type TestApp } from './backend';
import { databaseKeyFromPassword, openWithRawKey } from './documentedFormat';
import { loginAs } from './holdings';

/**
 * An insider's edit with the key, outside the app (what 改ざん検査 must name): the session is
 * ended, the database opened with the documented derivation, `change` applied, and the chief
 * logged in again.
 */
export async function editBehindTheApp(app: TestApp, change: (db: Db) => void): Promise<void> {
  if ((await app.ok('session.current')) !== null) await app.ok('auth.logout');
  const db: Db = openWithRawKey(path.join(app.dir, 'daicho.db'), databaseKeyFromPassword(path.join(app.dir, 'keyring.json'), chief.loginId, chief.password));
  try {
    change(db);
  } finally {
    db.close();
  }
  await loginAs(app, chief);
}
