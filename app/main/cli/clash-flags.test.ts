import { describe, expect, it } from 'vitest';
import type { CodeClash } from '../../../shared/ipc/types';
import { clashDecisions } from './clash-flags';

const clash = (code: string, suggested: CodeClash['suggested'], n: number): CodeClash => ({
  entity_type: 'suppliers',
  code,
  local_uuid: `00000000-0000-4000-8000-00000000000${n}`,
  local_name: 'Here',
  server_uuid: `10000000-0000-4000-8000-00000000000${n}`,
  server_name: 'There',
  server_row: { uuid: `10000000-0000-4000-8000-00000000000${n}`, version: 1 },
  moves: { collections: 0, payments: 0 },
  local_pricing: { rates: 0, rules: 0, priced_by_rule: 0 },
  suggested,
});

describe('clashDecisions', () => {
  const same = clash('S-1', 'merge', 1);
  const differs = clash('S-2', 'recode', 2);

  it('--map merges only the clashes whose names match; one whose name differs stays undecided', () => {
    expect(clashDecisions([same, differs], { map: true, merge: [], recode: [] })).toEqual([
      { local_uuid: same.local_uuid, action: 'merge' },
    ]);
  });

  it('--merge and --recode decide a clash by its code, whatever its case', () => {
    expect(clashDecisions([same, differs], { map: false, merge: ['s-1'], recode: ['s-2=S-22'] })).toEqual([
      { local_uuid: same.local_uuid, action: 'merge' },
      { local_uuid: differs.local_uuid, action: 'recode', code: 'S-22' },
    ]);
  });
});
