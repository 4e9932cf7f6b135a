import { cpSync, mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { ESLint } from 'eslint';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

/**
 * Each layering rule of eslint.config.js, shown to bite: a file that breaks it is planted in a throwaway copy of the
 * project's lint setup (the real config file, the real node_modules) and linted; nothing in the work tree is touched.
 */
const repo = resolve(__dirname, '../..');
let root = '';
let eslint: ESLint;

beforeAll(() => {
  root = mkdtempSync(join(tmpdir(), 'collectpay-lint-'));
  cpSync(join(repo, 'eslint.config.js'), join(root, 'eslint.config.js'));
  cpSync(join(repo, 'package.json'), join(root, 'package.json'));
  symlinkSync(join(repo, 'node_modules'), join(root, 'node_modules'), 'dir');
  eslint = new ESLint({ cwd: root });
});
afterAll(() => rmSync(root, { recursive: true, force: true }));

async function layeringErrors(path: string, source: string): Promise<string[]> {
  const file = join(root, path);
  mkdirSync(dirname(file), { recursive: true });
  writeFileSync(file, source);
  const [result] = await eslint.lintFiles([file]);
  return (result?.messages ?? []).filter((m) => m.ruleId === 'no-restricted-imports').map((m) => m.message);
}

const planted: [string, string, string][] = [
  ['renderer imports the server', 'app/renderer/src/planted.ts', "import { buildApp } from '../../../server/src/app';"],
  ['renderer imports bare fs', 'app/renderer/src/planted.ts', "import { readFileSync } from 'fs';"],
  ['renderer imports fs/promises', 'app/renderer/src/planted.tsx', "import { readFile } from 'fs/promises';"],
  ['renderer imports node:fs', 'app/renderer/src/planted.ts', "import { readFileSync } from 'node:fs';"],
  ['renderer imports main', 'app/renderer/src/planted.ts', "import { createCore } from '../../main/core/create-core';"],
  ['shared imports bare fs', 'shared/planted.ts', "import { readFileSync } from 'fs';"],
  ['shared imports bare path', 'shared/domain/planted.ts', "import { join } from 'path';"],
  ['shared imports the app', 'shared/planted.ts', "import { createCore } from '../app/main/core/create-core';"],
  ['preload imports the core', 'app/preload/planted.ts', "import { createCore } from '../main/core/create-core';"],
  ['preload imports zod', 'app/preload/planted.ts', "import { z } from 'zod';"],
  ['preload imports the domain', 'app/preload/planted.ts', "import { ENTITIES } from '../../shared/domain/registry';"],
  ['core imports electron', 'app/main/core/planted.ts', "import { app } from 'electron';"],
  ['server imports the app', 'server/src/planted.ts', "import { createCore } from '../../app/main/core/create-core';"],
];

describe('lint layering', () => {
  it.each(planted)('fails when the %s', async (_what, path, line) => {
    const errors = await layeringErrors(path, `${line}\nexport const used = [${/\{ (\w+)/.exec(line)![1]}];\n`);
    expect(errors.length).toBe(1);
  });

  it('passes the imports each layer may make', async () => {
    expect(
      await layeringErrors('app/renderer/src/fine.ts', "export { CHANNELS } from '../../../shared/ipc/contract';\n"),
    ).toEqual([]);
    expect(
      await layeringErrors('app/preload/fine.ts', "export { CHANNELS } from '../../shared/ipc/channels';\n"),
    ).toEqual([]);
    expect(await layeringErrors('shared/fine.ts', "export { z } from 'zod';\n")).toEqual([]);
    expect(await layeringErrors('app/main/core/fine.ts', "export { readFileSync } from 'fs';\n")).toEqual([]);
  });
});
