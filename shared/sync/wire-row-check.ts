import { entity, type EntityType } from '../domain/registry';
import type { FieldErrors } from '../errors';
import { fieldErrorsOf } from '../validation';
import type { WireRow } from './protocol';

/** What is wrong with one row a server sent: which row, and each bad field with its problem. */
export interface WireRowProblem {
  type: EntityType;
  uuid: string;
  fields: FieldErrors;
}

/**
 * The first row of `rows` that its entity type's row schema (the registry's `rowSchema`, the one both sides
 * hold rows to) refuses, or null. The answer schemas only check a row's uuid and version, because the type a
 * row is filed under is the desk's to decide (a push answer's row goes under the type of the op sent); this is
 * the rest of the check, once that type is known. Columns the schema does not know pass (a newer server may
 * add one). The schema is built once per type by `defineEntity`, so each row costs only its parse.
 */
export function firstBadWireRow(type: EntityType, rows: readonly WireRow[]): WireRowProblem | null {
  const schema = entity(type).rowSchema;
  for (const row of rows) {
    const result = schema.safeParse(row);
    if (!result.success) return { type, uuid: String(row.uuid), fields: fieldErrorsOf(result.error, row) };
  }
  return null;
}

/** "payments row 0193…: amount_minor must be a whole number". */
export function describeWireRowProblem(problem: WireRowProblem): string {
  const fields = Object.entries(problem.fields).map(([field, message]) => `${field} ${message}`);
  return `${problem.type} row ${problem.uuid}: ${fields.join('; ')}`;
}
