/**
 * A row as the audit keeps it: its fields, version and stamps, without the sync bookkeeping (its seq, per-field
 * versions and clock stamp). Without the seq an entry can be written before a push batch takes the sequence lock
 * (docs/performance.md, "Server push"); the per-field versions were a third of every entry's bytes.
 */
export function auditDocument(row: Record<string, unknown>): string {
  const { seq: _seq, field_versions: _versions, last_hlc: _hlc, ...kept } = row;
  return JSON.stringify(kept);
}
