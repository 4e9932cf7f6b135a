import { failureMessage } from '../../lib/failure';
import { useEffect, useState } from 'react';
import { can, CONFLICT_FILTERS, parseMoney, parseQuantity, type ConflictFilter } from '../../../../../shared';
import type { LocalConflict } from '../../../../../shared/ipc/types';
import { FormMessage } from '../../components/Field';
import { ApiError, call, onEvent, useQuery } from '../../lib/api';
import { useApp } from '../../lib/settings';
import { compareConflict, showValue, sidesOf, type CompareRow } from './compare';
import { recordLabel } from './record-label';
import { useRefNames } from './ref-names';

type Filter = ConflictFilter;
type Choice = { from: 'server' | 'desk' | 'edit'; edit: string };

/** The supervisor's conflict screen: both versions side by side, differences marked, pick per field or edit. */
export function ConflictsScreen() {
  const { session, settings, money, when } = useApp();
  const [filter, setFilter] = useState<Filter>('open');
  const list = useQuery('conflicts.list', { status: filter });
  const names = useRefNames(refsOf(list.data ?? []));
  const labelOptions = {
    money,
    timeZone: session?.orgTimeZone,
    locale: settings?.locale,
    nameOf: (uuid: string) => names[uuid],
  };
  // A manual conflict changes no record, so no data.changed tells of it: the live channel's notice does.
  useEffect(() => onEvent('conflicts.new', list.reload), [list.reload]);
  const [selected, setSelected] = useState<string | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const conflict = list.data?.find((c) => c.conflict_id === selected) ?? null;
  const supervisor = can(session?.user?.role, 'conflicts.resolve');

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
              <td>{when(c.created_at)}</td>
              <td>
                <button
                  type="button"
                  className="link"
                  onClick={() => {
                    setSelected(c.conflict_id);
                    setNotice(null);
                  }}
                >
                  {recordLabel(c, labelOptions)}
                </button>
              </td>
              <td>{c.type}</td>
              <td>{c.resolution.replace(/_/g, ' ')}</td>
              <td data-testid={`conflict-status-${c.conflict_id}`}>
                {c.status === 'open'
                  ? 'awaiting supervisor'
                  : c.status === 'resolved'
                    ? `resolved by ${c.resolved_by ?? 'a supervisor'}, ${when(c.resolved_at)}`
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
  onDone,
}: {
  conflict: LocalConflict;
  supervisor: boolean;
  onDone(message?: string): void;
}) {
  const { settings, money, session, when } = useApp();
  const rows = compareConflict(conflict);
  const toDecide = rows.filter((r) => r.differs && r.decides);
  const { server } = sidesOf(conflict);
  const [choices, setChoices] = useState<Record<string, Choice>>({});
  const [missing, setMissing] = useState<Record<string, string>>({});
  const [note, setNote] = useState('');
  const [message, setMessage] = useState<string | null>(null);
  const names = useRefNames(rows.filter((r) => r.kind === 'ref').flatMap((r) => [r.server, r.desk]));
  const showOptions = {
    money,
    timeZone: session?.orgTimeZone ?? 'UTC',
    locale: settings?.locale,
    nameOf: (uuid: string) => names[uuid],
  };
  /** Both sides as people read them; to the millisecond where they would otherwise look the same. */
  const shown = (row: CompareRow) => {
    const [server, desk] = [showValue(row.kind, row.server, showOptions), showValue(row.kind, row.desk, showOptions)];
    if (!row.differs || server !== desk) return [server, desk];
    const precise = { ...showOptions, precise: true };
    return [showValue(row.kind, row.server, precise), showValue(row.kind, row.desk, precise)];
  };

  function valueOf(row: CompareRow, choice: Choice): { ok: true; value: unknown } | { ok: false; error: string } {
    if (choice.from === 'server') return { ok: true, value: row.server };
    if (choice.from === 'desk') return { ok: true, value: row.desk };
    if (row.kind === 'money') {
      const parsed = parseMoney(choice.edit, settings?.currency ?? 'USD', row.label);
      return parsed.ok ? { ok: true, value: parsed.value } : { ok: false, error: parsed.error };
    }
    if (row.kind === 'quantity') {
      const parsed = parseQuantity(choice.edit, row.label);
      return parsed.ok ? { ok: true, value: parsed.value } : { ok: false, error: parsed.error };
    }
    return { ok: true, value: choice.edit };
  }

  async function send(action: 'apply' | 'close', data: Record<string, unknown>) {
    try {
      const entity = await call('conflicts.resolve', {
        conflict_id: conflict.conflict_id,
        action,
        data,
        base_version: Number(server.version ?? 0),
        ...(note.trim() ? { note: note.trim() } : {}),
      });
      setMessage(null);
      onDone(
        action === 'close'
          ? 'Closed: the record stays as it is.'
          : `Resolved: the chosen values are version ${String(entity.version)}, which every desk receives.`,
      );
    } catch (error) {
      // A value the server refuses is marked on its row, in words ("Void reason must be…"), like a missing choice.
      const refused = error instanceof ApiError ? error.fields : {};
      const onRows = rows.filter((r) => refused[r.field]);
      setMissing(Object.fromEntries(onRows.map((r) => [r.field, `${r.label} ${refused[r.field]!}`])));
      setMessage(
        failureMessage(
          error,
          onRows.map((r) => r.field),
        ),
      );
    }
  }

  /** Every differing field needs a decision; the first one missing gets the focus and a message beside it. */
  async function save() {
    const problems: Record<string, string> = {};
    const data: Record<string, unknown> = {};
    for (const row of toDecide) {
      const choice = choices[row.field];
      if (!choice) {
        problems[row.field] = 'Choose which value to keep';
        continue;
      }
      const result = valueOf(row, choice);
      if (result.ok) data[row.field] = result.value;
      else problems[row.field] = result.error;
    }
    setMissing(problems);
    const first = toDecide.find((r) => problems[r.field]);
    if (first) {
      document.querySelector<HTMLInputElement>(`input[name="keep-${first.field}"]`)?.focus();
      return setMessage(`Decide ${Object.keys(problems).length === 1 ? 'the field' : 'each field'} marked below.`);
    }
    await send('apply', data);
  }

  const deskData = () => Object.fromEntries(toDecide.map((r) => [r.field, r.desk]));
  const choose = (field: string, choice: Choice) => {
    setChoices({ ...choices, [field]: choice });
    if (!missing[field]) return;
    const rest = Object.fromEntries(Object.entries(missing).filter(([f]) => f !== field));
    setMissing(rest);
    if (Object.keys(rest).length === 0) setMessage(null);
  };
  const editable = supervisor && conflict.status !== 'resolved';
  const deleted = conflict.type === 'deleted';
  return (
    <div className="card conflict-detail" aria-label="Conflict detail">
      <h2>
        {conflict.type} conflict on {conflict.entity_type.replace('_', ' ')} · {conflict.resolution.replace(/_/g, ' ')}
      </h2>
      {conflict.status === 'resolved' ? (
        <p className="ok">
          Resolved {when(conflict.resolved_at)}
          {conflict.resolved_by ? ` by ${conflict.resolved_by}` : ''}
          {conflict.note ? ` — ${conflict.note}` : ''}
        </p>
      ) : null}
      <p className="muted">
        {toDecide.length
          ? `${toDecide.length} ${toDecide.length === 1 ? 'field differs' : 'fields differ'}; they come first.`
          : 'No field you can choose differs.'}
      </p>
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
          {rows.map((row) => {
            const choice = choices[row.field];
            const problem = missing[row.field];
            const errorId = `keep-${row.field}-error`;
            return (
              <tr key={row.field} className={row.differs ? 'diff' : ''} data-field={row.field}>
                <th scope="row">{row.label}</th>
                <td>{shown(row)[0]}</td>
                <td>{shown(row)[1]}</td>
                {editable ? (
                  <td>
                    {row.differs && row.decides ? (
                      <div
                        className={`row${problem ? ' field--error' : ''}`}
                        role="radiogroup"
                        aria-label={`Keep which ${row.label}`}
                        aria-invalid={Boolean(problem)}
                        aria-describedby={problem ? errorId : undefined}
                      >
                        {(['server', 'desk', ...(row.editable ? ['edit' as const] : [])] as const).map((from) => (
                          <label key={from} className="check">
                            <input
                              type="radio"
                              name={`keep-${row.field}`}
                              checked={choice?.from === from}
                              onChange={() => choose(row.field, { from, edit: choice?.edit ?? '' })}
                              aria-label={`${row.label}: ${from}`}
                            />
                            {from}
                          </label>
                        ))}
                        {choice?.from === 'edit' ? (
                          <input
                            aria-label={`${row.label} value`}
                            value={choice.edit}
                            onChange={(e) => choose(row.field, { ...choice, edit: e.target.value })}
                          />
                        ) : null}
                        {problem ? (
                          <span className="field__error" id={errorId} role="alert">
                            {problem}
                          </span>
                        ) : null}
                      </div>
                    ) : row.differs ? (
                      <span className="muted">{row.kind === 'money' ? 'worked out again' : 'cannot be changed'}</span>
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
            {deleted ? (
              <>
                <button type="button" className="secondary" onClick={() => void send('close', {})}>
                  Keep deleted
                </button>
                <button type="button" className="secondary" onClick={() => void send('apply', deskData())}>
                  Restore with this desk’s data
                </button>
              </>
            ) : (
              <button type="button" className="secondary" onClick={() => void send('close', {})}>
                Close without changes
              </button>
            )}
            {conflict.status === 'auto' ? (
              <>
                <button type="button" className="secondary" onClick={() => void send('apply', deskData())}>
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

/** The suppliers and products the listed conflicts' records point at, to name those records by them. */
function refsOf(conflicts: LocalConflict[]): unknown[] {
  return conflicts.flatMap((c) =>
    [c.current, c.server_data, c.client_data].flatMap((row) => [row?.supplier_uuid, row?.product_uuid]),
  );
}
