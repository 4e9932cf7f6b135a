/** MySQL DATETIME(3) ↔ ISO-8601 UTC. The pool runs with timezone 'Z', so stored values are UTC. */

export function toMysqlDateTime(iso: string | Date): string {
  if (iso === lastUtc) return lastDb;
  const date = typeof iso === 'string' ? new Date(iso) : iso;
  const db = date.toISOString().replace('T', ' ').replace('Z', '');
  // A text in UTC ("…Z") reads the same whatever the process's time zone: kept for the next call (a batch
  // writes its `now` twice in every row).
  if (typeof iso === 'string' && iso.endsWith('Z')) {
    lastUtc = iso;
    lastDb = db;
  }
  return db;
}

let lastUtc: string | null = null;
let lastDb = '';

export function fromMysqlDateTime(value: string | null): string | null {
  if (value === null) return null;
  return `${value.replace(' ', 'T')}${value.length === 19 ? '.000' : ''}Z`;
}
