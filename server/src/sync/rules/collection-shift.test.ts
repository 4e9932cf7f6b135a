import { describe, expect, it } from 'vitest';
import type { PushOp } from '../../../../shared';
import { shiftWindows } from './collection-shift';

const H = 3_600_000;
const at = (supplier: string, iso: string) =>
  ({ entity_type: 'collections', operation: 'create', data: { supplier_uuid: supplier, collected_at: iso } }) as PushOp;

describe('shiftWindows', () => {
  it('merges overlapping windows of one supplier and keeps suppliers apart', () => {
    const windows = shiftWindows([
      at('a', '2026-11-20T07:00:00Z'),
      at('a', '2026-11-21T07:00:00Z'),
      at('b', '2026-11-20T07:00:00Z'),
      at('a', '2026-12-20T07:00:00Z'),
    ]);
    const t = (iso: string) => Date.parse(iso);
    expect(windows).toEqual([
      { supplier: 'a', from: t('2026-11-20T07:00:00Z') - 36 * H, to: t('2026-11-21T07:00:00Z') + 36 * H },
      { supplier: 'a', from: t('2026-12-20T07:00:00Z') - 36 * H, to: t('2026-12-20T07:00:00Z') + 36 * H },
      { supplier: 'b', from: t('2026-11-20T07:00:00Z') - 36 * H, to: t('2026-11-20T07:00:00Z') + 36 * H },
    ]);
  });

  it('skips ops without a supplier or a readable time', () => {
    expect(shiftWindows([at('a', 'not a date'), { entity_type: 'collections', data: {} } as PushOp])).toEqual([]);
  });
});
