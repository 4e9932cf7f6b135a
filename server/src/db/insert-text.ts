import { escape, escapeId } from 'mysql2';

/**
 * A multi-row INSERT as SQL text, every value escaped by mysql2 (as its own client-side formatting of `?` does).
 * For the push's large inserts (rows, audit, stored answers): building Kysely's node tree for thousands of values,
 * compiling it and having mysql2 scan the text for placeholders cost more than the statement's own work in
 * MySQL (docs/performance.md, "Server push"). Columns come from the code (the registry), never from a client.
 * A value may be `raw(…)` from mysql2 for an expression (an early batch's seq).
 */
export function insertText(table: string, columns: readonly string[], rows: readonly Record<string, unknown>[]) {
  const tuples = rows.map((row) => {
    let tuple = '(';
    for (let i = 0; i < columns.length; i++) tuple += (i ? ', ' : '') + literal(row, columns[i]!);
    return `${tuple})`;
  });
  return `insert into ${escapeId(table)} (${columns.map((c) => escapeId(c)).join(', ')}) values ${tuples.join(', ')}`;
}

/** The characters mysql2's escaping rewrites in a string. */
// eslint-disable-next-line no-control-regex -- the control characters are what it looks for
const ESCAPED = /[\0\b\t\n\r\x1a"'\\]/;

/**
 * A column's value as an SQL literal. Most values are plain strings or numbers: those are written directly (a
 * string with nothing to escape is quoted as it is, exactly as mysql2 would), the rest go to mysql2's escaping.
 * An object (other than raw SQL) would be escaped as `key = value` pairs, so it is refused.
 */
function literal(row: Record<string, unknown>, column: string): string {
  const v = row[column] ?? null;
  if (typeof v === 'string') return ESCAPED.test(v) ? escape(v) : `'${v}'`;
  if (typeof v === 'number') return escape(v);
  if (typeof v === 'object' && v !== null && typeof (v as { toSqlString?: unknown }).toSqlString !== 'function')
    throw new TypeError(`insertText: ${column} holds an object; store it as JSON text`);
  return escape(v as Parameters<typeof escape>[0]);
}
