import { REFERENCE_FIELDS } from '../../../../shared';

/**
 * Pay runs close periods for every supplier: the server's answer to any collection or payment depends on
 * whether a run came before it, though neither names the other. An op of these types travels with no other
 * batch in flight, before or after it.
 */
const TRAVELS_ALONE: ReadonlySet<string> = new Set(['settlement_runs', 'settlement_lines']);

interface QueuedOp {
  entity_type: string;
  entity_uuid: string;
  payload: string;
}

/**
 * An outbox row read for a push, parsed once: its payload and the records it names. The batch reads it, each
 * check against the batches in flight names its records again and the request sends its data: parsed for each,
 * that was three or four JSON.parse of every op pushed. Keyed by the row object, which no one changes.
 */
const parsedOps = new WeakMap<QueuedOp, { payload: Record<string, unknown>; named: string[] }>();

function parsedOp(op: QueuedOp) {
  let parsed = parsedOps.get(op);
  if (!parsed) {
    const payload = JSON.parse(op.payload) as Record<string, unknown>;
    const refs = REFERENCE_FIELDS.map((f) => payload[f]).filter((v): v is string => typeof v === 'string');
    parsedOps.set(op, (parsed = { payload, named: [op.entity_uuid, ...refs] }));
  }
  return parsed;
}

/** The records an op writes or reads by name: its own, and the supplier/product (…) it refers to. */
export function recordsNamed(op: QueuedOp): readonly string[] {
  return parsedOp(op).named;
}

/** The op's payload, parsed (the same object each time: not to be changed). */
export function payloadOf(op: QueuedOp): Record<string, unknown> {
  return parsedOp(op).payload;
}

/**
 * The records named by the batches sent and not yet answered. The server may apply two batches of one desk in
 * either order, so an op naming any of them (an edit of a record being created, a collection for a supplier
 * whose edit is on its way, or for the product whose new rate is) waits until that batch's answer is applied.
 */
export class InFlight {
  private readonly named = new Set<string>();
  private alone = false;
  private count = 0;

  constructor(batches: readonly (readonly QueuedOp[])[] = []) {
    for (const batch of batches) {
      this.count += batch.length;
      for (const op of batch) {
        if (TRAVELS_ALONE.has(op.entity_type)) this.alone = true;
        for (const uuid of recordsNamed(op)) this.named.add(uuid);
      }
    }
  }

  /** Whether `op` (naming `records`) must wait for the batches in flight to be answered. */
  mustWait(op: Pick<QueuedOp, 'entity_type'>, records: readonly string[]): boolean {
    if (this.count === 0) return false;
    if (this.alone || TRAVELS_ALONE.has(op.entity_type)) return true;
    return records.some((uuid) => this.named.has(uuid));
  }
}
