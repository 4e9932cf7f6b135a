import { useState } from 'react';
import { call, useQuery } from '../../lib/api';
import { useApp } from '../../lib/settings';

/** The runs this supplier was paid in, each with its payslip. */
export function SupplierPayslips({ supplierUuid }: { supplierUuid: string }) {
  const { money } = useApp();
  const runs = useQuery('settlements.ofSupplier', { supplier_uuid: supplierUuid });
  const [message, setMessage] = useState<string | null>(null);

  async function payslip(runUuid: string) {
    try {
      const result = await call('settlements.savePayslips', { uuid: runUuid, supplier_uuid: supplierUuid });
      if (result.download) {
        const link = document.createElement('a');
        link.href = result.download;
        link.download = decodeURIComponent(result.download.split('/').pop() ?? 'payslip.pdf');
        document.body.append(link);
        link.click();
        link.remove();
      }
      setMessage(result.message);
    } catch (error) {
      setMessage(error instanceof Error ? error.message : String(error));
    }
  }

  if (!runs.data?.length) return null;
  return (
    <section aria-label="Pay runs">
      <h2>Pay runs</h2>
      <table className="table" aria-label="Pay runs of this supplier">
        <thead>
          <tr>
            <th>Run</th>
            <th>Period</th>
            <th>Status</th>
            <th className="num">Net</th>
            <th>Payout</th>
            <th />
          </tr>
        </thead>
        <tbody>
          {runs.data.map((r) => (
            <tr key={r.run_uuid}>
              <td>{r.code}</td>
              <td>
                {r.period_from} – {r.period_to}
              </td>
              <td>{r.status}</td>
              <td className="num">{money(r.net_minor)}</td>
              <td>{r.payout_status}</td>
              <td>
                <button type="button" className="small secondary" onClick={() => void payslip(r.run_uuid)}>
                  Payslip
                </button>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      {message ? <p role="status">{message}</p> : null}
    </section>
  );
}
