import type { Kysely, Migration } from 'kysely';
import { createEntityTable } from './entity-columns';

/** Issue 16: supplier payout details, charges, supplier credit, and the server's settlement runs and lines. */
export const payRunsMigration: Migration = {
  async up(db: Kysely<unknown>) {
    for (const [column, value] of [
      ['payout_method', 'none'],
      ['bank_account_name', ''],
      ['bank_account_number', ''],
      ['bank_code', ''],
      ['mobile_phone', ''],
    ])
      await db.schema
        .alterTable('suppliers')
        .addColumn(column!, 'text', (c) => c.notNull().defaultTo(value!))
        .execute();

    await createEntityTable(db, 'charges')
      .addColumn('code', 'text', (c) => c.notNull())
      .addColumn('name', 'text', (c) => c.notNull())
      .addColumn('kind', 'text', (c) => c.notNull())
      .addColumn('value', 'integer', (c) => c.notNull())
      .addColumn('product_uuid', 'text')
      .addColumn('sort_order', 'integer', (c) => c.notNull())
      .addColumn('active_from', 'text', (c) => c.notNull())
      .addColumn('active_to', 'text')
      .addColumn('notes', 'text', (c) => c.notNull())
      .execute();

    await createEntityTable(db, 'supplier_credits')
      .addColumn('supplier_uuid', 'text', (c) => c.notNull())
      .addColumn('kind', 'text', (c) => c.notNull())
      .addColumn('description', 'text', (c) => c.notNull())
      .addColumn('principal_minor', 'integer', (c) => c.notNull())
      .addColumn('instalment_minor', 'integer', (c) => c.notNull())
      .addColumn('issued_on', 'text', (c) => c.notNull())
      .execute();
    await db.schema.createIndex('supplier_credits_supplier').on('supplier_credits').column('supplier_uuid').execute();

    let runs = createEntityTable(db, 'settlement_runs')
      .addColumn('code', 'text', (c) => c.notNull())
      .addColumn('name', 'text', (c) => c.notNull())
      .addColumn('kind', 'text', (c) => c.notNull())
      .addColumn('period_from', 'text', (c) => c.notNull())
      .addColumn('period_to', 'text', (c) => c.notNull())
      .addColumn('route', 'text', (c) => c.notNull())
      .addColumn('product_uuid', 'text')
      .addColumn('bonus_rates_json', 'text', (c) => c.notNull())
      .addColumn('status', 'text', (c) => c.notNull())
      .addColumn('computed_at', 'text', (c) => c.notNull())
      .addColumn('approved_at', 'text')
      .addColumn('approved_by', 'text');
    for (const column of [
      'suppliers',
      'gross_minor',
      'due_minor',
      'deductions_minor',
      'net_minor',
      'carried_forward_minor',
      'credit_remaining_minor',
    ])
      runs = runs.addColumn(column, 'integer', (c) => c.notNull());
    await runs.addColumn('by_deduction_json', 'text', (c) => c.notNull()).execute();

    let lines = createEntityTable(db, 'settlement_lines')
      .addColumn('run_uuid', 'text', (c) => c.notNull())
      .addColumn('supplier_uuid', 'text', (c) => c.notNull())
      .addColumn('supplier_code', 'text', (c) => c.notNull())
      .addColumn('supplier_name', 'text', (c) => c.notNull())
      .addColumn('route', 'text', (c) => c.notNull());
    for (const column of [
      'gross_minor',
      'deductions_minor',
      'net_minor',
      'carried_forward_minor',
      'credit_remaining_minor',
    ])
      lines = lines.addColumn(column, 'integer', (c) => c.notNull());
    for (const column of [
      'gross_lines_json',
      'deductions_json',
      'carried_forward_json',
      'credits_json',
      'payout_reference',
      'payout_status',
      'payout_provider_reference',
      'payout_message',
    ])
      lines = lines.addColumn(column, 'text', (c) => c.notNull());
    await lines.addColumn('paid_at', 'text').execute();
    await db.schema.createIndex('settlement_lines_run').on('settlement_lines').column('run_uuid').execute();
    await db.schema.createIndex('settlement_lines_supplier').on('settlement_lines').column('supplier_uuid').execute();
  },
  async down(db: Kysely<unknown>) {
    for (const table of ['settlement_lines', 'settlement_runs', 'supplier_credits', 'charges'])
      await db.schema.dropTable(table).execute();
    for (const column of ['payout_method', 'bank_account_name', 'bank_account_number', 'bank_code', 'mobile_phone'])
      await db.schema.alterTable('suppliers').dropColumn(column).execute();
  },
};
