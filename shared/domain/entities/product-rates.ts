import { type z } from 'zod';
import { defineEntity } from '../entity-kit';
import { dateField, nonNegativeInt, notesSpec, uuidField } from '../fields';

/** A product's rate from a date on; collections are priced by the rate in force on their date. */
export const productRates = defineEntity({
  type: 'product_rates',
  label: { one: 'product rate', many: 'product rates' },
  fields: {
    product_uuid: { kind: 'ref', ref: 'products', schema: uuidField },
    /** Minor units per whole unit of the product (per kg, per litre…). */
    rate_minor: { kind: 'money', schema: nonNegativeInt },
    effective_from: { kind: 'date', schema: dateField },
    notes: notesSpec,
  },
  access: { create: 'supervisor', update: 'supervisor', delete: 'supervisor', says: 'set rates' },
  conflictPolicy: 'server_wins',
});

export const ProductRateRowSchema = productRates.rowSchema;
export type ProductRateRow = z.infer<typeof ProductRateRowSchema>;
export const ProductRateCreateSchema = productRates.createSchema;
export type ProductRateCreate = z.input<typeof ProductRateCreateSchema>;
export const ProductRatePatchSchema = productRates.patchSchema;
export type ProductRatePatch = z.infer<typeof ProductRatePatchSchema>;
