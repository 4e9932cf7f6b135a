import { z } from 'zod';
import {
  CollectionCreateSchema,
  CollectionPatchSchema,
  instantField,
  PaymentCreateSchema,
  PaymentPatchSchema,
  paymentFields,
  ProductCreateSchema,
  ProductPatchSchema,
  ProductRateCreateSchema,
  ProductRatePatchSchema,
  SupplierCreateSchema,
  SupplierPatchSchema,
  uuidField,
  versionField,
  type EntityType,
} from '../../../shared';

/**
 * The `data` of a push op, per entity type and operation, built from the same shared schemas the desk
 * validates with. Wire data may carry extra columns (a client's full row): unknown keys are dropped, not fatal.
 */
const wireCommon = { uuid: uuidField, version: versionField.optional(), updated_at: instantField.optional() };

export const CREATE_SCHEMAS: Record<EntityType, z.ZodType<Record<string, unknown>>> = {
  suppliers: z.object({ ...SupplierCreateSchema.shape, ...wireCommon }),
  products: z.object({ ...ProductCreateSchema.shape, ...wireCommon }),
  product_rates: z.object({ ...ProductRateCreateSchema.shape, ...wireCommon }),
  collections: z.object({ ...CollectionCreateSchema.shape, ...wireCommon }),
  payments: z.object({ ...PaymentCreateSchema.shape, ...wireCommon }),
};

export const UPDATE_SCHEMAS: Record<EntityType, z.ZodType<Record<string, unknown>>> = {
  suppliers: z.object({ ...SupplierPatchSchema.shape, ...wireCommon }),
  products: z.object({ ...ProductPatchSchema.shape, ...wireCommon }),
  product_rates: z.object({ ...ProductRatePatchSchema.shape, ...wireCommon }),
  collections: z.object({ ...CollectionPatchSchema.shape, ...wireCommon }),
  payments: z.object({
    ...PaymentPatchSchema.shape,
    voided_at: paymentFields.voided_at.optional(),
    void_reason: paymentFields.void_reason.optional(),
    ...wireCommon,
  }),
};

export const DELETE_SCHEMA = z.object(wireCommon);

/** Fields an update may set, per entity type (rate and amount of a collection are the server's to decide). */
export const UPDATABLE_FIELDS: Record<EntityType, readonly string[]> = {
  suppliers: Object.keys(SupplierPatchSchema.shape),
  products: Object.keys(ProductPatchSchema.shape),
  product_rates: Object.keys(ProductRatePatchSchema.shape),
  collections: Object.keys(CollectionPatchSchema.shape),
  payments: [...Object.keys(PaymentPatchSchema.shape), 'voided_at', 'void_reason'],
};
