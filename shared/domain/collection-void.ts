import { z } from 'zod';
import { uuidField, voidReasonField } from './fields';

/**
 * A supervisor's void of a wrong collection (a mistyped weight). Collections have no void fields of their own:
 * a void is the registry's supervisor-only delete (a tombstone every desk and the server apply, so the row leaves
 * balances, reports and pay runs at once), and the reason is kept with it in the audit.
 */
export const CollectionVoidSchema = z.strictObject({ uuid: uuidField, reason: voidReasonField });
export type CollectionVoid = z.infer<typeof CollectionVoidSchema>;

/** The registry action a collection's void is: who may do it, on the desk and on the server alike. */
export const COLLECTION_VOID_ACTION = 'collections.delete' as const;
