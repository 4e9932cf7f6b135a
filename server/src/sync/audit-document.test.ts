import { describe, expect, it } from 'vitest';
import { auditDocument } from './audit-document';

describe('a row as the audit keeps it', () => {
  it('keeps its fields, version and stamps, not its seq, per-field versions or clock stamp', () => {
    const row = {
      uuid: 'u1',
      version: 3,
      updated_at: '2026-11-29T10:00:00.000Z',
      name: 'Kiprono',
      seq: -4,
      field_versions: { name: 3 },
      last_hlc: '2026-11-29T10:00:00.000Z-0000-abc',
      notes: { seq: 'a nested value is data, kept' },
    };
    expect(JSON.parse(auditDocument(row))).toEqual({
      uuid: 'u1',
      version: 3,
      updated_at: '2026-11-29T10:00:00.000Z',
      name: 'Kiprono',
      notes: { seq: 'a nested value is data, kept' },
    });
    expect(row.seq).toBe(-4);
  });
});
