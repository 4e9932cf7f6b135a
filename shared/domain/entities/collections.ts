import { defineEntity } from '../entity-kit';
import { instantField, nonNegativeInt, notesSpec, positiveInt, uuidField } from '../fields';

/** Produce weighed in from a supplier; money conflicts wait for a supervisor. */
export const collections = defineEntity({
  type: 'collections',
  label: { one: 'collection', many: 'collections' },
  fields: {
    supplier_uuid: { kind: 'ref', label: 'Supplier', ref: 'suppliers', schema: uuidField },
    product_uuid: { kind: 'ref', label: 'Product', ref: 'products', schema: uuidField },
    collected_at: { kind: 'instant', label: 'Collected at', schema: instantField, create: 'now' },
    /** Thousandths of the product's unit. */
    quantity_milli: { kind: 'quantity', label: 'Quantity', schema: positiveInt },
    /** Decided where the row is priced (the rate in force at collected_at); stored so history never moves. */
    rate_minor: { kind: 'money', label: 'Rate', schema: nonNegativeInt, create: 'computed' },
    amount_minor: { kind: 'money', label: 'Amount', schema: nonNegativeInt, create: 'computed' },
    notes: notesSpec,
  },
  access: { create: 'clerk', update: 'clerk', delete: 'supervisor' },
  conflictPolicy: 'manual',
});
