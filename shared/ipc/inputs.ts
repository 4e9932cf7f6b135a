import { z } from 'zod';
import { uuidField } from '../domain/fields';
import { ResolveConflictRequestSchema } from '../sync/protocol';

/** Inputs that a channel and a service (or the CLI) share: one schema, parsed once at the boundary. */
export const DiscardInputSchema = z.strictObject({
  op_id: uuidField,
  reason: z.string().trim().min(3, 'must say why (at least 3 characters)').max(500, 'must be at most 500 characters'),
});
export type DiscardInput = z.output<typeof DiscardInputSchema>;

/** The protocol's resolve request, addressed to one conflict. */
export const ResolveInputSchema = ResolveConflictRequestSchema.extend({ conflict_id: uuidField });
export type ResolveInput = z.output<typeof ResolveInputSchema>;
