import type { CreateOf, PatchOf, RowOf } from './entity-kit';
import { collections } from './entities/collections';
import { payments } from './entities/payments';
import { productRates } from './entities/product-rates';
import { products } from './entities/products';
import { suppliers } from './entities/suppliers';
import { type routes } from './entities/routes';
import { type centres } from './entities/centres';
import { type pricingRules } from './entities/pricing-rules';

/**
 * The names the rest of the code uses for each entity type's schemas and types, all taken from its registry
 * entry (`entity(type).createSchema` and `EntityRow<T>` say the same for code that works on any type).
 */

export type SupplierRow = RowOf<typeof suppliers>;
export type ProductRow = RowOf<typeof products>;
export type ProductRateRow = RowOf<typeof productRates>;
export type CollectionRow = RowOf<typeof collections>;
export type PaymentRow = RowOf<typeof payments>;
export type RouteRow = RowOf<typeof routes>;
export type CentreRow = RowOf<typeof centres>;
export type PricingRuleRow = RowOf<typeof pricingRules>;
export type PricingRuleCreate = CreateOf<typeof pricingRules>;

/** What a user gives to make one (defaults still optional). */
export type SupplierCreate = CreateOf<typeof suppliers>;
export type ProductCreate = CreateOf<typeof products>;
export type ProductRateCreate = CreateOf<typeof productRates>;
export type CollectionCreate = CreateOf<typeof collections>;
export type PaymentCreate = CreateOf<typeof payments>;

export type SupplierPatch = PatchOf<typeof suppliers>;
export type ProductPatch = PatchOf<typeof products>;
export type CollectionPatch = PatchOf<typeof collections>;
/** Editable fields of a payment that is not voided; voiding has its own input. */
export type PaymentPatch = PatchOf<typeof payments>;

export const SupplierCreateSchema = suppliers.createSchema;
export const ProductCreateSchema = products.createSchema;
export const ProductRateCreateSchema = productRates.createSchema;
/** What a clerk enters; rate and amount come from the rate in force. */
export const CollectionCreateSchema = collections.createSchema;
export const PaymentCreateSchema = payments.createSchema;

export const SupplierPatchSchema = suppliers.patchSchema;
export const ProductPatchSchema = products.patchSchema;
export const CollectionPatchSchema = collections.patchSchema;
export const PaymentPatchSchema = payments.patchSchema;
