import { hash } from 'node:crypto';
import type { PushOp } from '../../../../shared';

/** A stable hash of what an op asks, to tell a replay from a different op reusing an op_id. */
export function hashOp(op: PushOp, data: Record<string, unknown> = op.data): string {
  const canonical = JSON.stringify([
    op.entity_type,
    op.operation,
    sortKeys(data),
    op.changed_fields ?? null,
    op.client_timestamp ?? null,
  ]);
  return hash('sha256', canonical, 'hex');
}

/**
 * The keys of the last object sorted, and their order: ops of a batch mostly share one data shape, so its keys
 * are sorted once (a list equal to the last one, key by key, reuses its order).
 */
let lastKeys: readonly string[] = [];
let lastSorted: readonly string[] = [];

function sortedKeysOf(value: object): readonly string[] {
  const keys = Object.keys(value);
  if (keys.length === lastKeys.length && keys.every((k, i) => k === lastKeys[i])) return lastSorted;
  lastKeys = keys;
  lastSorted = [...keys].sort();
  return lastSorted;
}

/**
 * The value with every object's keys in sorted order (what `Object.fromEntries` of its sorted entries makes:
 * each key defined as an own property, `__proto__` included).
 */
function sortKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sortKeys);
  if (value && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const key of sortedKeysOf(value)) {
      const inner = sortKeys((value as Record<string, unknown>)[key]);
      if (key === '__proto__')
        Object.defineProperty(out, key, { value: inner, enumerable: true, writable: true, configurable: true });
      else out[key] = inner;
    }
    return out;
  }
  return value;
}
