import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { chief, reauth, type TestApp } from '../../integration/support/backend';
import { loginAs } from '../../integration/support/holdings';
import { byTestId, shown, type E2eApp } from './e2e';

/** The passphrase of the backups the end-to-end tests prepare and restore. */
export const passphrase = 'Hozon-2026-kinko-1';

/** The backup prepareBackup made for a stage, in a folder standing for the removable drive (outside every data folder). */
export const preparedBackup = (stageDir: string) => path.join(stageDir, '..', 'media', 'prepared.daicho-backup');

/**
 * Exports a backup of the stage through the backend, as the chief, into media/prepared.daicho-backup,
 * and logs out: what a test restores from the login screen or the setup wizard.
 */
export async function prepareBackup(backend: TestApp): Promise<void> {
  backend.saveAnswer.path = preparedBackup(backend.dir);
  mkdirSync(path.dirname(backend.saveAnswer.path), { recursive: true });
  await loginAs(backend, chief);
  await reauth(backend, chief.password);
  await backend.ok('backup.export', { passphrase, passphraseConfirm: passphrase, keepGenerations: 5 });
  await backend.ok('auth.logout');
}

/**
 * Restores `file` from a restore form on screen (the setup wizard's or the login screen's, which ask
 * no password): opens it, waits for `opened` (what that form shows of the backup), starts and
 * confirms, and waits for the login screen.
 */
export async function restoreOnScreen(app: E2eApp, file: string, opened: string): Promise<void> {
  const { page } = app;
  app.openAnswer.path = file;
  await byTestId(page, 'backup-restore-passphrase').fill(passphrase);
  await byTestId(page, 'backup-restore-open').click();
  await shown(page, opened);
  await byTestId(page, 'backup-restore-start').click();
  await (await shown(page, 'backup-restore-confirm')).click();
  await shown(page, 'login-screen');
}
