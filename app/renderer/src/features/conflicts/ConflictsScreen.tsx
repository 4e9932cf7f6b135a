import { failureMessage } from '../../lib/failure';
import { useState } from 'react';
import {
  can,
  CONFLICT_FILTERS,
  formatQuantity,
  isEntityType,
  kindOfField,
  parseMoney,
  parseQuantity,
  shapeOfEntity,
  type ConflictFilter,
  type FieldKind,
} from '../../../../../shared';
import type { LocalConflict } from '../../../../../shared/ipc/types';
import { FormMessage } from '../../components/Field';
import { call, useQuery } from '../../lib/api';
import { formatWhen, useApp } from '../../lib/settings';

type Filter = ConflictFilter;
type Choice = { from: 'server' | 'desk' | 'edit'; edit: string };

/** The fields a supervisor chooses between: those a user's edit may change, as the registry lists them. */
function fieldsOf(conflict: LocalConflict): string[] {
  return isEntityType(conflict.entity_type) ? [...shapeOfEntity(conflict.entity_type).patchable] : [];
}

function kindOf(conflict: LocalConflict, field: string): FieldKind | undefined {
  return isEntityType(conflict.entity_type) ? kindOfField(conflict.entity_type, field) : undefined;
}

/** The supervisor's conflict screen: both versions side by side, differences marked, pick per field or edit. */
export function ConflictsScreen() {
  const { money, session } = useApp();
  const [filter, setFilter] = useState<Filter>('open');
  const list = useQuery('conflicts.list', { status: filter });
  const [selected, setSelected] = useState<string | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const conflict = list.data?.find((c) => c.conflict_id === selected) ?? null;
  const supervisor = can(session?.user?.role, 'conflicts.resolve');

  const show = (kind: FieldKind | undefined, value: unknown): string => {
    if (value === null || value === undefined || value === '') return '—';
    if (typeof value === 'number' && kind === 'money') return money(value);
    if (typeof value === 'number' && kind === 'quantity') return formatQuantity(value);
    if (typeof value === 'boolean') return value ? 'yes' : 'no';
    return String(value);
  };

  return (
    <section>
      <h1>Conflicts</h1>
      <div className="row" role="tablist" aria-label="Filter conflicts">
        {CONFLICT_FILTERS.map((f) => (
          <button
            key={f}
            type="button"
            role="tab"
            aria-selected={filter === f}
            className={filter === f ? '' : 'secondary'}
            onClick={() => setFilter(f)}
          >
            {f === 'auto' ? 'Settled automatically' : f[0]!.toUpperCase() + f.slice(1)}
          </button>
        ))}
      </div>
      {!supervisor ? (
        <p className="muted">Conflicts on money wait for a supervisor; you can see them here but not resolve them.</p>
      ) : null}
      <table className="table" aria-label="Conflicts">
        <thead>
          <tr>
            <th>Found</th>
            <th>Record</th>
            <th>Kind</th>
            <th>Policy</th>
            <th>Status</th>
          </tr>
        </thead>
        <tbody>
          {(list.data ?? []).map((c) => (
            <tr key={c.conflict_id} className={c.conflict_id === selected ? 'selected' : ''}>
              <td>{formatWhen(c.created_at)}</td>
              <td>
                <button type="button" className="link" onClick={() => setSelected(c.conflict_id)}>
                  {c.entity_type.replace('_', ' ')}{' '}
                  {String(c.server_data.code ?? c.server_data.reference ?? c.entity_uuid.slice(-8))}
                </button>
              </td>
              <td>{c.type}</td>
              <td>{c.resolution.replace(/_/g, ' ')}</td>
              <td data-testid={`conflict-status-${c.conflict_id}`}>
                {c.status === 'open'
                  ? 'awaiting supervisor'
                  : c.status === 'resolved'
                    ? `resolved by ${c.resolved_by ?? 'a supervisor'}, ${formatWhen(c.resolved_at)}`
                    : 'settled automatically'}
              </td>
            </tr>
          ))}
          {list.data?.length === 0 ? (
            <tr>
              <td colSpan={5} className="muted">
                No conflicts here.
              </td>
            </tr>
          ) : null}
        </tbody>
      </table>
      {notice ? (
        <p className="ok" role="status">
          {notice}
        </p>
      ) : null}
      {conflict ? (
        <ConflictDetail
          key={conflict.conflict_id}
          conflict={conflict}
          supervisor={supervisor}
          show={show}
          onDone={(message) => {
            setNotice(message ?? null);
            list.reload();
          }}
        />
      ) : null}
    </section>
  );
}

function ConflictDetail({
  conflict,
  supervisor,
  show,
  onDone,
}: {
  conflict: LocalConflict;
  supervisor: boolean;
  show(kind: FieldKind | undefined, value: unknown): string;
  onDone(message?: string): void;
}) {
  const { settings } = useApp();
  const server = conflict.current ?? conflict.server_data;
  const desk = {
    ...conflict.server_data,
    ...Object.fromEntries(Object.entries(conflict.client_data).filter(([k]) => k !== 'version' && k !== 'uuid')),
  };
  const fields = fieldsOf(conflict);
  const differing = fields.filter((f) => JSON.stringify(server[f] ?? null) !== JSON.stringify(desk[f] ?? null));
  const [choices, setChoices] = useState<Record<string, Choice>>(() =>
    Object.fromEntries(differing.map((f) => [f, { from: 'server', edit: '' }])),
  );
  const [note, setNote] = useState('');
  const [message, setMessage] = useState<string | null>(null);

  function valueOf(field: string): { ok: true; value: unknown } | { ok: false; error: string } {
    const choice = choices[field]!;
    if (choice.from === 'server') return { ok: true, value: server[field] };
    if (choice.from === 'desk') return { ok: true, value: desk[field] };
    const kind = kindOf(conflict, field);
    if (kind === 'money') {
      const parsed = parseMoney(choice.edit, settings?.currency ?? 'USD', field);
      return parsed.ok ? { ok: true, value: parsed.value } : { ok: false, error: parsed.error };
    }
    if (kind === 'quantity') {
      const parsed = parseQuantity(choice.edit, field);
      return parsed.ok ? { ok: true, value: parsed.value } : { ok: false, error: parsed.error };
    }
    return { ok: true, value: choice.edit };
  }

  async function save(all?: 'desk') {
    const data: Record<string, unknown> = {};
    for (const field of differing) {
      const result = all === 'desk' ? { ok: true as const, value: desk[field] } : valueOf(field);
      if (!result.ok) return setMessage(result.error);
      if (JSON.stringify(result.value) !== JSON.stringify(server[field])) data[field] = result.value;
    }
    try {
      await call('conflicts.resolve', {
        conflict_id: conflict.conflict_id,
        data,
        base_version: Number(server.version ?? 0),
        ...(note.trim() ? { note: note.trim() } : {}),
      });
      setMessage(null);
      onDone('Resolved: the chosen values are a new version that every desk will receive.');
    } catch (error) {
      setMessage(failureMessage(error));
    }
  }

  const editable = supervisor && conflict.status !== 'resolved';
  return (
    <div className="card conflict-detail" aria-label="Conflict detail">
      <h2>
        {conflict.type} conflict on {conflict.entity_type.replace('_', ' ')} · {conflict.resolution.replace(/_/g, ' ')}
      </h2>
      {conflict.status === 'resolved' ? (
        <p className="ok">
          Resolved {formatWhen(conflict.resolved_at)}
          {conflict.resolved_by ? ` by ${conflict.resolved_by}` : ''}
          {conflict.note ? ` — ${conflict.note}` : ''}
        </p>
      ) : null}
      <table className="table compare" aria-label="Versions side by side">
        <thead>
          <tr>
            <th>Field</th>
            <th>Server version</th>
            <th>This desk’s version</th>
            {editable ? <th>Keep</th> : null}
          </tr>
        </thead>
        <tbody>
          {fields.map((field) => {
            const differs = differing.includes(field);
            const choice = choices[field];
            return (
              <tr key={field} className={differs ? 'diff' : ''}>
                <th scope="row">{field}</th>
                <td>{show(kindOf(conflict, field), server[field])}</td>
                <td>{show(kindOf(conflict, field), desk[field])}</td>
                {editable ? (
                  <td>
                    {differs && choice ? (
                      <div className="row">
                        {(['server', 'desk', 'edit'] as const).map((from) => (
                          <label key={from} className="check">
                            <input
                              type="radio"
                              name={`keep-${field}`}
                              checked={choice.from === from}
                              onChange={() => setChoices({ ...choices, [field]: { ...choice, from } })}
                              aria-label={`${field}: ${from}`}
                            />
                            {from === 'server' ? 'server' : from === 'desk' ? 'desk' : 'edit'}
                          </label>
                        ))}
                        {choice.from === 'edit' ? (
                          <input
                            aria-label={`${field} value`}
                            value={choice.edit}
                            onChange={(e) => setChoices({ ...choices, [field]: { ...choice, edit: e.target.value } })}
                          />
                        ) : null}
                      </div>
                    ) : null}
                  </td>
                ) : null}
              </tr>
            );
          })}
        </tbody>
      </table>
      {editable ? (
        <>
          <div className="field">
            <label htmlFor="conflict-note">Note</label>
            <input
              id="conflict-note"
              value={note}
              onChange={(e) => setNote(e.target.value)}
              placeholder="Why this choice (kept with the conflict)"
            />
          </div>
          <FormMessage message={message} />
          <div className="row">
            <button type="button" onClick={() => void save()}>
              Save resolution
            </button>
            {conflict.status === 'auto' ? (
              <>
                <button type="button" className="secondary" onClick={() => void save('desk')}>
                  Restore this desk’s version
                </button>
                <button
                  type="button"
                  className="secondary"
                  onClick={() =>
                    void call('conflicts.reopen', { conflict_id: conflict.conflict_id }).then(
                      () => onDone('Reopened.'),
                      (e: Error) => setMessage(failureMessage(e)),
                    )
                  }
                >
                  Reopen
                </button>
              </>
            ) : null}
          </div>
        </>
      ) : conflict.status === 'open' ? (
        <p className="warn">Awaiting supervisor.</p>
      ) : null}
    </div>
  );
}
