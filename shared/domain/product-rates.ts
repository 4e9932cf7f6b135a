import { z } from 'zod';
import { commonRowShape, dateField, nonNegativeInt, textField, uuidField } from './fields';

export const productRateFields = {
  product_uuid: uuidField,
  /** Minor units per whole unit of the product (per kg, per litre…). */
  rate_minor: nonNegativeInt,
  effective_from: dateField,
  notes: textField(1000),
};

export const ProductRateRowSchema = z.object({ ...commonRowShape, ...productRateFields });
export type ProductRateRow = z.infer<typeof ProductRateRowSchema>;

export const ProductRateCreateSchema = z.strictObject({
  uuid: uuidField.optional(),
  product_uuid: productRateFields.product_uuid,
  rate_minor: productRateFields.rate_minor,
  effective_from: productRateFields.effective_from,
  notes: productRateFields.notes.default(''),
});
export type ProductRateCreate = z.input<typeof ProductRateCreateSchema>;

export const ProductRatePatchSchema = z.strictObject(productRateFields).partial();
export type ProductRatePatch = z.infer<typeof ProductRatePatchSchema>;
