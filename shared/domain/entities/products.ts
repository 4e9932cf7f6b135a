import { z } from 'zod';
import { defineEntity } from '../entity-kit';
import { activeSpec, codeSpec, nameSpec } from '../fields';

/** What the office buys (tea leaf, milk…) and its unit; reference data a supervisor keeps. */
export const products = defineEntity({
  type: 'products',
  label: { one: 'product', many: 'products' },
  fields: {
    code: codeSpec,
    name: nameSpec,
    unit: {
      kind: 'text',
      label: 'Unit',
      schema: z
        .string()
        .trim()
        .min(1, 'is required')
        .max(16, 'must be at most 16 characters')
        .regex(/^[\p{L}\p{N}._/ -]+$/u, 'may contain only letters, digits, spaces and . _ / -'),
    },
    active: activeSpec,
  },
  access: { create: 'supervisor', update: 'supervisor', delete: 'supervisor', says: 'manage products' },
  conflictPolicy: 'server_wins',
});
