import { builtinModules } from 'node:module';
import js from '@eslint/js';
import globals from 'globals';
import tseslint from 'typescript-eslint';

/**
 * Layering (docs/architecture.md): shared imports neither side; the core never imports electron; the renderer never
 * imports main, server or Node; the preload sees only the IPC contract. Node built-ins are matched with and without
 * the `node:` prefix (`fs` is as much Node as `node:fs`).
 */
const nodeBuiltins = (message) => builtinModules.map((name) => ({ name, message }));
const layer = (files, patterns, paths = []) => ({
  files,
  rules: { 'no-restricted-imports': ['error', { patterns, paths }] },
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
    nodeBuiltins('shared/ is pure: no Node or Electron.'),
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
        group: ['**/main/**', '**/server/**', '**/preload/**', 'electron', 'node:*', 'better-sqlite3'],
        message: 'The renderer sees only the contract.',
      },
    ],
    nodeBuiltins('The renderer sees only the contract: no Node.'),
  ),
  layer(
    ['app/preload/**'],
    [
      {
        group: ['**/main/**', '**/core/**', '**/renderer/**', '**/server/**', '**/domain/**', 'zod'],
        message: 'The preload bridges the IPC channel list only.',
      },
    ],
  ),
  layer(['server/**'], [{ group: ['**/app/**', 'electron'], message: 'The server imports shared only.' }]),
);
