import type { z } from 'zod';
import { entity, type EntityType } from '../domain/registry';
import type { FieldErrors } from '../errors';
import { fieldErrorsOf } from '../validation';
import type { WireRow } from './protocol';
import { compileFastCheck } from './row-check-compiler';

/** What is wrong with one row a server sent: which row, and each bad field with its problem. */
export interface WireRowProblem {
  type: EntityType;
  uuid: string;
  fields: FieldErrors;
}

type RowCheck = (row: WireRow) => boolean;

/**
 * Each type's row schema as one test per column (row-check-compiler.ts), built once: most rows pass, and a
 * zod parse of each built a parsed copy of every row only to throw it away (a third of an initial pull's time).
 */
const compiled = new Map<EntityType, RowCheck>();

function rowCheckOf(type: EntityType): RowCheck {
  let check = compiled.get(type);
  if (check) return check;
  const schema = entity(type).rowSchema;
  const tests = Object.entries(schema.shape as Record<string, z.ZodType>).map(
    ([field, fieldSchema]) => [field, compileFastCheck(fieldSchema) ?? rememberingParse(fieldSchema)] as const,
  );
  // Checks on the whole object (none today) are the schema's own: every row would then go to it.
  const whole = (schema as unknown as { _zod: { def: { checks?: unknown[] } } })._zod.def.checks?.length;
  check = whole ? () => false : (row) => tests.every(([field, test]) => test(row[field]));
  compiled.set(type, check);
  return check;
}

/** Distinct texts a parsed-only field remembers as accepted; then it starts over (a bound, not a policy). */
const REMEMBERED = 512;

/**
 * A field the compiler cannot read (a JSON text column, a date with a refinement) parsed with its schema. A text
 * it accepted is accepted again without a parse: the schema is a pure function of the value, and such columns
 * repeat ("[]" containers, "{}" readings, a period's dates across its lines).
 */
function rememberingParse(schema: z.ZodType) {
  const accepted = new Set<string>();
  return (value: unknown): boolean => {
    if (typeof value === 'string' && accepted.has(value)) return true;
    if (!schema.safeParse(value).success) return false;
    if (typeof value === 'string') {
      if (accepted.size >= REMEMBERED) accepted.clear();
      accepted.add(value);
    }
    return true;
  };
}

/**
 * The first row of `rows` that its entity type's row schema (the registry's `rowSchema`, the one both sides
 * hold rows to) refuses, or null. The answer schemas only check a row's uuid and version, because the type a
 * row is filed under is the desk's to decide (a push answer's row goes under the type of the op sent); this is
 * the rest of the check, once that type is known. Columns the schema does not know pass (a newer server may
 * add one). A row the compiled test doubts is parsed with the schema itself, which has the last word and the
 * messages.
 */
export function firstBadWireRow(type: EntityType, rows: readonly WireRow[]): WireRowProblem | null {
  const check = rowCheckOf(type);
  for (const row of rows) {
    if (check(row)) continue;
    const result = entity(type).rowSchema.safeParse(row);
    if (!result.success) return { type, uuid: String(row.uuid), fields: fieldErrorsOf(result.error, row) };
  }
  return null;
}

/** "payments row 0193…: amount_minor must be a whole number". */
export function describeWireRowProblem(problem: WireRowProblem): string {
  const fields = Object.entries(problem.fields).map(([field, message]) => `${field} ${message}`);
  return `${problem.type} row ${problem.uuid}: ${fields.join('; ')}`;
}
