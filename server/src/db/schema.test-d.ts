import { expectTypeOf } from 'vitest';
import type { EntityRow, EntityType } from '../../../shared';
import type { ServerDatabase } from './schema';

/**
 * Compile-time checks (run by `npm run typecheck`) tying the MySQL table types to the registry's row types,
 * for every entity type: the same columns plus the server's sync columns, each with the row's type, booleans
 * as 0/1. entity-tables.test.ts checks the migrated tables against the same registry at run time.
 */

type Same<A, B> = (<X>() => X extends A ? 1 : 2) extends <X>() => X extends B ? 1 : 2 ? true : false;
type Stored<V> = [V] extends [boolean] ? number : V;
// The entity tables use no Generated/ColumnType wrappers: what is selected is the table type itself.
type Table<T extends EntityType> = ServerDatabase[T];
type ServerOnly = 'seq' | 'field_versions' | 'last_hlc';

type ColumnsMatch<T extends EntityType> = Same<keyof Table<T>, keyof EntityRow<T> | ServerOnly>;
type TypesMatch<T extends EntityType> = {
  [K in keyof EntityRow<T>]: Same<Table<T>[K & keyof Table<T>], Stored<EntityRow<T>[K]>>;
}[keyof EntityRow<T>];

expectTypeOf<{ [T in EntityType]: ColumnsMatch<T> }>().toEqualTypeOf<{ [T in EntityType]: true }>();
expectTypeOf<{ [T in EntityType]: TypesMatch<T> }>().toEqualTypeOf<{ [T in EntityType]: true }>();
expectTypeOf<{ [T in EntityType]: Pick<Table<T>, ServerOnly> }>().toEqualTypeOf<{
  [T in EntityType]: { seq: number; field_versions: string; last_hlc: string | null };
}>();

// Spot checks of the encoding: MySQL booleans are TINYINT(1), instants DATETIME(3) read as strings.
expectTypeOf<Table<'products'>['active']>().toEqualTypeOf<number>();
expectTypeOf<Table<'collections'>['collected_at']>().toEqualTypeOf<string>();
// The pay-run and pricing types (issues 16 and 18) are entity tables like the rest.
expectTypeOf<Table<'centres'>['active']>().toEqualTypeOf<number>();
expectTypeOf<Table<'supplier_credits'>['principal_minor']>().toEqualTypeOf<number>();
expectTypeOf<Table<'settlement_runs'>['approved_at']>().toEqualTypeOf<string | null>();
expectTypeOf<Pick<Table<'pricing_rules'>, ServerOnly>>().toEqualTypeOf<{
  seq: number;
  field_versions: string;
  last_hlc: string | null;
}>();
