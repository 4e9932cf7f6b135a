import { formatHlc, newId } from '../../shared';

/** The push tests' clock: ops are stamped from here on, one millisecond apart. */
const OP_CLOCK_MS = Date.parse('2026-11-20T07:45:03.120Z');

/** A supplier created on a desk, as its outbox sends it (the whole row; bench P1's op). */
export function supplierCreateOp(i: number, user: string, withOpId = true) {
  const at = new Date(OP_CLOCK_MS + i).toISOString();
  return {
    ...(withOpId ? { op_id: newId() } : {}),
    entity_type: 'suppliers',
    operation: 'create',
    data: {
      uuid: newId(),
      version: 0,
      created_at: at,
      updated_at: at,
      deleted_at: null,
      created_by: user,
      updated_by: user,
      code: `S-${i}`,
      name: `Supplier ${i}`,
      phone: '0712 345 678',
      address: 'Box 12, Kericho',
      region: 'Kericho',
      notes: '',
      active: true,
      payout_method: 'none',
      bank_account_name: '',
      bank_account_number: '',
      bank_code: '',
      mobile_phone: '',
      route_uuid: null,
      centre_uuid: null,
    },
    client_timestamp: formatHlc({ wallMs: OP_CLOCK_MS + i, counter: 0, node: 'desk1' }),
  };
}
