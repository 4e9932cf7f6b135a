import { type z } from 'zod';
import { validationError, type FieldErrors } from './errors';

/** Turns zod issues into `{ field: "what is wrong" }`, one plain sentence per field. */
export function fieldErrorsOf(error: z.ZodError, input?: unknown): FieldErrors {
  const fields: FieldErrors = {};
  for (const issue of error.issues) {
    const key = issue.path.length > 0 ? issue.path.join('.') : '_';
    if (fields[key]) continue;
    fields[key] = describeIssue(issue, input);
  }
  return fields;
}

function valueAt(input: unknown, path: PropertyKey[]): unknown {
  let value = input;
  for (const key of path) {
    if (value === null || typeof value !== 'object') return undefined;
    value = (value as Record<PropertyKey, unknown>)[key];
  }
  return value;
}

function describeIssue(issue: z.core.$ZodIssue, input: unknown): string {
  if (issue.code === 'invalid_type') {
    // zod leaves out the input unless asked; a missing field is told apart by looking it up.
    const missing =
      input !== undefined ? valueAt(input, issue.path) === undefined : /received undefined/.test(issue.message);
    if (missing) return 'is required';
    if (!issue.message.startsWith('Invalid input')) return issue.message;
    if (issue.expected === 'int' || issue.expected === 'number') return 'must be a whole number';
    return `must be ${article(issue.expected)}`;
  }
  if (issue.code === 'unrecognized_keys') return `has unknown field(s): ${issue.keys.join(', ')}`;
  if (issue.code === 'invalid_value') return `must be one of: ${issue.values.map(String).join(', ')}`;
  return issue.message;
}

function article(expected: string): string {
  return /^[aeiou]/.test(expected) ? `an ${expected}` : `a ${expected}`;
}

/** Parses input with a schema or throws a VALIDATION_FAILED AppError naming every bad field. */
export function parseInput<S extends z.ZodType>(schema: S, input: unknown): z.output<S> {
  const result = schema.safeParse(input);
  if (result.success) return result.data;
  throw validationError(fieldErrorsOf(result.error, input));
}
