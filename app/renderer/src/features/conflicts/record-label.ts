import { entity, formatQuantity, isEntityType, receiptNumberOf } from '../../../../../shared';
import type { LocalConflict } from '../../../../../shared/ipc/types';
import { formatDay, type ClockOptions } from '../../lib/clock';

export interface LabelOptions extends ClockOptions {
  /** "Amina Njeri (S-0001)" for a supplier's or product's uuid, once looked up. */
  nameOf(uuid: string): string | undefined;
  money(minor: number): string;
  /** A product's unit ("kg"), to show a quantity with it. */
  unitOf?(productUuid: string): string | undefined;
}

type Labelled = Pick<LocalConflict, 'entity_type' | 'entity_uuid' | 'client_data' | 'server_data' | 'current'>;

/**
 * Which record a conflict is about, as a person finds it elsewhere in the app: a supplier by code and name, a
 * collection by day, supplier and product, a payment by receipt number, day, supplier and amount.
 */
export function recordLabel(conflict: Labelled, options: LabelOptions): string {
  // The freshest of the row's versions names it best; any side will do for a field the others lack.
  const row: Record<string, unknown> = {
    ...conflict.client_data,
    ...conflict.server_data,
    ...(conflict.current ?? {}),
  };
  return [
    capital(kindOf(conflict.entity_type)),
    ...namedBy(conflict.entity_type, conflict.entity_uuid, row, options),
  ].join(' · ');
}

interface Change {
  entity_type: string;
  entity_uuid: string;
  operation: string;
  payload: Record<string, unknown>;
}

/**
 * A change waiting to be sent (or refused) as people read it, named like a conflict's record from what the change
 * carries: "New collection · 21 Nov 2026 · Amina Njeri (S-0004) · Green tea leaf (TEA) · 25.4 kg", "Payment voided ·
 * receipt …". An update carries only its changed fields, so it may be named by less.
 */
export function changeLabel(change: Change, options: LabelOptions): string {
  const kind = kindOf(change.entity_type);
  const action =
    change.operation === 'create'
      ? `New ${kind}`
      : change.operation === 'delete'
        ? `${capital(kind)} deleted`
        : change.entity_type === 'payments' && change.payload.voided_at
          ? 'Payment voided'
          : `${capital(kind)} changed`;
  const parts = namedBy(change.entity_type, change.entity_uuid, change.payload, options);
  const quantity = change.payload.quantity_milli;
  if (change.entity_type === 'collections' && typeof quantity === 'number') {
    const product = change.payload.product_uuid;
    const unit = typeof product === 'string' ? options.unitOf?.(product) : undefined;
    parts.push(unit ? `${formatQuantity(quantity)} ${unit}` : formatQuantity(quantity));
  }
  return [action, ...parts].join(' · ');
}

function kindOf(type: string): string {
  return isEntityType(type) ? entity(type).label.one : type.replace(/_/g, ' ');
}

function capital(text: string): string {
  return `${text[0]!.toUpperCase()}${text.slice(1)}`;
}

/** The parts that name one record, from whichever of its fields are known; its uuid's tail when none are. */
function namedBy(type: string, uuid: string, row: Record<string, unknown>, options: LabelOptions): string[] {
  const text = (field: string) => (typeof row[field] === 'string' && row[field] !== '' ? (row[field] as string) : null);
  const ref = (field: string) => {
    const id = text(field);
    return id ? (options.nameOf(id) ?? `…${id.slice(-8)}`) : null;
  };
  const day = (field: string) => (text(field) ? formatDay(text(field), options) : null);
  const from = (field: string) => (text(field) ? `from ${text(field)}` : null);
  const money = (field: string) => (typeof row[field] === 'number' ? options.money(row[field]) : null);

  const parts = ((): (string | null)[] => {
    switch (type) {
      case 'collections':
        return [day('collected_at'), ref('supplier_uuid'), ref('product_uuid')];
      case 'payments':
        return [`receipt ${receiptNumberOf(uuid)}`, day('paid_at'), ref('supplier_uuid'), money('amount_minor')];
      case 'product_rates':
      case 'pricing_rules':
        return [ref('product_uuid'), from('effective_from')];
      case 'supplier_credits':
        return [ref('supplier_uuid'), text('description')];
      case 'settlement_lines':
        return [text('supplier_code'), text('supplier_name')];
      default:
        return [text('code'), text('name')];
    }
  })().filter((part): part is string => part !== null);
  return parts.length ? parts : [`…${uuid.slice(-8)}`];
}
