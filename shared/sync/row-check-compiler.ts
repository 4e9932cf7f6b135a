import type { z } from 'zod';

/** Says true only when the schema it was compiled from would accept the value; false means "ask the schema". */
export type FastCheck = (value: unknown) => boolean;

type Def = Record<string, unknown> & { type: string; checks?: { _zod: { def: CheckDef } }[] };
type CheckDef = Record<string, unknown> & { check: string };

const defOf = (schema: z.ZodType) => (schema as unknown as { _zod: { def: Def } })._zod.def;

/** String formats whose whole check is their pattern (zod's $ZodStringFormat), so testing it is the same check. */
const PATTERN_FORMATS = new Set(['uuid', 'datetime', 'regex']);

/** The format's pattern as a test; from its start every time, as zod does (a /g pattern keeps a lastIndex). */
function patternOf(def: Record<string, unknown>): ((s: string) => boolean) | null {
  const { format, pattern } = def;
  if (typeof format !== 'string' || !PATTERN_FORMATS.has(format) || !(pattern instanceof RegExp)) return null;
  return (s) => {
    pattern.lastIndex = 0;
    return pattern.test(s);
  };
}

/** One of a number's or a string's checks as a plain test; null for a check this compiler does not know. */
/** A string's length in code points, as zod counts it (an array's in items). */
function lengthOf(value: string | readonly unknown[]): number {
  if (typeof value !== 'string') return value.length;
  let n = 0;
  for (let i = 0; i < value.length; i++) {
    const unit = value.charCodeAt(i);
    // A high surrogate followed by a low one is one code point.
    if (unit >= 0xd800 && unit <= 0xdbff && i + 1 < value.length) {
      const next = value.charCodeAt(i + 1);
      if (next >= 0xdc00 && next <= 0xdfff) i++;
    }
    n++;
  }
  return n;
}

function checkTest(def: CheckDef): ((value: never) => boolean) | null {
  switch (def.check) {
    case 'number_format':
      return def.format === 'safeint' ? (n: number) => Number.isSafeInteger(n) : null;
    case 'greater_than': {
      const { value, inclusive } = def as unknown as { value: number; inclusive: boolean };
      return inclusive ? (n: number) => n >= value : (n: number) => n > value;
    }
    case 'less_than': {
      const { value, inclusive } = def as unknown as { value: number; inclusive: boolean };
      return inclusive ? (n: number) => n <= value : (n: number) => n < value;
    }
    // zod measures strings in code points (an emoji is one), not UTF-16 units.
    case 'min_length': {
      const minimum = def.minimum as number;
      // Fewer units than the floor never reach it, twice as many always do: only in between are they counted.
      return (s: string) => s.length >= minimum && (s.length >= 2 * minimum || lengthOf(s) >= minimum);
    }
    case 'max_length': {
      const maximum = def.maximum as number;
      // Code points never outnumber units: only a string over the limit in units is counted.
      return (s: string) => s.length <= maximum || lengthOf(s) <= maximum;
    }
    case 'string_format': {
      return patternOf(def);
    }
    default:
      return null;
  }
}

/**
 * A schema's accepting path as plain tests, for the kinds a row's fields are made of (text with trims, lengths
 * and patterns; whole numbers with bounds; booleans; enums; nullable), or null when the schema holds anything
 * else (a refinement, a transform): the caller then parses with the schema itself. Read from the schema, so it
 * is the same rules, only without building a parse result per value.
 */
export function compileFastCheck(schema: z.ZodType): FastCheck | null {
  const def = defOf(schema);
  if (def.coerce) return null;
  switch (def.type) {
    case 'nullable': {
      const inner = compileFastCheck(def.innerType as z.ZodType);
      return inner && ((v) => v === null || inner(v));
    }
    case 'boolean':
      return def.checks?.length ? null : (v) => typeof v === 'boolean';
    case 'enum': {
      if (def.checks?.length) return null;
      const values = new Set(Object.values(def.entries as Record<string, unknown>));
      return (v) => values.has(v);
    }
    case 'number': {
      const tests = (def.checks ?? []).map((c) => checkTest(c._zod.def));
      if (tests.includes(null)) return null;
      const all = tests as ((n: number) => boolean)[];
      return (v) => typeof v === 'number' && Number.isFinite(v) && all.every((test) => test(v));
    }
    case 'string': {
      if (def.format !== undefined && !patternOf(def)) return null;
      const own = patternOf(def);
      // In order: a trim (an `overwrite`) changes the value the later checks see, as it does in zod.
      const steps: ((s: string) => string | false)[] = [];
      if (own) steps.push((s) => own(s) && s);
      for (const check of def.checks ?? []) {
        const cdef = check._zod.def;
        if (cdef.check === 'overwrite') {
          const tx = cdef.tx as (s: string) => string;
          steps.push((s) => tx(s));
          continue;
        }
        const test = checkTest(cdef) as ((s: string) => boolean) | null;
        if (!test) return null;
        steps.push((s) => test(s) && s);
      }
      return (v) => {
        if (typeof v !== 'string') return false;
        let s: string | false = v;
        for (const step of steps) if ((s = step(s)) === false) return false;
        return true;
      };
    }
    default:
      return null;
  }
}
