import type { KyselyPlugin, OperationNode } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { newId } from '../../../shared';
import { op, push, startHarness, type Desk, type Harness } from '../../test/harness';

/** A name for each statement the server sends: `insert:<table>`, `clock` for the lock, `other`. */
function label(node: OperationNode): string {
  if (node.kind === 'InsertQueryNode') {
    const into = (node as unknown as { into: { table: { identifier: { name: string } } } }).into;
    return `insert:${into.table.identifier.name}`;
  }
  if (node.kind === 'RawNode') {
    const text = (node as unknown as { sqlFragments: readonly string[] }).sqlFragments.join('?');
    if (/^\s*update sync_clock/.test(text)) return 'clock';
    // An early batch's row writes, built as SQL text before it takes the lock.
    const prebuilt = /^insert into `(\w+)`/.exec(text);
    if (prebuilt) return `insert:${prebuilt[1]}`;
  }
  return 'other';
}

/** Values a statement hands mysql2 to escape and splice in: a raw node's own, and every value in the tree. */
function parameterCount(node: unknown): number {
  if (Array.isArray(node)) return node.reduce((n: number, child) => n + parameterCount(child), 0);
  if (!node || typeof node !== 'object') return 0;
  const n = node as { kind?: string; values?: unknown[]; parameters?: unknown[] };
  if (n.kind === 'ValueNode') return 1;
  if (n.kind === 'PrimitiveValueListNode') return n.values!.length;
  if (n.kind === 'RawNode') return n.parameters!.length;
  return Object.values(node).reduce((sum: number, child) => sum + parameterCount(child), 0);
}

function statementLog(): KyselyPlugin & { labels: string[]; parameters: number[] } {
  const log = {
    labels: [] as string[],
    parameters: [] as number[],
    transformQuery(args: Parameters<KyselyPlugin['transformQuery']>[0]) {
      log.labels.push(label(args.node));
      log.parameters.push(parameterCount(args.node));
      return args.node;
    },
    transformResult: async (args: Parameters<KyselyPlugin['transformResult']>[0]) => args.result,
  };
  return log;
}

describe('what a push batch does holding the sequence lock', () => {
  const log = statementLog();
  let h: Harness;
  let clerk: Desk;
  beforeAll(async () => {
    h = await startHarness({}, { dbPlugin: log });
    clerk = await h.desk('supervisor');
  });
  afterAll(async () => h?.close());

  it('writes only the rows (which carry seqs) after taking it: answers and audit go before', async () => {
    const before = log.labels.length;
    const batch = Array.from({ length: 20 }, (_, i) =>
      op('suppliers', 'create', { uuid: newId(), code: `L-${newId().slice(-8)}-${i}`, name: `Lock ${i}` }),
    );
    const res = await push(h, clerk, batch);
    expect(res.body.results.success).toHaveLength(20);
    const labels = log.labels.slice(before);
    const locked = labels.slice(labels.indexOf('clock') + 1);
    expect(labels).toContain('insert:audit');
    expect(labels).toContain('insert:sync_ops');
    expect(locked).toEqual(['insert:suppliers']);
  });

  it('sends its three large inserts as text, with no values left for mysql2 to splice in', async () => {
    const before = log.labels.length;
    const batch = Array.from({ length: 30 }, (_, i) =>
      op('suppliers', 'create', { uuid: newId(), code: `T-${newId().slice(-8)}-${i}`, name: `Text ${i}` }),
    );
    const res = await push(h, clerk, batch);
    expect(res.body.results.success).toHaveLength(30);
    const inserts = log.labels
      .map((label, i) => ({ label, parameters: log.parameters[i] }))
      .slice(before)
      .filter((s) => s.label.startsWith('insert:'));
    expect(inserts.map((s) => s.label).sort()).toEqual(['insert:audit', 'insert:suppliers', 'insert:sync_ops']);
    expect(inserts.map((s) => s.parameters)).toEqual([0, 0, 0]);
  });
});
