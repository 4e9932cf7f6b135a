import {
  fieldErrorsOf,
  formatHlc,
  kindOfField,
  resolutionDataSchema,
  type DateWindow,
  type EntityType,
  type PushOp,
} from '../../../shared';
import { integrityProblems } from './op/integrity';
import { guardOp } from './op/guard';
import { invalid, type OpEnv, type Refusal, type Values } from './op/env';
import { checkPermission } from './op/permission';
import { writeVersion } from './op/versioning';
import { RULES } from './rules';
import type { ServerRow } from './rows';

/**
 * The resolution's data checked as a pushed update of those fields would be (the push guard: strings the database
 * would alter, the date window, nesting), then against the type's shared schema; problems named as `data.<field>`.
 */
export function parseResolutionData(
  type: EntityType,
  uuid: string,
  data: Record<string, unknown>,
  window: DateWindow,
): { ok: true; values: Values } | Refusal {
  const guarded = guardOp(
    { entity_type: type, operation: 'update', data: { ...data, uuid }, changed_fields: Object.keys(data) },
    window,
  );
  // Nested too deeply: nothing else may walk it.
  if (guarded?.fields?.data) return invalid(underData(guarded.fields), guarded.message);
  const parsed = resolutionDataSchema(type).safeParse(data);
  if (parsed.success && !guarded) return { ok: true, values: parsed.data };
  return invalid({
    ...(parsed.success ? {} : underData(fieldErrorsOf(parsed.error, data))),
    ...underData(guarded?.fields ?? {}),
  });
}

/** Field problems named as the request names them: `data.<field>`, or `data` for the whole. */
function underData(fields: Record<string, string>): Record<string, string> {
  const whole = new Set(['_', 'data', 'uuid', 'changed_fields']);
  return Object.fromEntries(Object.entries(fields).map(([f, m]) => [whole.has(f) ? 'data' : `data.${f}`, m]));
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
