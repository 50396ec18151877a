import { spawnSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeTestApp, removeTestDir, setUpOrganization, type TestApp } from './support/backend';
import { bundleForNode, childEnv, exportTo, mediumDir, passphrase, projectNode } from './support/backup';

let app: TestApp;
let medium: string;
let file: string;
let cli: string;

beforeAll(async () => {
  app = makeTestApp();
  medium = mediumDir();
  await setUpOrganization(app);
  file = (await exportTo(app, medium)).file;
  cli = await bundleForNode('scripts/verifyBackup.ts');
});
afterAll(() => {
  removeTestDir(path.dirname(cli));
  app?.close();
  removeTestDir(app.dir);
  removeTestDir(medium);
});

const run = (target: string, env: Record<string, string>) =>
  spawnSync(projectNode, [cli, target], { env: { ...childEnv, ...env }, encoding: 'utf8', timeout: 60_000 });

describe('npm run verify-backup', () => {
  it('prints the report in Japanese and exits 0 for a good backup', () => {
    const r = run(file, { DAICHO_BACKUP_PASSPHRASE: passphrase });
    expect(r.status, r.stderr).toBe(0);
    expect(r.stdout).toContain('パスフレーズで開けました。');
    expect(r.stdout).toContain('アクセス記録の連鎖は正常です');
    expect(r.stdout).toContain('結果: すべての検査に合格しました。');
  });

  it('exits non-zero for a wrong passphrase, a flipped byte and a file that is not a backup', () => {
    const wrong = run(file, { DAICHO_BACKUP_PASSPHRASE: 'wrong-passphrase' });
    expect(wrong.status).toBe(1);
    expect(wrong.stdout).toContain('[失敗] パスフレーズ（または回復キー）で開けませんでした。');

    const bytes = readFileSync(file);
    bytes[bytes.length - 1] = bytes[bytes.length - 1]! ^ 0xff;
    const flipped = path.join(medium, 'flipped.daicho-backup');
    writeFileSync(flipped, bytes);
    const damaged = run(flipped, { DAICHO_BACKUP_PASSPHRASE: passphrase });
    expect(damaged.status).toBe(1);
    expect(damaged.stdout).toContain('データ本体が目録と一致しません');

    const other = path.join(medium, 'note.txt');
    writeFileSync(other, 'hello');
    const refused = run(other, { DAICHO_BACKUP_PASSPHRASE: passphrase });
    expect(refused.status).toBe(1);
    expect(refused.stderr).toContain('台帳のバックアップではありません');
  });
});
