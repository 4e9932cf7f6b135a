import {
  fieldErrorsOf,
  formatHlc,
  kindOfField,
  resolutionDataSchema,
  type EntityType,
  type PushOp,
} from '../../../shared';
import { integrityProblems } from './op/integrity';
import { invalid, type OpEnv, type Refusal, type Values } from './op/env';
import { checkPermission } from './op/permission';
import { writeVersion } from './op/versioning';
import { RULES } from './rules';
import type { ServerRow } from './rows';

/** The resolution's data checked against the type's shared schema; problems named as `data.<field>`. */
export function parseResolutionData(type: EntityType, data: unknown): { ok: true; values: Values } | Refusal {
  const parsed = resolutionDataSchema(type).safeParse(data);
  if (parsed.success) return { ok: true, values: parsed.data };
  const fields = Object.fromEntries(
    Object.entries(fieldErrorsOf(parsed.error, data)).map(([f, m]) => [f === '_' ? 'data' : `data.${f}`, m]),
  );
  return invalid(fields);
}

/**
 * Writes a supervisor's chosen values as a new version of the row — always a new version, so every desk pulls
 * one agreed row — with the checks a push update meets: role (a restore is an update; setting deleted_at is a
 * delete, which payments never allow), the type's rules, references and codes, and its computed fields.
 */
export function applyResolution(
  env: OpEnv,
  type: EntityType,
  current: ServerRow,
  values: Values,
): { row: ServerRow } | Refusal {
  const deleting = !!values.deleted_at && !current.deleted_at;
  const op: PushOp = {
    entity_type: type,
    operation: deleting ? 'delete' : 'update',
    data: { ...values, uuid: current.uuid },
    changed_fields: Object.keys(values),
    client_timestamp: formatHlc({ wallMs: Date.parse(env.now), counter: 0, node: 'server' }),
  };
  const refusal =
    checkPermission(env.claims.role, op) ??
    RULES[type]?.checkUpdate?.(values, current) ??
    problemsOf(integrityProblems(env, type, current.uuid, values));
  if (refusal) return refusal;
  try {
    const written = writeVersion(env, op, current, values, { always: true });
    return 'row' in written ? written : { ...written, ...(written.fields ? problemsOf(written.fields) : {}) };
  } catch (error) {
    // Pricing refuses an amount past the safe range by throwing: that is this input's fault, never a 5xx.
    if (!(error instanceof RangeError)) throw error;
    const sized = Object.keys(values).filter((f) => ['money', 'quantity'].includes(kindOfField(type, f) ?? ''));
    return invalid(
      Object.fromEntries(
        (sized.length ? sized : ['data']).map((f) => [`data.${f}`, `is too large (${error.message})`]),
      ),
    );
  }
}

function problemsOf(problems: Record<string, string> | null): Refusal | null {
  return problems ? invalid(Object.fromEntries(Object.entries(problems).map(([f, m]) => [`data.${f}`, m]))) : null;
}
