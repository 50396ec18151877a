import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { shown, startApp, type E2eApp } from './support/e2e';

/**
 * Issue #9, 8: the setup wizard says, in Japanese, what the backend found in the data folder
 * at start — a setup cut short and cleared, or a database without its key file that it will
 * not run over (SECURITY.md, First-run setup).
 */
const sources = mkdtempSync(path.join(tmpdir(), 'daicho-e2e-halfmade-'));
let app: E2eApp | null = null;
afterEach(async () => {
  await app?.dispose();
  app = null;
});
afterAll(() => rmSync(sources, { recursive: true, force: true }));

function folderWith(name: string, files: Record<string, string>): string {
  const dir = path.join(sources, name);
  mkdirSync(dir);
  for (const [file, text] of Object.entries(files)) writeFileSync(path.join(dir, file), text);
  return dir;
}

describe('the setup wizard and a half-made data folder', () => {
  it('says that a setup cut short was cleared, and setup starts from the beginning', async () => {
    app = await startApp({ dataFrom: folderWith('marker', { 'setup-in-progress.json': '{}', 'daicho.db': 'half-made' }) });
    const notice = await shown(app.page, 'setup-notice');
    expect(await notice.textContent()).toContain('前回の初期設定が途中で中断されていました');
    await shown(app.page, 'setup-org-name');
  });

  it('says what to do about a database without its key file', async () => {
    app = await startApp({ dataFrom: folderWith('orphan', { 'daicho.db': 'records without a keyring' }) });
    const text = (await (await shown(app.page, 'setup-notice')).textContent()) ?? '';
    expect(text).toContain('鍵ファイル');
    expect(text).toContain('バックアップから復元');
  });
});
