import js from '@eslint/js';
import globals from 'globals';
import tseslint from 'typescript-eslint';

/** Layering (DESIGN §2): shared imports neither side; the core never imports electron; the renderer never imports main or Node. */
const layer = (files, patterns) => ({
  files,
  rules: { 'no-restricted-imports': ['error', { patterns }] },
});

export default tseslint.config(
  { ignores: ['node_modules', 'out', 'dist', 'release', 'coverage'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': ['error', { fixStyle: 'inline-type-imports' }],
      'no-restricted-syntax': [
        'error',
        {
          selector: "CallExpression[callee.name='parseFloat']",
          message: 'No floats on money paths: use shared/money.',
        },
      ],
    },
  },
  layer(
    ['shared/**'],
    [
      { group: ['**/app/**', '**/server/**'], message: 'shared/ imports neither app nor server.' },
      { group: ['node:*', 'electron'], message: 'shared/ is pure: no Node or Electron.' },
    ],
  ),
  layer(
    ['app/main/core/**', 'app/main/cli/**'],
    [
      { group: ['electron', 'electron-store'], message: 'The core runs under plain Node: no electron.' },
      { group: ['**/shell/**', '**/renderer/**', '**/server/**'], message: 'The core imports shared only.' },
    ],
  ),
  layer(
    ['app/renderer/**'],
    [
      {
        group: ['**/main/**', 'electron', 'node:*', 'better-sqlite3'],
        message: 'The renderer sees only the contract.',
      },
    ],
  ),
  layer(['server/**'], [{ group: ['**/app/**', 'electron'], message: 'The server imports shared only.' }]),
);
