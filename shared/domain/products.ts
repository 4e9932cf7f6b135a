import { z } from 'zod';
import { codeField, commonRowShape, nameField, uuidField } from './fields';

export const productFields = {
  code: codeField,
  name: nameField,
  unit: z
    .string()
    .trim()
    .min(1, 'is required')
    .max(16, 'must be at most 16 characters')
    .regex(/^[\p{L}\p{N}._/ -]+$/u, 'may contain only letters, digits, spaces and . _ / -'),
  active: z.boolean({ error: 'must be true or false' }),
};

export const ProductRowSchema = z.object({ ...commonRowShape, ...productFields });
export type ProductRow = z.infer<typeof ProductRowSchema>;

export const ProductCreateSchema = z.strictObject({
  uuid: uuidField.optional(),
  code: productFields.code,
  name: productFields.name,
  unit: productFields.unit,
  active: productFields.active.default(true),
});
export type ProductCreate = z.input<typeof ProductCreateSchema>;

export const ProductPatchSchema = z.strictObject(productFields).partial();
export type ProductPatch = z.infer<typeof ProductPatchSchema>;
