import {
  dateWindowMs,
  entity,
  kindOfField,
  outsideDateWindow,
  parseHlc,
  shapeOfEntity,
  type DateWindow,
  type EntityType,
  type PushOp,
} from '../../../../shared';
import { invalid, type FieldProblems, type Refusal } from './env';

/**
 * Checks on an op's envelope and data before anything else looks at them (hashing included), so a hostile op
 * is its own 422 naming the field instead of a thrown error that fails the whole batch: nesting depth, strings
 * the database would alter, fields the op may not carry, dates outside the window.
 */

/** Entity data is flat; anything nested deeper than this is refused before it is walked recursively. */
const MAX_DATA_DEPTH = 16;

/** Keys an update may carry besides the fields it changes. */
const UPDATE_KEYS = new Set(['uuid', 'version', 'updated_at']);

export function guardOp(op: PushOp, window: DateWindow): Refusal | null {
  return passesPlainly(op, window) ? null : fullGuard(op, window);
}

/** What the guard reads of a type from the registry, worked out once per type. */
interface TypeFacts {
  columns: ReadonlySet<string>;
  /** Instants and calendar dates: checked against the date window. */
  dated: ReadonlySet<string>;
}

const FACTS = new Map<EntityType, TypeFacts>();

function factsOf(type: EntityType): TypeFacts {
  let facts = FACTS.get(type);
  if (facts) return facts;
  const shape = shapeOfEntity(type);
  facts = {
    columns: new Set(shape.columns),
    dated: new Set([...shape.instants, ...shape.fields.filter((f) => kindOfField(type, f) === 'date')]),
  };
  FACTS.set(type, facts);
  return facts;
}

/** NUL or any UTF-16 surrogate: a string without one holds nothing `isAltered` refuses. */
// eslint-disable-next-line no-control-regex -- NUL is what it looks for
const SUSPECT = /[\u0000\uD800-\uDFFF]/;

/**
 * One pass over an op that says yes only where `fullGuard` finds nothing (so it answers null), and no
 * whenever in doubt (the full guard then decides and words the problems): flat data (no value nested, so
 * depth 1) of the type's columns, each named in changed_fields when an update lists them, no string with NUL
 * or a surrogate, every dated value and the clock stamp inside the window.
 */
function passesPlainly(op: PushOp, window: DateWindow): boolean {
  const { columns, dated } = factsOf(op.entity_type);
  const named = op.operation === 'update' ? op.changed_fields : undefined;
  const data = op.data;
  for (const key of Object.keys(data)) {
    if (!columns.has(key)) return false;
    if (named && !named.includes(key) && !UPDATE_KEYS.has(key)) return false;
    const value = data[key];
    if (typeof value === 'string') {
      if (SUSPECT.test(value)) return false;
      if (dated.has(key) && outsideDateWindow(value, window) !== null) return false;
    } else if (value !== null && typeof value === 'object') return false;
  }
  if (op.changed_fields?.some((f) => SUSPECT.test(f))) return false;
  const stamp = op.client_timestamp;
  if (stamp !== undefined) {
    if (SUSPECT.test(stamp)) return false;
    const parsed = stamp ? parseHlc(stamp) : null;
    if (parsed) {
      const { fromMs, toMs } = dateWindowMs(window);
      // The full guard formats the stamp's time as ISO and parses it back: the same milliseconds.
      if (!(parsed.wallMs >= fromMs && parsed.wallMs < toMs)) return false;
    }
  }
  return true;
}

/** Every check, with every problem worded (the old guard, unchanged): for an op passesPlainly doubts. */
function fullGuard(op: PushOp, window: DateWindow): Refusal | null {
  if (depthOf(op.data) > MAX_DATA_DEPTH) {
    return invalid(
      { data: `is nested too deeply (at most ${MAX_DATA_DEPTH} levels)` },
      'data is nested too deeply; nothing was applied',
    );
  }
  const problems: FieldProblems = {};
  const note = (field: string, problem: string) => (problems[field] ??= problem);
  for (const [key, value] of Object.entries(op.data)) if (hasAlteredString(value)) note(key, ALTERED);
  if (op.client_timestamp !== undefined && hasAlteredString(op.client_timestamp)) note('client_timestamp', ALTERED);
  if (op.changed_fields?.some(hasAlteredString)) note('changed_fields', ALTERED);

  const spec = entity(op.entity_type);
  const shape = shapeOfEntity(op.entity_type);
  const columns = new Set(shape.columns);
  for (const key of Object.keys(op.data)) if (!columns.has(key)) note(key, `is not a field of a ${spec.label.one}`);
  if (op.operation === 'update' && op.changed_fields) {
    const named = new Set(op.changed_fields);
    for (const key of Object.keys(op.data)) {
      if (columns.has(key) && !named.has(key) && !UPDATE_KEYS.has(key)) note(key, 'is not named in changed_fields');
    }
  }

  const dated = new Set([...shape.instants, ...shape.fields.filter((f) => kindOfField(op.entity_type, f) === 'date')]);
  for (const [key, value] of Object.entries(op.data)) {
    if (!dated.has(key) || typeof value !== 'string') continue;
    const outside = outsideDateWindow(value, window);
    if (outside) note(key, outside);
  }
  const stamp = op.client_timestamp ? parseHlc(op.client_timestamp) : null;
  if (stamp && outsideDateWindow(new Date(stamp.wallMs).toISOString(), window)) {
    note('client_timestamp', `must be a time between ${window.from} and ${window.to}`);
  }
  return Object.keys(problems).length ? invalid(problems) : null;
}

const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/**
 * Where a value holds a string MariaDB would store differently (NUL, or UTF-16 that is not valid Unicode), as a
 * dotted path ("results.3.message"; "" for the value itself), or null. Walked without recursion.
 */
export function alteredStringPath(value: unknown): string | null {
  const stack: { v: unknown; path: string }[] = [{ v: value, path: '' }];
  while (stack.length) {
    const { v, path } = stack.pop()!;
    if (typeof v === 'string') {
      if (isAltered(v)) return path;
    } else if (v && typeof v === 'object') {
      for (const [k, inner] of Object.entries(v)) {
        const at = path ? `${path}.${k}` : k;
        if (isAltered(k)) return at;
        stack.push({ v: inner, path: at });
      }
    }
  }
  return null;
}

/** The problem to name beside a field holding such a string. */
export const ALTERED = 'contains a character the database cannot store as sent (NUL or a lone surrogate)';

const isAltered = (s: string) => s.includes('\u0000') || LONE_SURROGATE.test(s);
const hasAlteredString = (value: unknown) => alteredStringPath(value) !== null;

/** How deeply a value nests, walked without recursion (a 10,000-deep body must not overflow the stack). */
function depthOf(value: unknown): number {
  let max = 0;
  const stack: { v: unknown; depth: number }[] = [{ v: value, depth: 0 }];
  while (stack.length) {
    const { v, depth } = stack.pop()!;
    if (!v || typeof v !== 'object') continue;
    if (depth + 1 > max) max = depth + 1;
    if (max > MAX_DATA_DEPTH) return max;
    for (const inner of Object.values(v)) stack.push({ v: inner, depth: depth + 1 });
  }
  return max;
}
