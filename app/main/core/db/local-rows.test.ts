import { afterEach, describe, expect, it } from 'vitest';
import { newId } from '../../../../shared';
import { tempCore } from '../test-support';
import { entityTable } from './entity-table';

describe('local row writer', () => {
  let cleanup: (() => Promise<void>) | undefined;
  afterEach(async () => cleanup?.());

  async function withSupplier() {
    const core = await tempCore();
    cleanup = core.cleanup;
    const supplier = await core.suppliers.create({ code: 'S-0001', name: 'Amina Njeri' });
    const stored = () => core.sqlite.prepare('select * from suppliers where uuid = ?').get(supplier.uuid);
    return { core, supplier, stored };
  }

  it('stores booleans as 0/1 on every path, also in a partial correction', async () => {
    const { core, supplier, stored } = await withSupplier();
    expect(stored()).toMatchObject({ active: 1, sync_status: 'pending' });
    await core.ctx.write(async () => core.ctx.rows.patch('suppliers', supplier.uuid, { active: false }));
    expect(stored()).toMatchObject({ active: 0 });
    await core.ctx.write(async () =>
      core.ctx.rows.upsert('suppliers', [{ ...supplier, version: 3, active: true }], 'synced'),
    );
    expect(stored()).toMatchObject({ active: 1, version: 3, sync_status: 'synced' });
    expect((await core.suppliers.get(supplier.uuid)).active).toBe(true);
  });

  it('keeps only the registry columns of a server row and stores missing ones as null', async () => {
    const { core } = await withSupplier();
    const uuid = newId();
    const now = new Date().toISOString();
    await core.ctx.write(async () =>
      core.ctx.rows.upsert(
        'suppliers',
        [
          {
            uuid,
            version: 1,
            created_at: now,
            updated_at: now,
            code: 'S-9',
            name: 'From the server',
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
            seq: 9,
            field_versions: {},
            surprise: 'x',
          },
        ],
        'synced',
      ),
    );
    expect(core.sqlite.prepare('select * from suppliers where uuid = ?').get(uuid)).toMatchObject({
      code: 'S-9',
      deleted_at: null,
      created_by: null,
      sync_status: 'synced',
    });
  });

  it('refuses a column or a table the registry does not know, changing nothing', async () => {
    const { core, supplier, stored } = await withSupplier();
    const before = stored();
    expect(() => core.ctx.rows.patch('suppliers', supplier.uuid, { 'name" = 1; --': 'x' })).toThrow(/has no column/);
    expect(() => core.ctx.rows.remove('sqlite_master' as never, supplier.uuid)).toThrow(/is not an entity type/);
    expect(() => entityTable(core.db, 'outbox')).toThrow(/is not an entity type/);
    expect(stored()).toEqual(before);
  });

  it('joins the caller transaction: a write rolled back leaves no row', async () => {
    const { core, supplier, stored } = await withSupplier();
    await expect(
      core.ctx.write(async () => {
        core.ctx.rows.patch('suppliers', supplier.uuid, { name: 'Changed' });
        throw new Error('abort');
      }),
    ).rejects.toThrow('abort');
    expect(stored()).toMatchObject({ name: 'Amina Njeri' });
  });
});
