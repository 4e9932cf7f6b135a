/**
 * The request keys that carry one record's fields: an update's `patch`, a conflict resolution's `data`. The core and
 * the server name a refused field as the request names it ("patch.mobile_phone", "data.void_reason"); a form names
 * it as the record does ("mobile_phone"), so that is where its message belongs.
 */
const RECORD_ENVELOPES = new Set(['patch', 'data']);

/** A refused field's path as a form names it; the envelope itself (the whole record) is "_", said without a name. */
function fieldOnForm(path: string): string {
  const [head, ...rest] = path.split('.');
  if (!RECORD_ENVELOPES.has(head!)) return path;
  return rest.length ? rest.join('.') : '_';
}

/** Every refused field keyed as the form names it (the first message kept where two land on one field). */
export function formFields(fields: Record<string, string>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [path, problem] of Object.entries(fields)) out[fieldOnForm(path)] ??= problem;
  return out;
}
