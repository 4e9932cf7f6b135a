import { z } from 'zod';

/**
 * A column that holds JSON as text, capped in length (a rule's terms, a collection's readings and containers), checked by the
 * schema of what the JSON must be, so a bad value is refused at the boundary naming the field inside it.
 */
export function jsonColumnField(schema: z.ZodType, max: number) {
  return z
    .string({ error: 'must be JSON text' })
    .max(max, `must be at most ${max} characters`)
    .superRefine((text, ctx) => {
      let value: unknown;
      try {
        value = JSON.parse(text);
      } catch {
        ctx.addIssue({ code: 'custom', message: 'must be valid JSON' });
        return;
      }
      const parsed = schema.safeParse(value);
      if (parsed.success) return;
      for (const issue of parsed.error.issues)
        ctx.addIssue({ code: 'custom', path: issue.path as (string | number)[], message: issue.message });
    });
}

/** The JSON text of a value, parsed; callers hold text a jsonColumnField has already checked. */
export function fromJsonText<S extends z.ZodType>(schema: S, text: string): z.output<S> {
  return schema.parse(JSON.parse(text));
}
