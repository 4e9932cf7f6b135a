import {
  formatQuantity,
  isEntityType,
  kindOfField,
  labelOfField,
  shapeOfEntity,
  type FieldKind,
} from '../../../../../shared';
import type { LocalConflict } from '../../../../../shared/ipc/types';

type Row = Record<string, unknown>;

/** One line of the side-by-side comparison. */
export interface CompareRow {
  field: string;
  /** The registry's label ("Amount"), never the column name. */
  label: string;
  kind: FieldKind | undefined;
  server: unknown;
  desk: unknown;
  differs: boolean;
  /**
   * Whether the supervisor decides it: a field a resolution may write (a void's fields and deleted_at
   * included). Computed fields (a collection's amount) follow from the others and fixed ones never change.
   */
  decides: boolean;
  /** Whether a value of one's own may be typed instead of picking a side. */
  editable: boolean;
}

const COLUMNS_THE_SYNC_KEEPS = new Set(['uuid', 'version', 'created_at', 'updated_at', 'created_by', 'updated_by']);

/**
 * Both sides of a conflict as whole rows. The server's is the row as this desk has it now (falling back to what
 * the server held); the desk's is that row with what the desk sent laid over it. What the desk sent was an edit
 * of a live row unless it says `deleted_at` (a delete), so its side of a deletion is "not deleted".
 */
export function sidesOf(conflict: LocalConflict): { server: Row; desk: Row } {
  const server = conflict.current ?? conflict.server_data;
  const sent = Object.fromEntries(Object.entries(conflict.client_data).filter(([k]) => !COLUMNS_THE_SYNC_KEEPS.has(k)));
  return { server, desk: { ...conflict.server_data, ...sent, deleted_at: conflict.client_data.deleted_at ?? null } };
}

function same(kind: FieldKind | undefined, a: unknown, b: unknown): boolean {
  const blank = (v: unknown) => v === null || v === undefined;
  if (blank(a) || blank(b)) return blank(a) && blank(b);
  if (kind === 'instant') return Date.parse(String(a)) === Date.parse(String(b));
  if (kind === 'boolean') return Boolean(a) === Boolean(b);
  return JSON.stringify(a) === JSON.stringify(b);
}

/** Every field of the entity (from the registry) and deleted_at, the ones that differ first. */
export function compareConflict(conflict: LocalConflict): CompareRow[] {
  if (!isEntityType(conflict.entity_type)) return [];
  const type = conflict.entity_type;
  const shape = shapeOfEntity(type);
  const { server, desk } = sidesOf(conflict);
  const rows = [...shape.fields, 'deleted_at'].map((field): CompareRow => {
    const kind = field === 'deleted_at' ? 'instant' : kindOfField(type, field);
    const decides = field === 'deleted_at' || shape.updatable.includes(field);
    return {
      field,
      label: labelOfField(type, field),
      kind,
      server: server[field] ?? null,
      desk: desk[field] ?? null,
      differs: !same(kind, server[field], desk[field]),
      decides,
      editable: decides && (kind === 'money' || kind === 'quantity' || kind === 'text'),
    };
  });
  return [...rows.filter((r) => r.differs), ...rows.filter((r) => !r.differs)];
}

export interface ShowOptions {
  money(minor: number): string;
  /** The organisation's zone: every date and time shows in it. */
  timeZone: string;
  locale?: string;
  /** Milliseconds too: two instants that differ within one second must not look the same. */
  precise?: boolean;
  /** The name of a referenced record ("Chebet Kirui (S-0100)"), when this desk has it. */
  nameOf?(uuid: string): string | undefined;
}

/** A value as people read it: money and quantities formatted, instants in the org's zone, never raw ISO. */
export function showValue(kind: FieldKind | undefined, value: unknown, options: ShowOptions): string {
  if (value === null || value === undefined || value === '') return '—';
  if (kind === 'money' && typeof value === 'number') return options.money(value);
  if (kind === 'quantity' && typeof value === 'number') return formatQuantity(value);
  if (kind === 'boolean') return value ? 'yes' : 'no';
  if (kind === 'instant' && typeof value === 'string' && !Number.isNaN(Date.parse(value))) {
    const format = new Intl.DateTimeFormat(options.locale, {
      dateStyle: 'medium',
      // Seconds: two desks' voids a minute apart must not look the same.
      timeStyle: 'medium',
      timeZone: options.timeZone,
    });
    const date = new Date(value);
    if (!options.precise) return format.format(date);
    return `${format.format(date)} (+${String(date.getUTCMilliseconds()).padStart(3, '0')} ms)`;
  }
  if (kind === 'enum' && typeof value === 'string') return value[0]!.toUpperCase() + value.slice(1);
  if (kind === 'ref' && typeof value === 'string') return options.nameOf?.(value) ?? `…${value.slice(-8)}`;
  return String(value);
}
