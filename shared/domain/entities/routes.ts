import { defineEntity } from '../entity-kit';
import { activeSpec, codeSpec, nameSpec, notesSpec } from '../fields';

/** A collection route (the lorry's round); suppliers belong to one and pricing may differ by it. */
export const routes = defineEntity({
  type: 'routes',
  label: { one: 'route', many: 'routes' },
  fields: {
    code: codeSpec,
    name: nameSpec,
    notes: notesSpec,
    active: activeSpec,
  },
  access: { create: 'supervisor', update: 'supervisor', delete: 'supervisor', says: 'manage routes' },
  conflictPolicy: 'server_wins',
});
