import { execSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

/**
 * The ledger kit and the shared renderer components serve every ledger, so they name none:
 * a ledger's words live in its own folder (db/features/<area>, renderer/features/<area>).
 */
const root = path.resolve(import.meta.dirname, '../..');
const ledgerWords = /holding|保有|media|媒体|disposal|廃棄|entryLog|入退室/i;

describe('the kit is generic', () => {
  for (const folder of ['db/ledger', 'renderer/components']) {
    it(`${folder} names no ledger`, () => {
      const files = execSync(`git ls-files -co --exclude-standard -- ${folder}`, { cwd: root, encoding: 'utf8' }).split('\n').filter((f) => /\.(ts|tsx)$/.test(f));
      expect(files.length).toBeGreaterThan(3);
      const naming = files.filter((f) => ledgerWords.test(readFileSync(path.join(root, f), 'utf8').replace(/\/\/.*$|\/\*[\s\S]*?\*\//gm, '')));
      expect(naming).toEqual([]);
    });
  }
});
