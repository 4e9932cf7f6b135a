import { entity, ENTITY_TYPES, isEntityType, labelOfField } from '../../../../shared/domain';

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

/** A field of a record the server refused, by the label its entity declares ("mobile_phone" → "Mobile money number"). */
export function recordFieldLabel(entityType: string, field: string): string {
  return isEntityType(entityType) ? labelOfField(entityType, field) : fieldLabel(field);
}

export function fieldLabel(field: string): string {
  const known = LABELS[field] ?? declaredLabel(field);
  if (known) return known;
  const words = field.replace(/_(uuid|minor|milli)$/, '').replace(/_/g, ' ');
  return words.charAt(0).toUpperCase() + words.slice(1);
}

/** The label a record type declares for the field ("mobile_phone" → "Mobile money number"), where one does. */
function declaredLabel(field: string): string | undefined {
  for (const type of ENTITY_TYPES) {
    const spec = (entity(type).fields as Record<string, { label?: string } | undefined>)[field];
    if (spec?.label) return spec.label;
  }
  return undefined;
}
