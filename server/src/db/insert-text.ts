import { escape, escapeId } from 'mysql2';

/**
 * A multi-row INSERT as SQL text, every value escaped as mysql2 escapes it (its client-side formatting of `?`), one
 * text built in one pass.
 * For the push's large inserts (rows, audit, stored answers): building Kysely's node tree for thousands of values,
 * compiling it and having mysql2 scan the text for placeholders cost more than the statement's own work in
 * MySQL (docs/performance.md, "Server push"). Columns come from the code (the registry), never from a client.
 * A value may be `raw(…)` from mysql2 for an expression (an early batch's seq).
 */
export function insertText(table: string, columns: readonly string[], rows: readonly Record<string, unknown>[]) {
  let text = `insert into ${escapeId(table)} (${columns.map((c) => escapeId(c)).join(', ')}) values `;
  for (let r = 0; r < rows.length; r++) {
    const row = rows[r]!;
    // No space after the commas: a push's inserts are ~2 % shorter for MySQL to receive and read.
    text += r ? ',(' : '(';
    for (let i = 0; i < columns.length; i++) text += (i ? ',' : '') + literal(row, columns[i]!);
    text += ')';
  }
  return text;
}

/**
 * The characters that need an escape inside single quotes. mysql2 also escapes `"`, which needs none there: JSON
 * documents (audit entries, stored answers) are full of them and went through its slower escaping.
 */
// eslint-disable-next-line no-control-regex -- the control characters are what it looks for
const ESCAPED = /[\0\b\t\n\r\x1a'\\]/;
// eslint-disable-next-line no-control-regex -- as above
const ESCAPED_ALL = /[\0\b\t\n\r\x1a'\\]/g;
/** What mysql2 writes for each of them. */
const ESCAPES: Record<string, string> = {
  '\0': '\\0',
  '\b': '\\b',
  '\t': '\\t',
  '\n': '\\n',
  '\r': '\\r',
  '\x1a': '\\Z',
  "'": "\\'",
  '\\': '\\\\',
};
const escapeOne = (c: string) => ESCAPES[c]!;

/**
 * A column's value as an SQL literal. Most values are plain strings or numbers: those are written directly (a
 * string with nothing to escape is quoted as it is, another with mysql2's escapes), the rest go to mysql2's escaping.
 * An object (other than raw SQL) would be escaped as `key = value` pairs, so it is refused.
 */
function literal(row: Record<string, unknown>, column: string): string {
  const v = row[column] ?? null;
  if (typeof v === 'string') return ESCAPED.test(v) ? `'${v.replace(ESCAPED_ALL, escapeOne)}'` : `'${v}'`;
  if (typeof v === 'number') return Number.isSafeInteger(v) ? String(v) : escape(v);
  if (typeof v === 'object' && v !== null && typeof (v as { toSqlString?: unknown }).toSqlString !== 'function')
    throw new TypeError(`insertText: ${column} holds an object; store it as JSON text`);
  return escape(v as Parameters<typeof escape>[0]);
}
