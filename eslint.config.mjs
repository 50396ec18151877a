import path from 'node:path';
import tseslint from 'typescript-eslint';
import reactHooks from 'eslint-plugin-react-hooks';

/**
 * Import boundaries between layers and feature areas, checked on the resolved path (a
 * pattern on the import string cannot tell '../x' inside an area from '../other/x'):
 * - an area (db/features/<area>/, renderer/features/<area>/) never imports another area;
 *   what two areas share belongs below them (db/ledger, db/core, db/print; renderer/components);
 * - db/core, db/ledger and db/print never import db/features: areas build on them;
 * - db/core never imports db/ledger: the kit builds on core, and hands core what it needs
 *   (core/auditFindings.ts RowChecks, core/statePins.ts), never the other way round;
 * - from renderer/, the backend imports only the Japanese locale data, and only its print
 *   code does (labels on paper match the screen); those files are pure data, so they import
 *   nothing at run time themselves.
 */
const repoRoot = import.meta.dirname;
const repoPath = (file) => path.relative(repoRoot, file).split(path.sep).join('/');

/** The area a source file belongs to: the folder below `base` that holds it. */
function fileArea(file, base) {
  if (!file.startsWith(base)) return null;
  const rest = file.slice(base.length).split('/');
  return rest.length > 1 ? rest[0] : null;
}

/** The area an import reaches: the first segment below `base` (a folder, or its index). */
function targetArea(target, base) {
  return target.startsWith(base) ? target.slice(base.length).split('/')[0] : null;
}

function boundaryViolation(from, to) {
  const fromArea = fileArea(from, 'db/features/');
  const toArea = targetArea(to, 'db/features/');
  if (fromArea && toArea && toArea !== fromArea) {
    return `db/features/${fromArea} must not import another area (db/features/${toArea}); what both need belongs in db/ledger, db/core or db/print.`;
  }
  if (/^db\/(core|ledger|print)\//.test(from) && toArea) {
    return 'db/core, db/ledger and db/print must not import db/features: areas build on them, not the other way round.';
  }
  if (from.startsWith('db/core/') && (to === 'db/ledger' || to.startsWith('db/ledger/'))) {
    return 'db/core must not import db/ledger: the ledger kit builds on core; core takes what it needs from the kit as an argument (RowChecks) or a registration (statePins.ts).';
  }
  if (from.startsWith('db/') && to.startsWith('renderer/')) {
    const printCode = from.startsWith('db/print/') || /^db\/features\/[^/]+\/print\//.test(from);
    if (!printCode || !to.startsWith('renderer/i18n/ja/')) {
      return 'From renderer/, the backend may import only the Japanese locale data (renderer/i18n/ja/), and only from print code (db/print/, db/features/<area>/print/).';
    }
  }
  const fromUiArea = fileArea(from, 'renderer/features/');
  const toUiArea = targetArea(to, 'renderer/features/');
  if (fromUiArea && toUiArea && toUiArea !== fromUiArea) {
    return `renderer/features/${fromUiArea} must not import another area (renderer/features/${toUiArea}); shared UI belongs in renderer/components.`;
  }
  return null;
}

const importBoundaries = {
  meta: { type: 'problem', schema: [], messages: { crossed: '{{message}}', impureLocale: 'renderer/i18n/ja/ is pure data that the backend imports: no run-time imports here.' } },
  create(context) {
    const from = repoPath(context.filename);
    const check = (node) => {
      const source = node.source;
      if (source?.type !== 'Literal' || typeof source.value !== 'string') return;
      if (from.startsWith('renderer/i18n/ja/') && node.importKind !== 'type' && node.exportKind !== 'type') {
        context.report({ node: source, messageId: 'impureLocale' });
        return;
      }
      if (!source.value.startsWith('.')) return;
      const message = boundaryViolation(from, repoPath(path.resolve(path.dirname(context.filename), source.value)));
      if (message) context.report({ node: source, messageId: 'crossed', data: { message } });
    };
    return { ImportDeclaration: check, ExportNamedDeclaration: check, ExportAllDeclaration: check, ImportExpression: check };
  },
};

export default tseslint.config(
  { ignores: ['dist/**', 'release/**', 'node_modules/**', '**/*.d.ts'] },
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      'no-restricted-syntax': ['error', { selector: 'CallExpression[callee.property.name="serialize"]', message: 'db.serialize() returns plaintext pages: never use it (engineering notes).' }],
    },
  },
  {
    files: ['**/*.{ts,tsx,mts}'],
    plugins: { daicho: { rules: { 'import-boundaries': importBoundaries } } },
    rules: { 'daicho/import-boundaries': 'error' },
  },
  {
    // The renderer is untrusted UI: it may import the shared contract, never the backend.
    files: ['renderer/**/*.{ts,tsx}'],
    plugins: { 'react-hooks': reactHooks },
    rules: {
      ...reactHooks.configs.recommended.rules,
      '@typescript-eslint/no-restricted-imports': ['error', { patterns: [
        { group: ['**/db/*', '!**/db/contract', '**/db/*/**', '!**/db/contract/**'], message: 'The renderer may import only db/contract.' },
        // Values from the contract's schemas would pull zod into the bundle; types are free.
        {
          regex: '(^|/)db/contract(/(?!(areaValues|auditActions|auditWords|dateRange|disposalValues|holdingValues|mediaInventoryValues|mediaLabelValues|mediaValues|permissions|retention|settingsPolicy|textLists|timeZone)$)[^/]+)?$',
          allowTypeImports: true,
          message: 'Import values from db/contract/areaValues, auditActions, auditWords, dateRange, disposalValues, holdingValues, mediaInventoryValues, mediaLabelValues, mediaValues, permissions, retention, settingsPolicy, textLists or timeZone (zod-free); types with import type.',
        },
        { group: ['electron', 'node:*', 'better-sqlite3-multiple-ciphers'], message: 'The renderer has no Node or Electron.' },
      ] }],
    },
  },
  {
    // The backend runs in plain Node so it can be tested without Electron.
    files: ['db/**/*.ts'],
    rules: { 'no-restricted-imports': ['error', { paths: [{ name: 'electron', message: 'db/ runs without Electron.' }] }] },
  },
  {
    // The contract is shared by every process: zod only.
    files: ['db/contract/**/*.ts'],
    rules: { 'no-restricted-imports': ['error', { patterns: [{ group: ['node:*', 'electron', '../*', '!./*'], message: 'db/contract is pure: zod and its own files only.' }] }] },
  },
);
