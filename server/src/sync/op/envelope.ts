import { z } from 'zod';
import {
  DEFAULT_DATE_WINDOW,
  fieldErrorsOf,
  PushOpSchema,
  shapeOfEntity,
  toIsoInstant,
  type DateWindow,
  type EntityType,
  type PushOp,
} from '../../../../shared';
import { refused, type OpOutcome } from './env';
import { guardOp } from './guard';
import { hashOp } from './op-hash';
import { parseData, type ParsedData } from './validation';

/**
 * Each op of a batch with its hash and its checked data (applyOp uses it: one zod parse per op), or the error
 * item that answers a malformed one. `legacyHash` gives the hash of the op as sent, which op results stored
 * before hashes were normalised carry: computed only for a stored answer whose hash differs (a rare replay).
 */
export type Parsed =
  | { index: number; op: PushOp; data: ParsedData; hash: string; legacyHash: () => string }
  | { index: number; error: OpOutcome };

/**
 * The data as the server reads it — defaults filled in, text trimmed, instants in UTC — so a retry that spells
 * out a default (`notes: ""`) or writes a time differently is the same op.
 */
function normalised(op: PushOp, parsed: ParsedData): Record<string, unknown> {
  if (!parsed.ok) return op.data;
  // As `{ ...data, ...valuesOf(type, data, keys) }`, in one pass: a defined instant written in UTC ISO.
  const instants = instantsOf(op.entity_type);
  const out: Record<string, unknown> = {};
  for (const key of Object.keys(parsed.data)) {
    const value = parsed.data[key];
    out[key] = typeof value === 'string' && instants.has(key) ? toIsoInstant(value) : value;
  }
  return out;
}

const INSTANTS = new Map<EntityType, ReadonlySet<string>>();
function instantsOf(type: EntityType): ReadonlySet<string> {
  let instants = INSTANTS.get(type);
  if (!instants) INSTANTS.set(type, (instants = new Set(shapeOfEntity(type).instants)));
  return instants;
}

/**
 * The hash of the op as sent, when asked. Made by a function so the closure is anonymous: an arrow named by its
 * property costs a `__name` call per op where the server runs through tsx (esbuild's keepNames).
 */
function legacyHashOf(op: PushOp): () => string {
  return () => hashOp(op);
}

/** The envelope's schema compiled by zod (see validation.ts): the schema itself answers what it refuses. */
const PushOpCheck = z.compile(PushOpSchema);

/**
 * Checks each op's envelope (entity type from the registry, operation, shape) and guards it (op/guard.ts)
 * before hashing; data is checked per type later.
 */
export function parseOps(batch: unknown[], window: DateWindow = DEFAULT_DATE_WINDOW): Parsed[] {
  return batch.map((raw, index) => {
    const parsed = PushOpCheck.safeParse(raw);
    if (parsed.success) {
      const op = parsed.data;
      const refusal = guardOp(op, window);
      if (refusal) return { index, error: refused(op, refusal) };
      const data = parseData(op);
      return { index, op, data, hash: hashOp(op, normalised(op, data)), legacyHash: legacyHashOf(op) };
    }
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
