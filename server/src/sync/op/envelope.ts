import { createHash } from 'node:crypto';
import { fieldErrorsOf, PushOpSchema, type PushOp } from '../../../../shared';
import type { OpOutcome } from './env';

/** Each op of a batch with its hash, or the error item that answers a malformed one. */
export type Parsed = { index: number; op: PushOp; hash: string } | { index: number; error: OpOutcome };

/** A stable hash of what an op asks, to tell a replay from a different op reusing an op_id. */
function hashOp(op: PushOp): string {
  const canonical = JSON.stringify([
    op.entity_type,
    op.operation,
    sortKeys(op.data),
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

/** Checks each op's envelope (entity type from the registry, operation, shape); data is checked per type later. */
export function parseOps(batch: unknown[]): Parsed[] {
  return batch.map((raw, index) => {
    const parsed = PushOpSchema.safeParse(raw);
    if (parsed.success) return { index, op: parsed.data, hash: hashOp(parsed.data) };
    const r = (raw && typeof raw === 'object' ? raw : {}) as Record<string, unknown>;
    const data = (r.data && typeof r.data === 'object' ? r.data : {}) as Record<string, unknown>;
    const fields = fieldErrorsOf(parsed.error, raw);
    return {
      index,
      error: {
        kind: 'error',
        item: {
          ...(typeof r.op_id === 'string' ? { op_id: r.op_id } : {}),
          ...(typeof r.entity_type === 'string' ? { entity_type: r.entity_type } : {}),
          ...(typeof data.uuid === 'string' ? { uuid: data.uuid } : {}),
          status: 422,
          code: 'VALIDATION_FAILED',
          message: `Invalid op: ${Object.entries(fields)
            .map(([f, m]) => `${f} ${m}`)
            .join('; ')}`,
          fields,
        },
      },
    };
  });
}
