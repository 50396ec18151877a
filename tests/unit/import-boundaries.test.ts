import path from 'node:path';
import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';

/**
 * The import boundaries of eslint.config.mjs (daicho/import-boundaries), run through ESLint
 * itself on virtual files: each case is a file at `file` importing `from`.
 */
const root = path.resolve(import.meta.dirname, '../..');
const eslint = new ESLint({ cwd: root });

async function boundaryMessages(file: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath: path.join(root, file) });
  return result!.messages.filter((m) => m.ruleId === 'daicho/import-boundaries' || m.fatal).map((m) => m.message);
}

const importOf = (from: string) => `import { x } from '${from}';\nexport const y = x;\n`;

describe('import boundaries (eslint.config.mjs)', () => {
  it.each([
    ['db/features/media/x.ts', '../holdings/rules', /db\/features\/media must not import another area \(db\/features\/holdings\)/],
    ['db/features/media/print/sheet.ts', '../../holdings/print/labels', /another area/],
    ['db/features/media/x.ts', '../holdings', /another area/],
    ['db/core/x.ts', '../features/holdings/rules', /must not import db\/features/],
    ['db/ledger/csv/x.ts', '../../features/holdings/columns', /must not import db\/features/],
    ['db/print/x.ts', '../features/holdings/print/labels', /must not import db\/features/],
    ['db/core/auditFindings.ts', '../ledger/reconcile', /db\/core must not import db\/ledger/],
    ['db/core/backup/x.ts', '../../ledger/integrity', /db\/core must not import db\/ledger/],
    ['db/core/x.ts', '../ledger', /db\/core must not import db\/ledger/],
    ['renderer/features/media/MediaScreen.tsx', '../holdings/HoldingTable', /renderer\/features\/media must not import another area/],
    ['db/features/holdings/rules.ts', '../../../renderer/i18n/ja/holdings', /only from print code/],
    ['db/core/x.ts', '../../renderer/i18n/ja/common', /only from print code/],
    ['db/print/x.ts', '../../renderer/components/forms', /only the Japanese locale data/],
    ['db/print/x.ts', '../../renderer/i18n/en/holdings', /only the Japanese locale data/],
    ['db/features/holdings/print/x.ts', '../../../../renderer/format/dates', /only the Japanese locale data/],
  ])('refuses %s importing %s', async (file, from, message) => {
    expect(await boundaryMessages(file, importOf(from))).toEqual([expect.stringMatching(message)]);
  });

  it('sees re-exports and dynamic imports too', async () => {
    expect(await boundaryMessages('db/features/media/x.ts', `export * from '../holdings/rules';\n`)).toHaveLength(1);
    expect(await boundaryMessages('db/features/media/x.ts', `export { a } from '../holdings/rules';\n`)).toHaveLength(1);
    expect(await boundaryMessages('db/features/media/x.ts', `export const m = () => import('../holdings/rules');\n`)).toHaveLength(1);
  });

  it.each([
    ['db/features/media/x.ts', '../../core/appCore'],
    ['db/features/media/x.ts', '../../ledger/record'],
    ['db/ledger/reconcile.ts', '../core/auditFindings'],
    ['db/core/x.ts', '../ledgerBook/y'],
    ['db/features/media/x.ts', '../../print/layout'],
    ['db/features/media/x.ts', '../../contract'],
    ['db/features/media/x.ts', '../../store/database'],
    ['db/features/media/x.ts', './rules'],
    ['db/features/media/print/sheet.ts', '../rules'],
    ['db/features/media/print/sheet.ts', '../../../../renderer/i18n/ja/holdings'],
    ['db/print/x.ts', '../../renderer/i18n/ja/common'],
    ['db/features/registry.ts', './holdings/handlers'],
    ['renderer/features/media/MediaScreen.tsx', '../../components/DataTable'],
    ['renderer/features/media/MediaScreen.tsx', './MediaTable'],
  ])('allows %s importing %s', async (file, from) => {
    expect(await boundaryMessages(file, importOf(from))).toEqual([]);
  });

  it('keeps the Japanese locale files pure data (the backend imports them)', async () => {
    expect(await boundaryMessages('renderer/i18n/ja/media.ts', importOf('../../format/dates'))).toEqual([expect.stringMatching(/pure data/)]);
    expect(await boundaryMessages('renderer/i18n/ja/media.ts', `export const media = { title: '媒体' };\n`)).toEqual([]);
  });
});
