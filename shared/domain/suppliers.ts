import { z } from 'zod';
import { codeField, commonRowShape, nameField, textField, uuidField } from './fields';

export const supplierFields = {
  code: codeField,
  name: nameField,
  phone: textField(40),
  address: textField(500),
  region: textField(80),
  notes: textField(1000),
  active: z.boolean({ error: 'must be true or false' }),
};

export const SupplierRowSchema = z.object({ ...commonRowShape, ...supplierFields });
export type SupplierRow = z.infer<typeof SupplierRowSchema>;

export const SupplierCreateSchema = z.strictObject({
  uuid: uuidField.optional(),
  code: supplierFields.code,
  name: supplierFields.name,
  phone: supplierFields.phone.default(''),
  address: supplierFields.address.default(''),
  region: supplierFields.region.default(''),
  notes: supplierFields.notes.default(''),
  active: supplierFields.active.default(true),
});
export type SupplierCreate = z.input<typeof SupplierCreateSchema>;

export const SupplierPatchSchema = z.strictObject(supplierFields).partial();
export type SupplierPatch = z.infer<typeof SupplierPatchSchema>;
