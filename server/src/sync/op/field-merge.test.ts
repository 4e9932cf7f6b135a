import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_POLICY, formatHlc, newId } from '../../../../shared';
import { op, push, seedReference, startHarness, type Harness } from '../../../test/harness';

/** Field merge first, policy second: only the fields both sides changed go to the conflict policy. */
describe('field merge before the conflict policy', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness();
  });
  afterAll(async () => h?.close());

  it("keeps a desk's notes when another desk changed the phone too (server_wins settles only the phone)", async () => {
    const { supplier } = await seedReference(h);
    const [a, b] = [await h.desk('clerk'), await h.desk('clerk')];
    await push(h, a, [
      op('suppliers', 'update', { uuid: supplier.uuid, version: 1, phone: 'A' }, { changed_fields: ['phone'] }),
    ]);
    const res = await push(h, b, [
      op(
        'suppliers',
        'update',
        { uuid: supplier.uuid, version: 1, phone: 'B', notes: 'gate code 42' },
        { changed_fields: ['phone', 'notes'] },
      ),
    ]);
    expect(res.body.results.conflicts[0]).toMatchObject({
      type: 'concurrent',
      resolution: 'server_wins',
      entity: { phone: 'A', notes: 'gate code 42', version: 3 },
    });
  });

  it('applies the other fields of a money edit and leaves only the overlapping one for the supervisor', async () => {
    const { supplier } = await seedReference(h);
    const [a, b] = [await h.desk('clerk'), await h.desk('clerk')];
    const payment = {
      uuid: newId(),
      supplier_uuid: supplier.uuid,
      amount_minor: 50000,
      type: 'advance',
      method: 'cash',
    };
    await push(h, a, [op('payments', 'create', payment)]);
    await push(h, a, [
      op(
        'payments',
        'update',
        { uuid: payment.uuid, version: 1, amount_minor: 45000, reference: 'A-REF' },
        { changed_fields: ['amount_minor', 'reference'] },
      ),
    ]);
    const res = await push(h, b, [
      op(
        'payments',
        'update',
        { uuid: payment.uuid, version: 1, amount_minor: 55000, notes: 'B note' },
        { changed_fields: ['amount_minor', 'notes'] },
      ),
    ]);
    const conflict = res.body.results.conflicts[0];
    expect(conflict).toMatchObject({
      resolution: 'manual',
      server_version: 3,
      entity: { amount_minor: 45000, reference: 'A-REF', notes: 'B note', version: 3 },
    });
  });
});

const stamp = (agoMs: number, node: string) => formatHlc({ wallMs: Date.now() + agoMs, counter: 0, node });

describe('field merge under last_write_wins', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness({ conflictPolicy: { ...DEFAULT_POLICY, suppliers: 'last_write_wins' } });
  });
  afterAll(async () => h?.close());

  it("keeps the losing desk's other fields when the later stamp wins the overlapping one", async () => {
    const { supplier } = await seedReference(h);
    const [a, b] = [await h.desk('clerk'), await h.desk('clerk')];
    await push(h, a, [
      op(
        'suppliers',
        'update',
        { uuid: supplier.uuid, version: 1, phone: 'A', region: 'Kericho' },
        { changed_fields: ['phone', 'region'], client_timestamp: stamp(-30_000, 'deskA') },
      ),
    ]);
    const res = await push(h, b, [
      op(
        'suppliers',
        'update',
        { uuid: supplier.uuid, version: 1, phone: 'B', notes: 'B note' },
        { changed_fields: ['phone', 'notes'], client_timestamp: stamp(-60_000, 'deskB') },
      ),
    ]);
    expect(res.body.results.conflicts[0].entity).toMatchObject({ phone: 'A', region: 'Kericho', notes: 'B note' });
  });
});
