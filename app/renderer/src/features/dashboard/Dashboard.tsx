import { counted } from '../../../../../shared';
import { useQuery } from '../../lib/api';
import { qty, useApp } from '../../lib/settings';
import type { Screen } from '../../App';

export function Dashboard({ go }: { go(screen: Screen): void }) {
  const { money } = useApp();
  const { data, error } = useQuery('dashboard.summary', {});
  if (error) return <p role="alert">{error}</p>;
  if (!data) return <p>Loading…</p>;
  return (
    <section>
      <h1>Today, {data.today}</h1>
      <div className="cards">
        <article className="card stat" data-testid="today-collections">
          <h2>Collections</h2>
          <p className="big">{money(data.collections.amount_minor)}</p>
          <p data-testid="today-quantities">
            {[
              counted(data.collections.count, 'entry', 'entries'),
              ...data.collections.by_unit.map((u) => `${qty(u.quantity_milli)} ${u.unit}`),
            ].join(' · ')}
          </p>
          <button type="button" onClick={() => go({ name: 'collections' })}>
            Record collections (Ctrl+2)
          </button>
        </article>
        <article className="card stat" data-testid="today-payments">
          <h2>Payments</h2>
          <p className="big">{money(data.payments.amount_minor)}</p>
          <p>{counted(data.payments.count, 'payment')}</p>
          <button type="button" onClick={() => go({ name: 'payments' })}>
            Record a payment (Ctrl+4)
          </button>
        </article>
        <article className="card stat">
          <h2>Sync</h2>
          <p className="big">{data.sync.pending} pending</p>
          <p className={data.sync.needsAttention ? 'warn' : ''}>{data.sync.needsAttention} need attention</p>
          <button type="button" onClick={() => go({ name: 'sync' })}>
            Open sync (Ctrl+6)
          </button>
        </article>
      </div>
      <div className="row">
        <button
          type="button"
          className="secondary"
          onClick={() => go({ name: 'reports', preset: { kind: 'daily', date: data.today } })}
        >
          Today’s summary
        </button>
        <button
          type="button"
          className="secondary"
          onClick={() => go({ name: 'reports', preset: { kind: 'settlement' } })}
        >
          Settlement sheet
        </button>
      </div>
    </section>
  );
}
