import { Fragment, useState } from 'react';
import { can, counted, formatQuantity } from '../../../../../shared';
import type { SettlementRunView } from '../../../../../shared/ipc/pay-runs-contract';
import { ConfirmDialog } from '../../components/ConfirmDialog';
import { call, useQuery } from '../../lib/api';
import { useApp } from '../../lib/settings';

type Line = SettlementRunView['lines'][number];

/** How a deduction reads on the screen, as on the payslip. */
const DEDUCTION_LABEL: Record<Line['deductions'][number]['kind'], (name: string) => string> = {
  brought_forward: (name) => `Brought forward: ${name}`,
  adjustment: (name) => name,
  advance: (name) => name,
  partial: (name) => name,
  charge: (name) => name,
  credit: (name) => `Instalment: ${name}`,
};

/** Hands a file to the browser to save (in the desktop app it asks where). */
function save(href: string, fileName: string) {
  const link = document.createElement('a');
  link.href = href;
  link.download = fileName;
  document.body.append(link);
  link.click();
  link.remove();
}

function saveText(fileName: string, text: string) {
  const url = URL.createObjectURL(new Blob([text], { type: 'text/csv' }));
  save(url, fileName);
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

/** Payslips as PDF: saved where the user chose, or (in the browser host) offered as a download. */
async function savePayslips(uuid: string, supplier_uuid?: string): Promise<string> {
  const result = await call('settlements.savePayslips', { uuid, ...(supplier_uuid ? { supplier_uuid } : {}) });
  if (result.download) save(result.download, decodeURIComponent(result.download.split('/').pop() ?? 'payslips.pdf'));
  if (!result.ok) throw new Error(result.message);
  return result.message;
}

/** One run: totals, a line per supplier with the figures behind it, and what can be done with it now. */
export function RunView({ uuid, onChanged }: { uuid: string; onChanged(): void }) {
  const { money, session, when } = useApp();
  const { data, error, reload } = useQuery('settlements.show', { uuid });
  const role = session?.user?.role;
  const [filter, setFilter] = useState('');
  const [open, setOpen] = useState<string | null>(null);
  const [confirming, setConfirming] = useState(false);
  const [notice, setNotice] = useState<string | null>(null);
  const [failure, setFailure] = useState<string | null>(null);

  if (error) return <p role="alert">{error}</p>;
  if (!data) return <p>Loading…</p>;
  const { run } = data;
  const bonus = run.kind === 'bonus';
  const needle = filter.trim().toLowerCase();
  const lines = data.lines.filter(
    (l) =>
      !needle ||
      l.supplier_code.toLowerCase().includes(needle) ||
      l.supplier_name.toLowerCase().includes(needle) ||
      l.route.toLowerCase().includes(needle),
  );

  async function act(work: () => Promise<string>) {
    setFailure(null);
    setNotice(null);
    try {
      setNotice(await work());
      reload();
      onChanged();
    } catch (e) {
      setFailure(e instanceof Error ? e.message : String(e));
    }
  }

  const exportFile = (format: 'bank' | 'mobile') =>
    act(async () => {
      const file = await call('settlements.payoutFile', { uuid, format });
      if (file.lines > 0) saveText(file.fileName, file.csv);
      const skipped = file.skipped.length ? `; ${file.skipped.length} supplier(s) are paid another way` : '';
      return `${file.fileName}: ${file.lines} payment(s), ${money(file.total_minor)}${skipped}.`;
    });

  const importResults = (file: File) =>
    act(async () => {
      const view = await call('settlements.importResults', { uuid, text: await file.text() });
      const failed = view.lines.filter((l) => l.payout_status === 'failed').length;
      return `Results recorded: the run is ${view.run.status}${failed ? `, ${failed} line(s) failed` : ''}.`;
    });

  return (
    <section className="card" aria-label={`Run ${run.code}`}>
      <header className="screen-header">
        <h2>
          {run.code} · {run.name} <span className={`badge badge--${run.status}`}>{run.status}</span>
        </h2>
      </header>
      <p className="muted">
        {/* A default name already says the period. */}
        {run.name.includes(run.period_from) ? '' : `${run.period_from} to ${run.period_to} · `}
        {run.route ? `route ${run.route} · ` : ''}computed {when(run.computed_at)}
        {run.approved_at ? ` · approved ${when(run.approved_at)}` : ''}
      </p>
      <dl className="totals" data-testid="run-totals">
        <dt>Suppliers</dt>
        <dd>{run.suppliers}</dd>
        <dt>Gross</dt>
        <dd>{money(run.gross_minor)}</dd>
        <dt>Deductions</dt>
        <dd>{money(run.deductions_minor)}</dd>
        <dt>Net pay</dt>
        <dd>{money(run.net_minor)}</dd>
        <dt>Carried forward</dt>
        <dd>{money(run.carried_forward_minor)}</dd>
      </dl>
      <div className="row">
        {run.status === 'draft' && can(role, 'settlements.run') ? (
          <button
            type="button"
            className="secondary"
            onClick={() =>
              void act(
                async () => (
                  await call('settlements.recompute', { uuid }),
                  'Recomputed from the records as they are now.'
                ),
              )
            }
          >
            Recompute
          </button>
        ) : null}
        {run.status === 'draft' && can(role, 'settlements.approve') ? (
          <button type="button" onClick={() => setConfirming(true)}>
            Approve
          </button>
        ) : null}
        {run.status !== 'draft' ? (
          <>
            <button type="button" className="secondary" onClick={() => void exportFile('bank')}>
              Export bank file
            </button>
            <button type="button" className="secondary" onClick={() => void exportFile('mobile')}>
              Export mobile-money file
            </button>
            {can(role, 'settlements.pay') ? (
              <label className="button secondary">
                Import payout results
                <input
                  type="file"
                  accept=".csv,text/csv"
                  hidden
                  aria-label="Payout result file"
                  onChange={(e) => {
                    const file = e.target.files?.[0];
                    e.target.value = '';
                    if (file) void importResults(file);
                  }}
                />
              </label>
            ) : null}
          </>
        ) : null}
        <button type="button" className="secondary" onClick={() => void act(() => savePayslips(uuid))}>
          Print payslips
        </button>
      </div>
      {notice ? (
        <p className="notice" role="status">
          {notice}
        </p>
      ) : null}
      {failure ? <p role="alert">{failure}</p> : null}
      <div className="row">
        <input
          type="search"
          aria-label="Filter suppliers"
          placeholder="Filter by code, name or route"
          value={filter}
          onChange={(e) => setFilter(e.target.value)}
        />
        <span className="muted small">
          {lines.length} of {data.lines.length} suppliers
        </span>
      </div>
      <table className="table" aria-label="Run lines">
        <thead>
          <tr>
            <th>Route</th>
            <th>Code</th>
            <th>Name</th>
            <th className="num">Gross</th>
            <th className="num">Deductions</th>
            <th className="num">Net</th>
            <th className="num">Carried fwd</th>
            <th>Payout</th>
          </tr>
        </thead>
        <tbody>
          {lines.map((l) => (
            <Fragment key={l.supplier_uuid}>
              <tr className="clickable" onClick={() => setOpen(open === l.supplier_uuid ? null : l.supplier_uuid)}>
                <td>{l.route}</td>
                <td>
                  <button type="button" className="link" aria-expanded={open === l.supplier_uuid}>
                    {l.supplier_code}
                  </button>
                </td>
                <td>{l.supplier_name}</td>
                <td className="num">{money(l.gross_minor)}</td>
                <td className="num">{money(l.deductions_minor)}</td>
                <td className="num">{money(l.net_minor)}</td>
                <td className="num">{l.carried_forward_minor ? money(l.carried_forward_minor) : ''}</td>
                <td title={l.payout_message || l.payout_provider_reference}>{l.payout_status}</td>
              </tr>
              {open === l.supplier_uuid ? (
                <tr className="drill">
                  <td colSpan={8}>
                    <LineDetail
                      line={l}
                      money={money}
                      onPayslip={() => void act(() => savePayslips(uuid, l.supplier_uuid))}
                    />
                  </td>
                </tr>
              ) : null}
            </Fragment>
          ))}
        </tbody>
      </table>
      {confirming ? (
        <ConfirmDialog
          title={`Approve ${run.code}?`}
          confirmLabel={bonus ? 'Approve the second payment' : 'Approve and close the period'}
          onCancel={() => setConfirming(false)}
          onConfirm={async () => {
            setConfirming(false);
            await act(async () => {
              await call('settlements.approve', { uuid });
              return bonus
                ? 'Approved: the second payment is ready to pay.'
                : `Approved: ${run.period_from} to ${run.period_to} is closed for these suppliers.`;
            });
          }}
        >
          {bonus ? (
            <>
              Once approved the second payment never changes. It closes no period: collections and payments dated{' '}
              {run.period_from} to {run.period_to} stay open.
            </>
          ) : (
            <>
              Once approved the run never changes, and no desk can add, edit or void collections or payments of its
              suppliers dated {run.period_from} to {run.period_to}; corrections go into the next period.
            </>
          )}
        </ConfirmDialog>
      ) : null}
    </section>
  );
}

/** The figures behind one supplier's line: gross by product, each deduction and net; then what stays owed. */
function LineDetail({ line, money, onPayslip }: { line: Line; money(minor: number): string; onPayslip(): void }) {
  const owed = line.carried_forward.length + line.credits.length > 0;
  return (
    <div className="line-detail" aria-label={`Detail of ${line.supplier_code}`}>
      <div className="grid2">
        <table className="table">
          <caption>Gross</caption>
          <tbody>
            {line.gross_lines.map((g) => (
              <tr key={g.adjusts?.uuid ?? g.product_uuid}>
                <td>
                  {g.product_name}
                  {g.adjusts ? null : (
                    <span className="muted small"> {counted(g.entries, 'delivery', 'deliveries')}</span>
                  )}
                </td>
                <td className="num">
                  {formatQuantity(g.quantity_milli)} {g.unit}
                  {g.rate_minor !== null ? ` × ${money(g.rate_minor)}` : ''}
                </td>
                <td className="num">{money(g.amount_minor)}</td>
              </tr>
            ))}
          </tbody>
          <tfoot>
            <tr>
              <th scope="row" colSpan={2}>
                Gross pay
              </th>
              <td className="num">{money(line.gross_minor)}</td>
            </tr>
          </tfoot>
        </table>
        <table className="table">
          <caption>Deductions</caption>
          <tbody>
            {line.deductions.map((d, i) => (
              <tr key={i}>
                <td>{DEDUCTION_LABEL[d.kind](d.name)}</td>
                <td className="num muted">{d.due_minor !== d.amount_minor ? `due ${money(d.due_minor)}` : ''}</td>
                <td className="num">{money(d.amount_minor)}</td>
              </tr>
            ))}
            {line.deductions.length === 0 ? (
              <tr>
                <td colSpan={3} className="muted">
                  No deductions.
                </td>
              </tr>
            ) : null}
          </tbody>
          <tfoot>
            <tr>
              <th scope="row" colSpan={2}>
                Net pay
              </th>
              <td className="num">{money(line.net_minor)}</td>
            </tr>
          </tfoot>
        </table>
      </div>
      {owed ? (
        <table className="table">
          <caption>Still owed after this run</caption>
          <tbody>
            {line.carried_forward.map((c, i) => (
              <tr key={`c${i}`}>
                <td>Carried forward: {c.name}</td>
                <td />
                <td className="num">{money(c.amount_minor)}</td>
              </tr>
            ))}
            {line.credits.map((c) => (
              <tr key={c.credit_uuid}>
                <td>Credit remaining: {c.description}</td>
                <td />
                <td className="num">{money(c.remaining_minor)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : null}
      <div className="row">
        <button type="button" className="small secondary" onClick={onPayslip}>
          Payslip of {line.supplier_code}
        </button>
      </div>
    </div>
  );
}
