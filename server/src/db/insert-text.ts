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
    for (let i = 0; i < columns.length; i++)
      tuple += (i ? ', ' : '') + escape(value(row, columns[i]!) as Parameters<typeof escape>[0]);
    return `${tuple})`;
  });
  return `insert into ${escapeId(table)} (${columns.map((c) => escapeId(c)).join(', ')}) values ${tuples.join(', ')}`;
}

/** A column's value; an object (other than raw SQL) would be escaped as `key = value` pairs, so it is refused. */
function value(row: Record<string, unknown>, column: string): unknown {
  const v = row[column] ?? null;
  if (typeof v === 'object' && v !== null && typeof (v as { toSqlString?: unknown }).toSqlString !== 'function')
    throw new TypeError(`insertText: ${column} holds an object; store it as JSON text`);
  return v;
}
