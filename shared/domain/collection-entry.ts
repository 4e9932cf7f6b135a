import { type z } from 'zod';
import { collections } from './entities/collections';
import { positiveInt } from './fields';

/**
 * What the entry screen (and any desk caller) gives to record a collection: the registry's create input, where
 * a weighed delivery gives its gross weight and the net quantity is worked out by its pricing rule.
 */
export const CollectionEntrySchema = collections.createSchema
  .extend({ quantity_milli: positiveInt.optional() })
  .superRefine((entry, ctx) => {
    if (entry.quantity_milli === undefined && (entry.gross_weight_milli ?? null) === null)
      ctx.addIssue({ code: 'custom', path: ['gross_weight_milli'], message: 'is required (or the quantity)' });
  });
export type CollectionEntry = z.input<typeof CollectionEntrySchema>;
