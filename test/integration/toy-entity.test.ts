import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

/**
 * docs/architecture.md claims that a new entity type is its registry entry and one migration per database, and
 * nothing else in core or server. This applies the worked example there to a scratch copy of the repository and
 * checks the copy typechecks and a crate goes desk → server → desk: when the code starts to need more, this fails
 * and the document (or the code) is put right.
 */
const root = join(import.meta.dirname, '..', '..');
const doc = readFileSync(join(root, 'docs', 'architecture.md'), 'utf8');

interface FileDiff {
  path: string;
  created: boolean;
  added: string[];
}

/** The worked example's diff, per file: its path, whether it makes the file, and the lines it adds. */
function workedExample(): FileDiff[] {
  const section = doc.slice(doc.indexOf('### Worked example: a toy entity type'));
  const diff = /```diff\n([\s\S]*?)```/.exec(section)?.[1];
  if (!diff) throw new Error('docs/architecture.md has no worked example diff');
  return diff
    .split(/^diff --git /m)
    .slice(1)
    .map((part) => {
      const [, path] = /^a\/(\S+) b\//.exec(part)!;
      const body = part.slice(part.indexOf('\n@@'));
      const added = body
        .split('\n')
        .filter((l) => l.startsWith('+') && !l.startsWith('+++'))
        .map((l) => l.slice(1));
      return { path: path!, created: /\nnew file mode/.test(part), added };
    });
}

function run(cwd: string, command: string, args: string[]) {
  const result = spawnSync(command, args, { cwd, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' } });
  return { status: result.status, output: `${result.stdout}\n${result.stderr}` };
}

/** Puts the added lines of an edited file into the copy: imports after the last import, the rest where they go. */
function applyEdit(copy: string, edit: FileDiff, place: (source: string, line: string) => string): void {
  const file = join(copy, edit.path);
  let source = readFileSync(file, 'utf8');
  for (const line of edit.added) source = place(source, line);
  writeFileSync(file, source);
}

function afterLastImport(source: string, line: string): string {
  const at = source.lastIndexOf('\nimport ');
  const end = source.indexOf('\n', at + 1);
  return `${source.slice(0, end + 1)}${line}\n${source.slice(end + 1)}`;
}

/** An entry goes last in the object literal that closes with `close` (the registry's, a migration list's). */
function lastEntryOf(close: string) {
  return (source: string, line: string) => {
    if (line.startsWith('import ')) return afterLastImport(source, line);
    const at = source.indexOf(close);
    if (at < 0) throw new Error(`no "${close}" to put "${line}" before`);
    const start = close.startsWith('\n') ? at + 1 : at;
    return `${source.slice(0, start)}${line}\n${source.slice(start)}`;
  };
}

describe('the worked example of a new entity type (docs/architecture.md)', () => {
  const example = workedExample();
  let copy: string;

  beforeAll(() => {
    copy = mkdtempSync(join(tmpdir(), 'collectpay-toy-'));
    const files = run(root, 'git', ['ls-files', '-co', '--exclude-standard']).output.split('\n').filter(Boolean);
    for (const file of files) {
      if (file.startsWith('out/')) continue;
      mkdirSync(dirname(join(copy, file)), { recursive: true });
      try {
        copyFileSync(join(root, file), join(copy, file));
      } catch {
        // a file deleted in the work tree and not yet committed
      }
    }
    symlinkSync(join(root, 'node_modules'), join(copy, 'node_modules'));
  });
  afterAll(() => {
    if (copy) rmSync(copy, { recursive: true, force: true });
  });

  it('touches only the registry and the two migration folders', () => {
    const edited = example.filter((f) => !f.created).map((f) => f.path);
    const created = example.filter((f) => f.created).map((f) => f.path);
    expect(edited.sort()).toEqual([
      'app/main/core/db/migrations/index.ts',
      'server/src/db/migrations/index.ts',
      'shared/domain/registry.ts',
    ]);
    expect(created).toHaveLength(3);
    for (const path of created)
      expect(path).toMatch(/^(shared\/domain\/entities|app\/main\/core\/db\/migrations|server\/src\/db\/migrations)\//);
  });

  // A typecheck of the whole copy and a sync test in it: minutes, not seconds, on a busy machine.
  it('once applied, typechecks and syncs a crate between desks through the server', { timeout: 600_000 }, () => {
    for (const file of example) {
      if (file.created) {
        mkdirSync(dirname(join(copy, file.path)), { recursive: true });
        writeFileSync(join(copy, file.path), `${file.added.join('\n')}\n`);
      } else if (file.path === 'shared/domain/registry.ts') {
        applyEdit(copy, file, lastEntryOf('} as const;'));
      } else {
        applyEdit(copy, file, lastEntryOf('\n};\n'));
      }
    }
    // The suite's config builds the app first (globalSetup); this one file needs no build.
    writeFileSync(
      join(copy, 'vitest.toy.config.ts'),
      "import { defineConfig } from 'vitest/config';\n" +
        "export default defineConfig({ test: { environment: 'node', testTimeout: 60_000, hookTimeout: 60_000 } });\n",
    );
    copyFileSync(
      join(root, 'test/integration/toy-entity/crates-sync.test.ts.txt'),
      join(copy, 'test/integration/crates-sync.test.ts'),
    );
    const typecheck = run(copy, 'npx', ['tsc', '-p', 'tsconfig.json', '--noEmit']);
    expect(typecheck.output.trim()).toBe('');
    expect(typecheck.status).toBe(0);
    const sync = run(copy, 'npx', [
      'vitest',
      'run',
      'test/integration/crates-sync.test.ts',
      '--config',
      'vitest.toy.config.ts',
    ]);
    expect(sync.output).toContain('1 passed');
    expect(sync.status, sync.output).toBe(0);
  });
});
