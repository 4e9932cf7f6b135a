import type { Kysely, Migration } from 'kysely';
import { createEntityTable, datetime } from './entity-columns';

/** Issue 16: supplier payout details, charges, supplier credit, and settlement runs and lines (server-written). */
export const payRunsMigration: Migration = {
  async up(db: Kysely<unknown>) {
    await db.schema
      .alterTable('suppliers')
      .addColumn('payout_method', 'varchar(16)', (c) => c.notNull().defaultTo('none'))
      .addColumn('bank_account_name', 'varchar(120)', (c) => c.notNull().defaultTo(''))
      .addColumn('bank_account_number', 'varchar(34)', (c) => c.notNull().defaultTo(''))
      .addColumn('bank_code', 'varchar(11)', (c) => c.notNull().defaultTo(''))
      .addColumn('mobile_phone', 'varchar(16)', (c) => c.notNull().defaultTo(''))
      .execute();

    await createEntityTable(db, 'charges')
      .addColumn('code', 'varchar(32)', (c) => c.notNull().unique())
      .addColumn('name', 'varchar(120)', (c) => c.notNull())
      .addColumn('kind', 'varchar(16)', (c) => c.notNull())
      .addColumn('value', 'bigint', (c) => c.notNull())
      .addColumn('product_uuid', 'char(36)')
      .addColumn('sort_order', 'bigint', (c) => c.notNull())
      .addColumn('active_from', 'date', (c) => c.notNull())
      .addColumn('active_to', 'date')
      .addColumn('notes', 'text', (c) => c.notNull())
      .execute();

    await createEntityTable(db, 'supplier_credits')
      .addColumn('supplier_uuid', 'char(36)', (c) => c.notNull())
      .addColumn('kind', 'varchar(16)', (c) => c.notNull())
      .addColumn('description', 'varchar(120)', (c) => c.notNull())
      .addColumn('principal_minor', 'bigint', (c) => c.notNull())
      .addColumn('instalment_minor', 'bigint', (c) => c.notNull())
      .addColumn('issued_on', 'date', (c) => c.notNull())
      .execute();
    await db.schema.createIndex('supplier_credits_supplier').on('supplier_credits').column('supplier_uuid').execute();

    let runs = createEntityTable(db, 'settlement_runs')
      .addColumn('code', 'varchar(32)', (c) => c.notNull().unique())
      .addColumn('name', 'varchar(120)', (c) => c.notNull())
      .addColumn('kind', 'varchar(16)', (c) => c.notNull())
      .addColumn('period_from', 'date', (c) => c.notNull())
      .addColumn('period_to', 'date', (c) => c.notNull())
      .addColumn('route', 'varchar(80)', (c) => c.notNull())
      .addColumn('product_uuid', 'char(36)')
      .addColumn('bonus_rates_json', 'text', (c) => c.notNull())
      .addColumn('status', 'varchar(16)', (c) => c.notNull())
      .addColumn('computed_at', datetime, (c) => c.notNull())
      .addColumn('approved_at', datetime)
      .addColumn('approved_by', 'varchar(120)');
    for (const column of [
      'suppliers',
      'gross_minor',
      'due_minor',
      'deductions_minor',
      'net_minor',
      'carried_forward_minor',
      'credit_remaining_minor',
    ])
      runs = runs.addColumn(column, 'bigint', (c) => c.notNull());
    await runs.addColumn('by_deduction_json', 'text', (c) => c.notNull()).execute();

    let lines = createEntityTable(db, 'settlement_lines')
      .addColumn('run_uuid', 'char(36)', (c) => c.notNull())
      .addColumn('supplier_uuid', 'char(36)', (c) => c.notNull())
      .addColumn('supplier_code', 'varchar(200)', (c) => c.notNull())
      .addColumn('supplier_name', 'varchar(200)', (c) => c.notNull())
      .addColumn('route', 'varchar(200)', (c) => c.notNull());
    for (const column of [
      'gross_minor',
      'deductions_minor',
      'net_minor',
      'carried_forward_minor',
      'credit_remaining_minor',
    ])
      lines = lines.addColumn(column, 'bigint', (c) => c.notNull());
    for (const column of ['gross_lines_json', 'deductions_json', 'carried_forward_json', 'credits_json'])
      lines = lines.addColumn(column, 'text', (c) => c.notNull());
    await lines
      .addColumn('payout_reference', 'varchar(80)', (c) => c.notNull())
      .addColumn('payout_status', 'varchar(16)', (c) => c.notNull())
      .addColumn('payout_provider_reference', 'varchar(120)', (c) => c.notNull())
      .addColumn('payout_message', 'varchar(500)', (c) => c.notNull())
      .addColumn('paid_at', datetime)
      .execute();
    await db.schema.createIndex('settlement_lines_run').on('settlement_lines').column('run_uuid').execute();
    // The period-close check looks up a supplier's lines on every push of their collections and payments.
    await db.schema.createIndex('settlement_lines_supplier').on('settlement_lines').column('supplier_uuid').execute();
  },
  async down(db: Kysely<unknown>) {
    for (const table of ['settlement_lines', 'settlement_runs', 'supplier_credits', 'charges'])
      await db.schema.dropTable(table).execute();
    await db.schema
      .alterTable('suppliers')
      .dropColumn('payout_method')
      .dropColumn('bank_account_name')
      .dropColumn('bank_account_number')
      .dropColumn('bank_code')
      .dropColumn('mobile_phone')
      .execute();
  },
};
