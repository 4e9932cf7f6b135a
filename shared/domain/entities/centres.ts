import { defineEntity } from '../entity-kit';
import { activeSpec, codeSpec, nameSpec, notesSpec } from '../fields';

/** A buying centre (the shed with the scale); collections are taken at one and pricing may differ by it. */
export const centres = defineEntity({
  type: 'centres',
  label: { one: 'centre', many: 'centres' },
  fields: {
    code: codeSpec,
    name: nameSpec,
    notes: notesSpec,
    active: activeSpec,
  },
  access: { create: 'supervisor', update: 'supervisor', delete: 'supervisor', says: 'manage centres' },
  conflictPolicy: 'server_wins',
});
