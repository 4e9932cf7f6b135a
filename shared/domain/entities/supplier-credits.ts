import { defineEntity } from '../entity-kit';
import { supplierCreditFields, supplierCreditRuleErrors } from '../supplier-credits';

/** Loans and inputs on credit, recovered by settlement runs an instalment at a time; a supervisor grants them. */
export const supplierCredits = defineEntity({
  type: 'supplier_credits',
  label: { one: 'supplier credit', many: 'supplier credits' },
  fields: {
    supplier_uuid: {
      kind: 'ref',
      label: 'Supplier',
      ref: 'suppliers',
      schema: supplierCreditFields.supplier_uuid,
      patch: false,
    },
    kind: { kind: 'enum', label: 'Kind', schema: supplierCreditFields.kind, patch: false },
    description: {
      kind: 'text',
      label: 'Description',
      schema: supplierCreditFields.description,
      create: { default: '' },
    },
    /** What was lent; runs that already recovered part of it depend on it, so it is never edited. */
    principal_minor: { kind: 'money', label: 'Principal', schema: supplierCreditFields.principal_minor, patch: false },
    instalment_minor: { kind: 'money', label: 'Instalment per run', schema: supplierCreditFields.instalment_minor },
    issued_on: { kind: 'date', label: 'Issued on', schema: supplierCreditFields.issued_on },
  },
  access: { create: 'supervisor', update: 'supervisor', delete: 'supervisor', says: 'manage supplier credit' },
  conflictPolicy: 'server_wins',
  rowRules: (row) => supplierCreditRuleErrors(row as unknown as Parameters<typeof supplierCreditRuleErrors>[0]),
});
