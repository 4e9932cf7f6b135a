import { z } from 'zod';

/** Longest JSON text a row may hold (MySQL TEXT holds 65,535 bytes; 4 per character at worst). */
const JSON_TEXT_MAX = 16_000;

/**
 * A list or record stored in one text column as JSON (a run line's deductions): the column is plain text to
 * both databases and the registry, and the text must parse to `schema`.
 */
export function jsonTextField(schema: z.ZodType, what: string) {
  return z
    .string()
    .max(JSON_TEXT_MAX, `must be at most ${JSON_TEXT_MAX} characters`)
    .refine((text) => {
      try {
        return schema.safeParse(JSON.parse(text)).success;
      } catch {
        return false;
      }
    }, `must be JSON: ${what}`);
}
