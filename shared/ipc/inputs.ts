import { z } from 'zod';
import { codeField, uuidField } from '../domain/fields';
import { ResolveConflictInputSchema } from '../sync/conflict-resolution';

/** Inputs that a channel and a service (or the CLI) share: one schema, parsed once at the boundary. */
export const DiscardInputSchema = z.strictObject({
  op_id: uuidField,
  reason: z.string().trim().min(3, 'must say why (at least 3 characters)').max(500, 'must be at most 500 characters'),
});
export type DiscardInput = z.output<typeof DiscardInputSchema>;

/** The protocol's resolve request, addressed to one conflict (declared beside the request in conflict-resolution). */
export const ResolveInputSchema = ResolveConflictInputSchema;
export type ResolveInput = z.input<typeof ResolveInputSchema>;

/**
 * Joining an office: the user's answer to one code clash — the same record (merge this desk's work onto the
 * office's), or a different one kept under a new code (checked as free against the server's list when joining).
 */
export const ClashDecisionSchema = z.discriminatedUnion(
  'action',
  [
    z.strictObject({ local_uuid: uuidField, action: z.literal('merge') }),
    z.strictObject({ local_uuid: uuidField, action: z.literal('recode'), code: codeField }),
  ],
  { error: 'must be merge or recode' },
);
export type ClashDecision = z.output<typeof ClashDecisionSchema>;
