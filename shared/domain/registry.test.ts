import { describe, expect, it } from 'vitest';
import {
  DEFAULT_POLICY,
  entity,
  ENTITIES,
  ENTITY_TYPES,
  entityTypeOf,
  FIELD_KINDS,
  isEntityType,
  labelOfField,
  REFERENCE_FIELDS,
  referrersOf,
  shapeOfEntity,
  type AccessSpec,
  type FieldSpec,
} from '.';

describe('entity registry', () => {
  it('names each entry by its type, in dependency order: a type refers only to types before it', () => {
    const base = ['suppliers', 'products', 'product_rates', 'collections', 'payments'] as const;
    expect(ENTITY_TYPES.filter((t) => (base as readonly string[]).includes(t))).toEqual(base);
    for (const [key, spec] of Object.entries(ENTITIES)) expect(spec.type).toBe(key);
    for (const [index, type] of ENTITY_TYPES.entries()) {
      for (const { target } of shapeOfEntity(type).refs) expect(ENTITY_TYPES.indexOf(target)).toBeLessThan(index);
    }
  });

  it('gives every column a label people read ("Amount", "Paid at", "Deleted at"), never the column name', () => {
    expect(labelOfField('payments', 'amount_minor')).toBe('Amount');
    expect(labelOfField('payments', 'paid_at')).toBe('Paid at');
    expect(labelOfField('payments', 'void_reason')).toBe('Void reason');
    for (const type of ENTITY_TYPES) {
      for (const column of shapeOfEntity(type).columns) {
        expect(labelOfField(type, column), `${type}.${column}`).toMatch(/^[A-Z][a-z]+( [a-z]+)*$/);
      }
    }
  });

  it('declares the label of every field of the pay-run entities and of the supplier’s payout, as people say it', () => {
    const declared = (type: keyof typeof ENTITIES, only?: string[]) => {
      const fields = entity(type).fields as Record<string, FieldSpec>;
      for (const name of only ?? Object.keys(fields)) expect(fields[name]?.label, `${type}.${name}`).toBeDefined();
    };
    for (const type of ['charges', 'supplier_credits', 'settlement_runs', 'settlement_lines'] as const) declared(type);
    declared('suppliers', ['payout_method', 'bank_account_name', 'bank_account_number', 'bank_code', 'mobile_phone']);
    expect(labelOfField('suppliers', 'mobile_phone')).toBe('Mobile money number');
    expect(labelOfField('supplier_credits', 'instalment_minor')).toBe('Instalment per run');
    expect(labelOfField('settlement_lines', 'net_minor')).toBe('Net pay');
    expect(labelOfField('charges', 'sort_order')).toBe('Order');
  });

  it('gives every field a known kind, refs a target, and field actions fields of their own type', () => {
    for (const type of ENTITY_TYPES) {
      const fields = entity(type).fields as Record<string, FieldSpec>;
      for (const [name, field] of Object.entries(fields)) {
        expect(FIELD_KINDS, `${type}.${name}`).toContain(field.kind);
        expect(field.kind === 'ref', `${type}.${name} ref`).toBe(field.ref !== undefined);
      }
      const actions = (entity(type).access as AccessSpec).fieldActions ?? {};
      for (const { fields: names } of Object.values(actions)) {
        for (const name of names) {
          expect(fields[name], `${type}.${name}`).toBeDefined();
          expect(shapeOfEntity(type).patchable).not.toContain(name);
        }
      }
    }
  });

  it('derives what the code used to list by hand', () => {
    expect(DEFAULT_POLICY).toMatchObject({
      suppliers: 'server_wins',
      products: 'server_wins',
      product_rates: 'server_wins',
      collections: 'manual',
      payments: 'manual',
    });
    expect(REFERENCE_FIELDS).toEqual(expect.arrayContaining(['product_uuid', 'supplier_uuid']));
    expect(referrersOf('suppliers')).toEqual(
      expect.arrayContaining([
        { type: 'collections', field: 'supplier_uuid' },
        { type: 'payments', field: 'supplier_uuid' },
      ]),
    );
    expect(shapeOfEntity('collections').instants).toEqual(['created_at', 'updated_at', 'deleted_at', 'collected_at']);
    expect(shapeOfEntity('products').booleans).toEqual(['active']);
    expect(shapeOfEntity('suppliers').unique).toEqual(['code']);
    expect(shapeOfEntity('payments').nullable).toEqual([
      'deleted_at',
      'created_by',
      'updated_by',
      'voided_at',
      'void_reason',
      'adjusts_uuid',
    ]);
    expect(shapeOfEntity('payments').updatable).toEqual([
      'paid_at',
      'amount_minor',
      'type',
      'method',
      'reference',
      'notes',
      'voided_at',
      'void_reason',
    ]);
    expect(shapeOfEntity('collections').patchable).toEqual([
      'supplier_uuid',
      'product_uuid',
      'collected_at',
      'quantity_milli',
      'notes',
      'rule_version_uuid',
      'gross_weight_milli',
      'containers',
      'grade',
      'readings',
      'shift',
      'route_uuid',
      'centre_uuid',
      'weighed_on_scale',
      'rejection_reason',
      'rejection_note',
      'second_delivery',
    ]);
    expect(shapeOfEntity('pricing_rules').patchable).toEqual(['notes']);
  });

  it('checks a type named from outside before it can name a table', () => {
    expect(isEntityType('payments')).toBe(true);
    for (const bad of ['sqlite_master', 'users', 'payments; drop table audit', '__proto__', 'toString', 7, null]) {
      expect(isEntityType(bad)).toBe(false);
      expect(() => entityTypeOf(bad)).toThrow(/is not an entity type/);
    }
  });

  it('builds create schemas that fill defaults and refuse unknown fields', () => {
    const supplier = entity('suppliers').createSchema.parse({ code: 'S-1', name: 'Amina' });
    expect(supplier).toEqual({
      code: 'S-1',
      name: 'Amina',
      phone: '',
      address: '',
      region: '',
      notes: '',
      active: true,
      payout_method: 'none',
      bank_account_name: '',
      bank_account_number: '',
      bank_code: '',
      mobile_phone: '',
      route_uuid: null,
      centre_uuid: null,
    });
    expect(entity('collections').createSchema.safeParse({ rate_minor: 1 }).success).toBe(false);
    expect(entity('payments').patchSchema.safeParse({ voided_at: null }).success).toBe(false);
  });
});
