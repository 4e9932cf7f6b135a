import { defineEntity } from '../entity-kit';
import { dateField, nonNegativeInt, notesSpec, uuidField } from '../fields';

/** A product's rate from a date on; collections are priced by the rate in force on their date. */
export const productRates = defineEntity({
  type: 'product_rates',
  label: { one: 'product rate', many: 'product rates' },
  fields: {
    product_uuid: { kind: 'ref', label: 'Product', ref: 'products', schema: uuidField },
    /** Minor units per whole unit of the product (per kg, per litre…). */
    rate_minor: { kind: 'money', label: 'Rate', schema: nonNegativeInt },
    effective_from: { kind: 'date', label: 'Effective from', schema: dateField },
    notes: notesSpec,
  },
  access: { create: 'supervisor', update: 'supervisor', delete: 'supervisor', says: 'set rates' },
  conflictPolicy: 'server_wins',
});
