import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MAX_PULL_LIMIT, newId } from '../../../shared';
import { op, pull, push, startHarness, type Harness } from '../../test/harness';

describe('pull pages for a desk catching up', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness();
  });
  afterAll(async () => h?.close());

  it('serves up to 5,000 rows a page when the desk says it is catching up, 1,000 otherwise', async () => {
    const supervisor = await h.desk('supervisor');
    for (let b = 0; b < 12; b++) {
      const batch = Array.from({ length: 100 }, () =>
        op('suppliers', 'create', { uuid: newId(), code: `CU-${newId().slice(-10)}`, name: 'Catch up' }),
      );
      await push(h, supervisor, batch);
    }
    const plain = await pull(h, supervisor, { entity_types: ['suppliers'], limit: 5000 });
    expect(plain.body.changes.suppliers).toHaveLength(MAX_PULL_LIMIT);
    const big = await pull(h, supervisor, { entity_types: ['suppliers'], limit: 5000, catch_up: true });
    expect(big.body.changes.suppliers).toHaveLength(1200);
    expect(big.body.has_more).toBe(false);
  });

  it('refuses a catch_up that is not a boolean, naming the field', async () => {
    const desk = await h.desk('clerk');
    const res = await pull(h, desk, { catch_up: 'yes' });
    expect(res.status).toBe(422);
    expect(JSON.stringify(res.body)).toContain('catch_up');
  });
});
