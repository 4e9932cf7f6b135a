import { ApiError } from './api-error';
import { fieldLabel } from './field-label';

/** The banner when every problem is shown beside its field. */
export function pleaseCorrect(count: number): string {
  return count === 1 ? 'Please correct the highlighted field.' : 'Please correct the highlighted fields.';
}

/**
 * The banner above a form after a failed save. Problems with fields on the form are shown beside them, so the
 * banner only points there; anything else is said in words, never as a raw field name ("code: …").
 */
export function failureMessage(error: unknown, fieldsOnForm: readonly string[] = []): string {
  if (!(error instanceof ApiError) || Object.keys(error.fields).length === 0)
    return error instanceof Error ? error.message : String(error);
  const elsewhere = Object.entries(error.fields).filter(([field]) => !fieldsOnForm.includes(field));
  if (elsewhere.length === 0) return pleaseCorrect(Object.keys(error.fields).length);
  return elsewhere.map(([field, problem]) => (field === '_' ? problem : `${fieldLabel(field)} ${problem}`)).join('; ');
}
