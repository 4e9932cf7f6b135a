import { defineEntity } from '../entity-kit';
import { activeSpec, codeSpec, nameSpec, notesSpec, textField } from '../fields';

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
  },
  access: { create: 'clerk', update: 'clerk', delete: 'supervisor' },
  conflictPolicy: 'server_wins',
});
