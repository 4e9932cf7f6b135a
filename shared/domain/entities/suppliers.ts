import { defineEntity } from '../entity-kit';
import { activeSpec, codeSpec, nameSpec, notesSpec, textField, uuidField } from '../fields';
import { payoutDetailsFields, supplierPayoutErrors } from '../payout-details';

const optionalText = <L extends string>(label: L, max: number) =>
  ({ kind: 'text', label, schema: textField(max), create: { default: '' } }) as const;

/** The people the office buys from; clerks keep them. */
export const suppliers = defineEntity({
  type: 'suppliers',
  label: { one: 'supplier', many: 'suppliers' },
  fields: {
    code: codeSpec,
    name: nameSpec,
    phone: optionalText('Phone', 40),
    address: optionalText('Address', 500),
    region: optionalText('Region', 80),
    notes: notesSpec,
    active: activeSpec,
    /** How runs pay the supplier; the chosen method's details are required (`supplierPayoutErrors`). */
    payout_method: {
      kind: 'enum',
      label: 'Payout method',
      schema: payoutDetailsFields.payout_method,
      create: { default: 'none' },
    },
    bank_account_name: {
      kind: 'text',
      label: 'Bank account name',
      schema: payoutDetailsFields.bank_account_name,
      create: { default: '' },
    },
    bank_account_number: {
      kind: 'text',
      label: 'Bank account number',
      schema: payoutDetailsFields.bank_account_number,
      create: { default: '' },
    },
    bank_code: { kind: 'text', label: 'Bank code', schema: payoutDetailsFields.bank_code, create: { default: '' } },
    /** Mobile-money number in international format (+254…). */
    mobile_phone: {
      kind: 'text',
      label: 'Mobile money number',
      schema: payoutDetailsFields.mobile_phone,
      create: { default: '' },
    },
    /** Where the supplier delivers; a collection's route is the supplier's, and pricing may differ by it. */
    route_uuid: { kind: 'ref', label: 'Route', ref: 'routes', schema: uuidField.nullable(), create: { default: null } },
    centre_uuid: {
      kind: 'ref',
      label: 'Centre',
      ref: 'centres',
      schema: uuidField.nullable(),
      create: { default: null },
    },
  },
  access: { create: 'clerk', update: 'clerk', delete: 'supervisor' },
  conflictPolicy: 'server_wins',
  rowRules: (row) => supplierPayoutErrors(row as unknown as Parameters<typeof supplierPayoutErrors>[0]),
});
