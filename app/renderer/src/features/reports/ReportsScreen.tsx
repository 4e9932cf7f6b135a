import { useEffect, useState } from 'react';
import type { SupplierRow } from '../../../../../shared';
import type { ReportSpec } from '../../../../../shared/ipc/reports';
import { Field, SelectField } from '../../components/Field';
import { Notice, useNotice } from '../../components/Notice';
import { SupplierPicker } from '../../components/SupplierPicker';
import { call } from '../../lib/api';
import { failureMessage } from '../../lib/failure';
import { useApp } from '../../lib/settings';

export type ReportPreset = Partial<ReportSpec> & { kind: ReportSpec['kind'] };

/** Pick a report, preview it page by page, then print it or save it as PDF. */
/** In the browser host a saved PDF arrives as a download from the host. */
function download(path: string) {
  const link = document.createElement('a');
  link.href = path;
  link.download = decodeURIComponent(path.split('/').pop() ?? 'report.pdf');
  document.body.append(link);
  link.click();
  link.remove();
}

export function ReportsScreen({ preset, openSettings }: { preset?: ReportPreset; openSettings(): void }) {
  const { settings, today } = useApp();
  const [kind, setKind] = useState<ReportSpec['kind']>(preset?.kind ?? 'daily');
  const [supplier, setSupplier] = useState<SupplierRow | null>(null);
  const [from, setFrom] = useState(
    preset && 'from' in preset && preset.from ? preset.from : `${today().slice(0, 8)}01`,
  );
  const [to, setTo] = useState(preset && 'to' in preset && preset.to ? preset.to : today());
  const [date, setDate] = useState(preset && 'date' in preset && preset.date ? preset.date : today());
  const paymentUuid = preset && 'payment_uuid' in preset ? preset.payment_uuid : undefined;
  const [preview, setPreview] = useState<{ title: string; html: string; pages: number } | null>(null);
  const outcome = useNotice();

  useEffect(() => {
    if (preset && 'supplier_uuid' in preset && preset.supplier_uuid)
      call('suppliers.get', { uuid: preset.supplier_uuid }).then(setSupplier, () => undefined);
  }, [preset]);

  function spec(): ReportSpec | null {
    if (kind === 'statement') return supplier ? { kind, supplier_uuid: supplier.uuid, from, to } : null;
    if (kind === 'daily') return { kind, date };
    if (kind === 'receipt') return paymentUuid ? { kind, payment_uuid: paymentUuid } : null;
    return { kind, from, to };
  }

  async function run(action: 'reports.render' | 'reports.print' | 'reports.savePdf') {
    const s = spec();
    if (!s) {
      outcome.fail(
        kind === 'statement' ? 'Pick a supplier for the statement.' : 'Open a receipt from the Payments screen.',
      );
      return;
    }
    outcome.clear();
    try {
      if (action === 'reports.render') setPreview(await call('reports.render', { spec: s }));
      else if (action === 'reports.print') {
        const result = await call(action, { spec: s });
        (result.ok ? outcome.ok : outcome.fail)(result.message);
      } else {
        const result = await call(action, { spec: s });
        if (result.download) download(result.download);
        (result.ok ? outcome.ok : outcome.fail)(result.message);
      }
    } catch (error) {
      outcome.fail(failureMessage(error));
    }
  }

  useEffect(() => {
    // Opened from another screen: show the preview straight away (a statement once its supplier is known).
    if (preset && (preset.kind !== 'statement' || supplier)) void run('reports.render');
  }, [supplier]);

  return (
    <section>
      <h1>Reports</h1>
      <form
        className="card form"
        aria-label="Report"
        onSubmit={(e) => {
          e.preventDefault();
          void run('reports.render');
        }}
      >
        <div className="grid2">
          <SelectField
            label="Report"
            value={kind}
            onChange={(e) => setKind(e.target.value as ReportSpec['kind'])}
            options={[
              { value: 'daily', label: 'Daily collection summary' },
              { value: 'statement', label: 'Supplier statement' },
              { value: 'settlement', label: 'Settlement sheet' },
              ...(paymentUuid ? [{ value: 'receipt', label: 'Payment receipt' }] : []),
            ]}
          />
          {kind === 'statement' ? <SupplierPicker value={supplier} onChange={setSupplier} /> : null}
          {kind === 'daily' ? (
            <Field label="Date" type="date" value={date} onChange={(e) => setDate(e.target.value)} />
          ) : null}
          {kind === 'statement' || kind === 'settlement' ? (
            <>
              <Field label="From" type="date" value={from} onChange={(e) => setFrom(e.target.value)} />
              <Field label="To" type="date" value={to} onChange={(e) => setTo(e.target.value)} />
            </>
          ) : null}
        </div>
        {settings && !settings.companyName ? (
          <p className="muted small" data-testid="company-missing">
            No company name is set, so printouts carry none.{' '}
            <button type="button" className="link" onClick={openSettings}>
              Set it in Settings
            </button>
          </p>
        ) : null}
        <Notice notice={outcome.notice} />
        <div className="row">
          <button type="submit">Preview</button>
          <button type="button" className="secondary" onClick={() => void run('reports.print')}>
            Print…
          </button>
          <button type="button" className="secondary" onClick={() => void run('reports.savePdf')}>
            Save as PDF…
          </button>
        </div>
      </form>
      {preview ? (
        <>
          <p className="muted" data-testid="report-pages">
            {preview.title}: {preview.pages} page{preview.pages === 1 ? '' : 's'}
          </p>
          <iframe title="Report preview" className="report-preview" sandbox="" srcDoc={preview.html} />
        </>
      ) : null}
    </section>
  );
}
