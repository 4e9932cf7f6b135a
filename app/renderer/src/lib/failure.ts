import { ApiError } from './api';

/** How a stored field is named to a clerk ("quantity_milli" → "Quantity"). */
const LABELS: Record<string, string> = {
  quantity_milli: 'Quantity',
  amount_minor: 'Amount',
  rate_minor: 'Rate',
  supplier_uuid: 'Supplier',
  product_uuid: 'Product',
  collected_at: 'Date and time',
  paid_at: 'Date paid',
  effective_from: 'Effective from',
  serverUrl: 'Server address',
  companyName: 'Company name',
  companyAddress: 'Company address',
  selectiveSync: 'Records this desk receives',
  paperSize: 'Paper size',
};

function fieldLabel(field: string): string {
  const known = LABELS[field];
  if (known) return known;
  const words = field.replace(/_(uuid|minor|milli)$/, '').replace(/_/g, ' ');
  return words.charAt(0).toUpperCase() + words.slice(1);
}

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
