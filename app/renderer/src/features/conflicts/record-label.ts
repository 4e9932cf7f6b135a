import { entity, isEntityType, receiptNumberOf } from '../../../../../shared';
import type { LocalConflict } from '../../../../../shared/ipc/types';
import { formatDay, type ClockOptions } from '../../lib/clock';

export interface LabelOptions extends ClockOptions {
  /** "Amina Njeri (S-0001)" for a supplier's or product's uuid, once looked up. */
  nameOf(uuid: string): string | undefined;
  money(minor: number): string;
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
  const text = (field: string) => (typeof row[field] === 'string' && row[field] !== '' ? (row[field] as string) : null);
  const ref = (field: string) => {
    const uuid = text(field);
    return uuid ? (options.nameOf(uuid) ?? `…${uuid.slice(-8)}`) : null;
  };
  const day = (field: string) => (text(field) ? formatDay(text(field), options) : null);
  const from = (field: string) => (text(field) ? `from ${text(field)}` : null);
  const money = (field: string) => (typeof row[field] === 'number' ? options.money(row[field]) : null);

  const parts = ((): (string | null)[] => {
    switch (conflict.entity_type) {
      case 'collections':
        return [day('collected_at'), ref('supplier_uuid'), ref('product_uuid')];
      case 'payments':
        return [
          `receipt ${receiptNumberOf(conflict.entity_uuid)}`,
          day('paid_at'),
          ref('supplier_uuid'),
          money('amount_minor'),
        ];
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
  const kind = isEntityType(conflict.entity_type)
    ? entity(conflict.entity_type).label.one
    : conflict.entity_type.replace(/_/g, ' ');
  const what = parts.length ? parts : [`…${conflict.entity_uuid.slice(-8)}`];
  return `${kind[0]!.toUpperCase()}${kind.slice(1)} · ${what.join(' · ')}`;
}
