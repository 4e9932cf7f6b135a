import { counted } from '../../../../../shared';
import { failureMessage } from '../../lib/failure';
import { recordFieldLabel } from '../../lib/field-label';
import { useEffect, useState } from 'react';
import type { AttentionItem } from '../../../../../shared/ipc/types';
import { ConfirmDialog } from '../../components/ConfirmDialog';
import { call, useQuery } from '../../lib/api';
import { useApp } from '../../lib/settings';
import { SYNC_STATE_LABELS, useSyncStatus } from '../../lib/sync-status';
import { changeLabel } from '../conflicts/record-label';
import { useRefs } from '../conflicts/ref-names';

function kb(bytes: number) {
  return bytes < 1024 ? `${bytes} B` : `${(bytes / 1024).toFixed(1)} KB`;
}

/** Sync status, what waits, what the server refused (fix, resend or discard), the log and the metrics. */
export function SyncScreen() {
  const { deskWhen, money, session, settings } = useApp();
  const s = useSyncStatus();
  const pending = useQuery('sync.pending', {});
  const attention = useQuery('sync.attention', {});
  const log = useQuery('sync.log', {});
  const metrics = useQuery('sync.metrics', {});
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [discarding, setDiscarding] = useState<AttentionItem | null>(null);
  const [fixing, setFixing] = useState<{ item: AttentionItem; values: Record<string, string> } | null>(null);
  // A run that ends (or starts) changes the log, the metrics and what waits: read them again, on this screen.
  const reloads = [pending.reload, attention.reload, log.reload, metrics.reload];
  // Each change named as people read it, by the suppliers and products it points at.
  const shown = [...(attention.data ?? []), ...(pending.data ?? []).slice(0, 50)];
  const refs = useRefs(shown.flatMap((op) => [op.payload.supplier_uuid, op.payload.product_uuid]));
  const label = (op: (typeof shown)[number]) =>
    changeLabel(op, {
      money,
      timeZone: session?.orgTimeZone,
      locale: settings?.locale,
      nameOf: (uuid) => refs.names[uuid],
      unitOf: (uuid) => refs.units[uuid],
    });
  useEffect(() => {
    for (const reload of reloads) reload();
  }, [s?.state, s?.lastSuccessAt]);

  async function syncNow() {
    setBusy(true);
    setError(null);
    try {
      await call('sync.now', {});
    } catch (e) {
      setError(failureMessage(e));
    } finally {
      setBusy(false);
    }
  }

  const m = metrics.data;
  return (
    <section>
      <header className="screen-header">
        <h1>Sync</h1>
        <button type="button" onClick={() => void syncNow()} disabled={busy}>
          {busy ? 'Syncing…' : 'Sync now (F5)'}
        </button>
      </header>
      {error ? (
        <p role="alert" className="form-message">
          {error}
        </p>
      ) : null}
      {s ? (
        <p>
          State: <strong data-testid="sync-screen-state">{SYNC_STATE_LABELS[s.state]}</strong> · {s.pending} pending ·{' '}
          {s.needsAttention} need attention · last success {deskWhen(s.lastSuccessAt)}
          {s.lastError && s.state !== 'success' ? <span className="muted"> · {s.lastError}</span> : null}
        </p>
      ) : null}
      <h2>Needs attention</h2>
      {(attention.data ?? []).length === 0 ? (
        <p className="muted">Nothing needs attention.</p>
      ) : (
        <table className="table" aria-label="Needs attention">
          <thead>
            <tr>
              <th>Change</th>
              <th>Server said</th>
              <th />
            </tr>
          </thead>
          <tbody>
            {attention.data!.map((item) => (
              <tr key={item.op_id}>
                <td>{label(item)}</td>
                <td>
                  {item.message}
                  {item.fields ? (
                    <ul className="small">
                      {Object.entries(item.fields).map(([f, msg]) => (
                        <li key={f}>
                          {recordFieldLabel(item.entity_type, f)} {msg}
                        </li>
                      ))}
                    </ul>
                  ) : null}
                </td>
                <td className="row">
                  {item.code === 'PERIOD_CLOSED' &&
                  (item.entity_type === 'collections' || item.entity_type === 'payments') ? (
                    <button
                      type="button"
                      className="small"
                      title="Record it in the open period: a new entry dated now, or an entry for the difference linked to the closed record"
                      onClick={() => void call('sync.adjust', { op_id: item.op_id }).then(attention.reload)}
                    >
                      Record as adjustment
                    </button>
                  ) : null}
                  <button
                    type="button"
                    className="small"
                    onClick={() =>
                      setFixing({
                        item,
                        values: Object.fromEntries(
                          Object.keys(item.fields ?? {})
                            .filter((f) => f in item.payload)
                            .map((f) => [f, String(item.payload[f] ?? '')]),
                        ),
                      })
                    }
                  >
                    Fix & resend
                  </button>
                  <button type="button" className="small danger" onClick={() => setDiscarding(item)}>
                    Discard
                  </button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {fixing ? (
        <form
          className="card form"
          aria-label="Fix and resend"
          onSubmit={async (e) => {
            e.preventDefault();
            const fix = Object.fromEntries(
              Object.entries(fixing.values).map(([k, v]) => [
                k,
                typeof fixing.item.payload[k] === 'number' ? Number(v) : v,
              ]),
            );
            try {
              await call('sync.resend', { op_id: fixing.item.op_id, fix });
              setFixing(null);
            } catch (err) {
              setError(failureMessage(err));
            }
          }}
        >
          <h2>Fix and resend</h2>
          {Object.keys(fixing.values).length === 0 ? (
            <p className="muted">No field to correct; the change will be sent again as it is.</p>
          ) : null}
          {Object.entries(fixing.values).map(([field, value]) => (
            <div className="field" key={field}>
              <label htmlFor={`fix-${field}`}>{field}</label>
              <input
                id={`fix-${field}`}
                value={value}
                onChange={(e) => setFixing({ ...fixing, values: { ...fixing.values, [field]: e.target.value } })}
              />
              <div className="field__error">{fixing.item.fields?.[field]}</div>
            </div>
          ))}
          <div className="row">
            <button type="submit">Resend</button>
            <button type="button" className="secondary" onClick={() => setFixing(null)}>
              Cancel
            </button>
          </div>
        </form>
      ) : null}
      <h2>Waiting to send ({pending.data?.length ?? 0})</h2>
      {s && s.waitingForSupervisor > 0 ? (
        <p className="warn" data-testid="waiting-for-supervisor">
          {s.waitingForSupervisor} waiting for a supervisor: made by a supervisor on this desk, they go out when a
          supervisor signs in here again. Nothing is lost.
        </p>
      ) : null}
      {(pending.data ?? []).length ? (
        <ul className="small" aria-label="Waiting to send">
          {pending.data!.slice(0, 50).map((op) => (
            <li key={op.op_id}>
              {deskWhen(op.created_at)} · {label(op)}
              {op.attempts ? ` · ${counted(op.attempts, 'attempt')}` : ''}
            </li>
          ))}
        </ul>
      ) : (
        <p className="muted">Everything is sent.</p>
      )}
      {m ? (
        <>
          <h2>Metrics</h2>
          <div className="cards">
            <article className="card stat">
              <h3>Runs</h3>
              <p className="big">{m.runs}</p>
              <p>{Math.round(m.successRate * 100)}% succeeded</p>
            </article>
            <article className="card stat">
              <h3>Changes</h3>
              <p className="big">{m.pushed} sent</p>
              <p>{m.pulled} received</p>
            </article>
            <article className="card stat">
              <h3>Conflicts</h3>
              <p className="big">{m.conflicts}</p>
              <p>{(m.conflictRate * 100).toFixed(1)}% of sent changes</p>
            </article>
            <article className="card stat">
              <h3>Data</h3>
              <p className="big">{kb(m.bytesSent + m.bytesReceived)}</p>
              <p>mean run {m.meanDurationMs} ms</p>
            </article>
          </div>
        </>
      ) : null}
      <h2>Log</h2>
      <table className="table small" aria-label="Sync log">
        <thead>
          <tr>
            <th>Started</th>
            <th>Trigger</th>
            <th>Outcome</th>
            <th className="num">Sent</th>
            <th className="num">Received</th>
            <th className="num">Conflicts</th>
            <th className="num">Errors</th>
            <th className="num">ms</th>
            <th>Message</th>
          </tr>
        </thead>
        <tbody>
          {(log.data ?? []).map((l) => (
            <tr key={l.id}>
              <td>{deskWhen(l.started_at)}</td>
              <td>{l.trigger}</td>
              <td>{l.outcome}</td>
              <td className="num">{l.pushed}</td>
              <td className="num">{l.pulled}</td>
              <td className="num">{l.conflicts}</td>
              <td className="num">{l.errors}</td>
              <td className="num">{l.duration_ms}</td>
              <td>{l.message}</td>
            </tr>
          ))}
        </tbody>
      </table>
      {discarding ? (
        <ConfirmDialog
          title="Discard this change?"
          confirmLabel="Discard change"
          reasonLabel="Why discard it?"
          onCancel={() => setDiscarding(null)}
          onConfirm={async (reason) => {
            await call('sync.discard', { op_id: discarding.op_id, reason });
            setDiscarding(null);
          }}
        >
          <p>
            The server refused this change ({discarding.message}). Discarding it means it will never reach the server.
            The change and your reason stay in the audit log.
          </p>
        </ConfirmDialog>
      ) : null}
    </section>
  );
}
