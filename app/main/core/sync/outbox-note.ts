import { z } from 'zod';
import { ERROR_CODES, type ErrorCode } from '../../../../shared';

/**
 * The one shape of outbox.last_error (JSON): why an op waits in "needs attention", was discarded or met a conflict.
 * Codes are ERROR_CODES; a code this desk does not know (a newer server's) reads as UNKNOWN with its message kept.
 */
const OutboxNoteSchema = z.object({
  status: z.number().int().catch(0),
  code: z.enum(ERROR_CODES).catch('UNKNOWN'),
  message: z.string().catch('The server refused this change'),
  fields: z.record(z.string(), z.string()).nullable().catch(null),
});
export type OutboxNote = z.output<typeof OutboxNoteSchema>;

export function outboxNote(
  code: ErrorCode,
  message: string,
  extra: { status?: number; fields?: Record<string, string> | null } = {},
): string {
  const note: OutboxNote = { status: extra.status ?? 0, code, message, fields: extra.fields ?? null };
  return JSON.stringify(note);
}

/** Reads a note back; a row written before notes were JSON keeps its text as the message. */
export function readOutboxNote(text: string | null): OutboxNote {
  if (!text) return OutboxNoteSchema.parse({});
  try {
    return OutboxNoteSchema.parse(JSON.parse(text));
  } catch {
    return OutboxNoteSchema.parse({ message: text });
  }
}
