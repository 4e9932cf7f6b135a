import { expectTypeOf } from 'vitest';
import type { EntityRow, EntityType } from '../../../../shared';
import type { LocalDatabase, LocalSyncStatus } from './schema';

/**
 * Compile-time checks (run by `npm run typecheck`) tying the desk's SQLite table types to the registry's
 * row types, for every entity type: the same columns plus `sync_status`, each with the row's type, booleans
 * as 0/1. entity-tables.test.ts checks the migrated tables against the same registry at run time.
 */

type Same<A, B> = (<X>() => X extends A ? 1 : 2) extends <X>() => X extends B ? 1 : 2 ? true : false;
type Stored<V> = [V] extends [boolean] ? number : V;
// The entity tables use no Generated/ColumnType wrappers: what is selected is the table type itself.
type Table<T extends EntityType> = LocalDatabase[T];

type ColumnsMatch<T extends EntityType> = Same<keyof Table<T>, keyof EntityRow<T> | 'sync_status'>;
type TypesMatch<T extends EntityType> = {
  [K in keyof EntityRow<T>]: Same<Table<T>[K & keyof Table<T>], Stored<EntityRow<T>[K]>>;
}[keyof EntityRow<T>];

expectTypeOf<{ [T in EntityType]: ColumnsMatch<T> }>().toEqualTypeOf<{ [T in EntityType]: true }>();
expectTypeOf<{ [T in EntityType]: TypesMatch<T> }>().toEqualTypeOf<{ [T in EntityType]: true }>();
expectTypeOf<{ [T in EntityType]: Table<T>['sync_status'] }>().toEqualTypeOf<{ [T in EntityType]: LocalSyncStatus }>();

// Spot checks of the encoding: SQLite has no booleans.
expectTypeOf<Table<'suppliers'>['active']>().toEqualTypeOf<number>();
expectTypeOf<Table<'payments'>['voided_at']>().toEqualTypeOf<string | null>();
// The pay-run and pricing types (issues 16 and 18) are entity tables like the rest.
expectTypeOf<Table<'routes'>['active']>().toEqualTypeOf<number>();
expectTypeOf<Table<'charges'>['active_to']>().toEqualTypeOf<string | null>();
expectTypeOf<Table<'settlement_lines'>['payout_status']>().toEqualTypeOf<'pending' | 'paid' | 'failed'>();
expectTypeOf<Table<'pricing_rules'>['sync_status']>().toEqualTypeOf<LocalSyncStatus>();
