import tseslint from 'typescript-eslint';
import reactHooks from 'eslint-plugin-react-hooks';

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
    // The renderer is untrusted UI: it may import the shared contract, never the backend.
    files: ['renderer/**/*.{ts,tsx}'],
    plugins: { 'react-hooks': reactHooks },
    rules: {
      ...reactHooks.configs.recommended.rules,
      'no-restricted-imports': ['error', { patterns: [
        { group: ['**/db/*', '!**/db/contract', '**/db/*/**', '!**/db/contract/**'], message: 'The renderer may import only db/contract.' },
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
