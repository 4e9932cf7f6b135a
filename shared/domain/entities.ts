import { z } from 'zod';
import { CollectionPatchSchema, CollectionRowSchema, collectionFields, type CollectionRow } from './collections';
import { PaymentPatchSchema, PaymentRowSchema, paymentFields, type PaymentRow } from './payments';
import { ProductRatePatchSchema, ProductRateRowSchema, productRateFields, type ProductRateRow } from './product-rates';
import { ProductPatchSchema, ProductRowSchema, productFields, type ProductRow } from './products';
import { SupplierPatchSchema, SupplierRowSchema, supplierFields, type SupplierRow } from './suppliers';

/** The synced entity types, in dependency order (a rate needs its product, a collection its supplier). */
export const ENTITY_TYPES = ['suppliers', 'products', 'product_rates', 'collections', 'payments'] as const;
export type EntityType = (typeof ENTITY_TYPES)[number];
export const EntityTypeSchema = z.enum(ENTITY_TYPES);

export interface EntityRows {
  suppliers: SupplierRow;
  products: ProductRow;
  product_rates: ProductRateRow;
  collections: CollectionRow;
  payments: PaymentRow;
}
export type AnyEntityRow = EntityRows[EntityType];

export const ROW_SCHEMAS = {
  suppliers: SupplierRowSchema,
  products: ProductRowSchema,
  product_rates: ProductRateRowSchema,
  collections: CollectionRowSchema,
  payments: PaymentRowSchema,
} as const;

/** The business fields of each entity type (everything but the common sync columns). */
export const ENTITY_FIELDS: { [K in EntityType]: readonly string[] } = {
  suppliers: Object.keys(supplierFields),
  products: Object.keys(productFields),
  product_rates: Object.keys(productRateFields),
  collections: Object.keys(collectionFields),
  payments: Object.keys(paymentFields),
};

export const ROLES = ['clerk', 'supervisor', 'admin'] as const;
export type Role = (typeof ROLES)[number];
export const RoleSchema = z.enum(ROLES);

/** Roles nest: admin ⊇ supervisor ⊇ clerk. */
export function roleAtLeast(role: Role, needed: Role): boolean {
  return ROLES.indexOf(role) >= ROLES.indexOf(needed);
}

/** What a user may change on each entity type (for fixing a refused change, among others). */
export const PATCH_SCHEMAS = {
  suppliers: SupplierPatchSchema,
  products: ProductPatchSchema,
  product_rates: ProductRatePatchSchema,
  collections: CollectionPatchSchema,
  payments: PaymentPatchSchema,
} as const;
