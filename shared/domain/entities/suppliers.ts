import { defineEntity } from '../entity-kit';
import { activeSpec, codeSpec, nameSpec, notesSpec, textField, uuidField } from '../fields';

const optionalText = (max: number) => ({ kind: 'text', schema: textField(max), create: { default: '' } }) as const;

/** The people the office buys from; clerks keep them. */
export const suppliers = defineEntity({
  type: 'suppliers',
  label: { one: 'supplier', many: 'suppliers' },
  fields: {
    code: codeSpec,
    name: nameSpec,
    phone: optionalText(40),
    address: optionalText(500),
    region: optionalText(80),
    notes: notesSpec,
    active: activeSpec,
    /** Where the supplier delivers; a collection's route is the supplier's, and pricing may differ by it. */
    route_uuid: { kind: 'ref', ref: 'routes', schema: uuidField.nullable(), create: { default: null } },
    centre_uuid: { kind: 'ref', ref: 'centres', schema: uuidField.nullable(), create: { default: null } },
  },
  access: { create: 'clerk', update: 'clerk', delete: 'supervisor' },
  conflictPolicy: 'server_wins',
});
