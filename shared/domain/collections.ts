import { z } from 'zod';
import { commonRowShape, instantField, nonNegativeInt, positiveInt, textField, uuidField } from './fields';

export const collectionFields = {
  supplier_uuid: uuidField,
  product_uuid: uuidField,
  collected_at: instantField,
  /** Thousandths of the product's unit. */
  quantity_milli: positiveInt,
  /** Decided where the row is priced (the rate in force at collected_at); stored so history never moves. */
  rate_minor: nonNegativeInt,
  amount_minor: nonNegativeInt,
  notes: textField(1000),
};

export const CollectionRowSchema = z.object({ ...commonRowShape, ...collectionFields });
export type CollectionRow = z.infer<typeof CollectionRowSchema>;

/** What a clerk enters; rate and amount come from the rate in force. */
export const CollectionCreateSchema = z.strictObject({
  uuid: uuidField.optional(),
  supplier_uuid: collectionFields.supplier_uuid,
  product_uuid: collectionFields.product_uuid,
  collected_at: collectionFields.collected_at.optional(),
  quantity_milli: collectionFields.quantity_milli,
  notes: collectionFields.notes.default(''),
});
export type CollectionCreate = z.input<typeof CollectionCreateSchema>;

export const CollectionPatchSchema = z
  .strictObject({
    supplier_uuid: collectionFields.supplier_uuid,
    product_uuid: collectionFields.product_uuid,
    collected_at: collectionFields.collected_at,
    quantity_milli: collectionFields.quantity_milli,
    notes: collectionFields.notes,
  })
  .partial();
export type CollectionPatch = z.infer<typeof CollectionPatchSchema>;
