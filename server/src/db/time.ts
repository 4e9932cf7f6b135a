/** MySQL DATETIME(3) ↔ ISO-8601 UTC. The pool runs with timezone 'Z', so stored values are UTC. */

export function toMysqlDateTime(iso: string | Date): string {
  const date = typeof iso === 'string' ? new Date(iso) : iso;
  return date.toISOString().replace('T', ' ').replace('Z', '');
}

export function fromMysqlDateTime(value: string | null): string | null {
  if (value === null) return null;
  return `${value.replace(' ', 'T')}${value.length === 19 ? '.000' : ''}Z`;
}
