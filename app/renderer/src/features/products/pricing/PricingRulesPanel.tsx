import { useState } from 'react';
import { can, RuleTermsSchema, ruleVersionOf, type PricingRuleRow, type ProductRow } from '../../../../../../shared';
import { ConfirmDialog } from '../../../components/ConfirmDialog';
import { SelectField } from '../../../components/Field';
import { call, useQuery } from '../../../lib/api';
import { useApp } from '../../../lib/settings';
import { PricePreview } from './PricePreview';
import { METHOD_LABELS } from './RateEditor';
import { RuleEditor } from './RuleEditor';
import { emptyRuleForm, type RuleForm } from './rule-form';
import { ruleToForm } from './rule-form-load';
import { RuleSummary } from './RuleSummary';

const methodOf = (row: PricingRuleRow) => {
  const terms = RuleTermsSchema.safeParse(JSON.parse(row.terms));
  return terms.success ? METHOD_LABELS[terms.data.rate.by] : 'unreadable';
};

/**
 * A product's pricing rule versions: the list (withdrawn ones greyed, since old collections still name them),
 * a version's terms and a price preview, and for a supervisor a new version and withdrawal.
 */
export function PricingRulesPanel({ products }: { products: ProductRow[] }) {
  const { session, settings, day, today: orgToday } = useApp();
  const currency = settings?.currency ?? 'USD';
  const mayEdit = can(session?.user?.role, 'pricing_rules.create');
  const [productUuid, setProductUuid] = useState('');
  const product = products.find((p) => p.uuid === productUuid) ?? products[0];
  const versions = useQuery('pricingRules.list', { product_uuid: product?.uuid ?? '', includeWithdrawn: true }, [
    product?.uuid,
  ]);
  const routes = useQuery('routes.list', { includeInactive: true });
  const centres = useQuery('centres.list', { includeInactive: true });
  const [shown, setShown] = useState<string | null>(null);
  /** The editor's starting form while a new version is being written. */
  const [initial, setInitial] = useState<RuleForm | null>(null);
  const [withdrawing, setWithdrawing] = useState<PricingRuleRow | null>(null);

  if (!product) return <p className="muted">Add a product first; its pricing rules are kept here.</p>;
  const rows = versions.data ?? [];
  const current = rows.find((r) => r.uuid === shown);
  const today = orgToday();

  /** A new version starts from the latest live one, so a change is a small edit, from today. */
  function startNew() {
    const latest = rows.find((r) => !r.deleted_at);
    const start = latest ? ruleToForm(ruleVersionOf(latest), currency) : emptyRuleForm(today);
    setShown(null);
    setInitial({ ...start, effective_from: today, notes: '' });
  }

  return (
    <section aria-label="Pricing rules" className="pricing-rules">
      <h2>Pricing rules</h2>
      <p className="muted small">
        Grades, quality charts or formulas, container tares and route/centre overrides. A product without a rule is
        priced by its plain rate above.
        {mayEdit ? '' : ' Only a supervisor may change pricing rules.'}
      </p>
      <div className="row">
        <SelectField
          label="Product"
          value={product.uuid}
          onChange={(e) => {
            setProductUuid(e.target.value);
            setShown(null);
            setInitial(null);
          }}
          options={products.map((p) => ({ value: p.uuid, label: `${p.code} — ${p.name}` }))}
        />
        {mayEdit && !initial ? (
          <button type="button" onClick={startNew}>
            New version…
          </button>
        ) : null}
      </div>
      {rows.length === 0 ? (
        <p className="muted" data-testid="rules-empty">
          {product.code} has no pricing rule: it is priced by its rate.
          {mayEdit ? ' Press "New version…" to add one.' : ''}
        </p>
      ) : (
        <table className="table" aria-label="Rule versions">
          <thead>
            <tr>
              <th>Effective from</th>
              <th>Method</th>
              <th>Notes</th>
              <th>Status</th>
              <th />
            </tr>
          </thead>
          <tbody>
            {rows.map((row) => (
              <tr key={row.uuid} className={row.deleted_at ? 'voided' : undefined}>
                <td>{row.effective_from}</td>
                <td>{methodOf(row)}</td>
                <td className="wrap">{row.notes}</td>
                <td>{row.deleted_at ? `withdrawn ${day(row.deleted_at)}` : 'in use'}</td>
                <td className="nowrap">
                  <button
                    type="button"
                    className="small secondary"
                    aria-expanded={shown === row.uuid}
                    onClick={() => setShown(shown === row.uuid ? null : row.uuid)}
                  >
                    {shown === row.uuid ? 'Hide' : 'View'}
                  </button>{' '}
                  {mayEdit && !row.deleted_at ? (
                    <button type="button" className="small danger" onClick={() => setWithdrawing(row)}>
                      Withdraw…
                    </button>
                  ) : null}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {current ? (
        <div className="card" aria-label={`Version from ${current.effective_from}`} role="region">
          <RuleSummary rule={ruleVersionOf(current)} routes={routes.data ?? []} centres={centres.data ?? []} />
          <PricePreview rule={ruleVersionOf(current)} routes={routes.data ?? []} centres={centres.data ?? []} />
        </div>
      ) : null}
      {initial ? (
        <RuleEditor
          key={product.uuid}
          product={product}
          initial={initial}
          currency={currency}
          routes={routes.data ?? []}
          centres={centres.data ?? []}
          onSaved={() => setInitial(null)}
          onCancel={() => setInitial(null)}
        />
      ) : null}
      {withdrawing ? (
        <ConfirmDialog
          title={`Withdraw the version from ${withdrawing.effective_from}?`}
          confirmLabel="Withdraw version"
          onCancel={() => setWithdrawing(null)}
          onConfirm={async () => {
            await call('pricingRules.withdraw', { uuid: withdrawing.uuid });
            setWithdrawing(null);
          }}
        >
          New collections of {product.code} stop using it (the version before it applies again, or the plain rate).
          Collections already priced by it keep it and their amounts.
        </ConfirmDialog>
      ) : null}
    </section>
  );
}
