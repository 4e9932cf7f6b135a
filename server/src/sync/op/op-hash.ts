import { createHash } from 'node:crypto';
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
  return createHash('sha256').update(canonical).digest('hex');
}

function sortKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sortKeys);
  if (value && typeof value === 'object') {
    return Object.fromEntries(
      Object.keys(value)
        .sort()
        .map((k) => [k, sortKeys((value as Record<string, unknown>)[k])]),
    );
  }
  return value;
}
