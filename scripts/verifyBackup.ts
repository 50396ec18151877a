/**
 * バックアップの検査 for administrators (issue #8), without the app:
 *   npm run verify-backup -- <file>
 * Asks the backup passphrase (or reads DAICHO_BACKUP_PASSPHRASE; DAICHO_BACKUP_RECOVERY_KEY
 * opens it with the recovery key instead), prints the same report as the app, in Japanese,
 * and exits 0 only when every check passed (1: a check failed or the file was refused; 2: usage).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { AppError } from '../db/core/appError';
import type { BackupSecret } from '../db/core/backup/format';
import { openBackup } from '../db/core/backup/verify';
import { common as ja } from '../renderer/i18n/ja/common';

function message(key: string, params: Record<string, string | number> = {}): string {
  const found = key.split('.').reduce<unknown>((node, part) => (node as Record<string, unknown> | undefined)?.[part], ja);
  const text = typeof found === 'string' ? found : key;
  return text.replace(/\{\{(\w+)\}\}/g, (_, name: string) => String(params[name] ?? ''));
}

/** Reads a line from the terminal without echoing it. */
function askHidden(prompt: string): Promise<string> {
  return new Promise((resolve) => {
    const rl = createInterface({ input: process.stdin, output: process.stdout, terminal: true });
    const write = (rl as unknown as { _writeToOutput: (s: string) => void })._writeToOutput.bind(rl);
    (rl as unknown as { _writeToOutput: (s: string) => void })._writeToOutput = (s: string) => write(s.startsWith(prompt) ? prompt : '');
    rl.question(prompt, (answer) => {
      rl.close();
      process.stdout.write('\n');
      resolve(answer);
    });
  });
}

async function main(): Promise<number> {
  const file = process.argv[2];
  if (!file) {
    console.error('使い方: npm run verify-backup -- <バックアップファイル>');
    return 2;
  }
  const secret: BackupSecret = process.env.DAICHO_BACKUP_RECOVERY_KEY
    ? { recoveryKey: process.env.DAICHO_BACKUP_RECOVERY_KEY }
    : { passphrase: process.env.DAICHO_BACKUP_PASSPHRASE ?? (await askHidden('バックアップのパスフレーズ: ')) };
  const stageDir = mkdtempSync(path.join(tmpdir(), 'daicho-verify-'));
  try {
    const { report } = await openBackup(path.resolve(file), secret, { stageDir });
    console.log(`バックアップの検査: ${report.fileName}（${report.bytes.toLocaleString('ja-JP')}バイト）`);
    if (report.manifest) {
      const m = report.manifest;
      console.log(`  組織: ${m.organizationName}　作成: ${m.createdAt}（${m.createdBy}）　アプリ ${m.appVersion}・データの版 ${m.schemaVersion}`);
      console.log(`  アクセス記録の最後: ${m.auditHead.seq}番 ${m.auditHead.hash}`);
    }
    for (const check of report.checks) console.log(`  ${check.ok ? '[OK]  ' : '[失敗]'} ${message(check.messageKey, check.params)}`);
    console.log(report.ok ? '結果: すべての検査に合格しました。' : '結果: 検査に失敗しました。このファイルからは復元できません。');
    return report.ok ? 0 : 1;
  } catch (error) {
    if (error instanceof AppError) {
      console.error(message(error.messageKey, error.params));
      return 1;
    }
    throw error;
  } finally {
    rmSync(stageDir, { recursive: true, force: true });
  }
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error('検査中に予期しないエラーが発生しました:', error);
    process.exit(1);
  },
);
