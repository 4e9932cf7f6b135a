import type { WireRow } from '../../../../shared';

/**
 * A written row as the values that differ from what the op sent (answer form `changes`): its uuid and version
 * always; any other column the op left out, or sent with another value (a stamp the server set, a value it
 * normalised or computed, a field another desk changed). A value that is not a string, number, boolean or null
 * counts as changed. The desk lays these over the data it sent and has the row (docs/protocol.md, "Push").
 */
export function changesOf(sent: Readonly<Record<string, unknown>>, row: WireRow): WireRow {
  const changes: WireRow = { uuid: row.uuid, version: row.version };
  for (const key in row) {
    if (key === 'uuid' || key === 'version') continue;
    const value = row[key];
    if (!Object.hasOwn(sent, key) || !samePlainValue(sent[key], value)) changes[key] = value;
  }
  return changes;
}

function samePlainValue(a: unknown, b: unknown): boolean {
  if (a === null || typeof a === 'string' || typeof a === 'number' || typeof a === 'boolean') return a === b;
  return false;
}
