import { useEffect, useRef, useState, type KeyboardEvent } from 'react';
import { parseQuantity, type SupplierRow } from '../../../../../shared';
import type { Quote } from '../../../../../shared/ipc/types';
import { AwaitingBadge, useAwaiting } from '../../components/AwaitingBadge';
import { SelectField } from '../../components/Field';
import { Notice, useNotice } from '../../components/Notice';
import { SupplierPicker } from '../../components/SupplierPicker';
import { ApiError, call, useQuery } from '../../lib/api';
import { failureMessage, pleaseCorrect } from '../../lib/failure';
import { formatWhen, qty, useApp } from '../../lib/settings';
import { dayLabel, localDay, localDayBounds, toLocalInput } from '../../lib/when';

/** Fields the core may name, as this form calls them. */
const FIELD_OF: Record<string, string> = {
  supplier_uuid: 'supplier',
  product_uuid: 'product',
  quantity_milli: 'quantity',
  collected_at: 'when',
};

/** Enter moves on instead of submitting (the last field saves). */
function enterMovesTo(next: () => HTMLElement | null) {
  return (e: KeyboardEvent) => {
    if (e.key !== 'Enter') return;
    e.preventDefault();
    next()?.focus();
  };
}

/**
 * Collection entry built for a keyboard: supplier (code or name) → Enter → product → Enter → quantity → Enter
 * saves and starts the next entry. The date and time default to now; a clerk typing up yesterday's slips sets it
 * once (Tab from quantity), and the form says plainly, in amber, that entries are back-dated.
 */
export function CollectionEntry() {
  const { money } = useApp();
  const products = useQuery('products.list', {});
  const awaiting = useAwaiting();
  const [supplier, setSupplier] = useState<SupplierRow | null>(null);
  const [productUuid, setProductUuid] = useState<string>(() => localStorage.getItem('collectpay.lastProduct') ?? '');
  const [quantity, setQuantity] = useState('');
  /** '' = now; otherwise a datetime-local value the clerk chose. */
  const [when, setWhen] = useState('');
  const [now, setNow] = useState(() => new Date());
  const [quote, setQuote] = useState<Quote | null>(null);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const outcome = useNotice();
  const supplierInput = useRef<HTMLInputElement>(null);
  const productSelect = useRef<HTMLSelectElement>(null);
  const quantityInput = useRef<HTMLInputElement>(null);

  const productList = products.data ?? [];
  const product = productList.find((p) => p.uuid === productUuid) ?? productList[0];
  const today = localDay(now);
  const day = when ? when.slice(0, 10) : today;
  const backDated = day !== today;
  const collectedAt = when ? new Date(when).toISOString() : undefined;
  const list = useQuery(
    'collections.list',
    backDated ? { ...localDayBounds(day), limit: 500 } : { today: true, limit: 500 },
    [day],
  );

  useEffect(() => supplierInput.current?.focus(), []);
  useEffect(() => {
    const timer = setInterval(() => setNow(new Date()), 30_000);
    return () => clearInterval(timer);
  }, []);

  useEffect(() => {
    if (!product) return;
    const parsed = quantity ? parseQuantity(quantity) : null;
    let live = true;
    call('collections.quote', {
      product_uuid: product.uuid,
      ...(parsed?.ok && parsed.value > 0 ? { quantity_milli: parsed.value } : {}),
      ...(collectedAt ? { collected_at: collectedAt } : {}),
    }).then(
      (q) => live && setQuote(q),
      () => live && setQuote(null),
    );
    return () => {
      live = false;
    };
  }, [product, quantity, collectedAt]);

  async function save() {
    const next: Record<string, string> = {};
    if (!supplier) next.supplier = 'Pick a supplier';
    if (!product) next.product = 'Add a product first (Products & rates)';
    const parsed = parseQuantity(quantity);
    if (!parsed.ok) next.quantity = parsed.error.replace(/^quantity /, '');
    else if (parsed.value <= 0) next.quantity = 'must be greater than zero';
    if (when && Number.isNaN(new Date(when).getTime())) next.when = 'must be a date and time';
    else if (when && new Date(when).getTime() > Date.now() + 5 * 60_000) next.when = 'cannot be in the future';
    setErrors(next);
    if (Object.keys(next).length || !supplier || !product || !parsed.ok) {
      outcome.fail(pleaseCorrect(Object.keys(next).length));
      return;
    }
    try {
      const row = await call('collections.create', {
        supplier_uuid: supplier.uuid,
        product_uuid: product.uuid,
        quantity_milli: parsed.value,
        ...(collectedAt ? { collected_at: collectedAt } : {}),
      });
      outcome.ok(
        `Saved ${qty(row.quantity_milli)} ${product.unit} from ${supplier.code}: ${money(row.amount_minor)}` +
          (backDated ? ` — dated ${dayLabel(day)} ${when.slice(11)}` : ''),
      );
      setQuantity('');
      setSupplier(null);
      supplierInput.current?.focus();
    } catch (error) {
      const fields = error instanceof ApiError ? error.fields : {};
      setErrors(Object.fromEntries(Object.entries(fields).map(([f, m]) => [FIELD_OF[f] ?? f, m])));
      outcome.fail(failureMessage(error, Object.keys(FIELD_OF)));
    }
  }

  const rows = list.data?.rows ?? [];
  const totals = new Map<string, number>();
  for (const r of rows) totals.set(r.product_unit, (totals.get(r.product_unit) ?? 0) + r.quantity_milli);
  const totalAmount = rows.reduce((s, r) => s + r.amount_minor, 0);

  return (
    <section>
      <h1>Record collections</h1>
      <form
        className={`card entry${backDated ? ' entry--backdated' : ''}`}
        aria-label="Collection entry"
        onSubmit={(e) => {
          e.preventDefault();
          void save();
        }}
      >
        <div className="entry__fields">
          <SupplierPicker
            value={supplier}
            onChange={setSupplier}
            error={errors.supplier}
            inputRef={supplierInput}
            onPicked={() => productSelect.current?.focus()}
          />
          <SelectField
            label="Product"
            id="entry-product"
            ref={productSelect}
            value={product?.uuid ?? ''}
            error={errors.product}
            onChange={(e) => {
              setProductUuid(e.target.value);
              localStorage.setItem('collectpay.lastProduct', e.target.value);
            }}
            onKeyDown={enterMovesTo(() => quantityInput.current)}
            options={productList.map((p) => ({ value: p.uuid, label: `${p.code} — ${p.name} (${p.unit})` }))}
          />
          <div className={`field${errors.quantity ? ' field--error' : ''}`}>
            <label htmlFor="entry-quantity">Quantity{product ? ` (${product.unit})` : ''}</label>
            <input
              id="entry-quantity"
              ref={quantityInput}
              inputMode="decimal"
              autoComplete="off"
              value={quantity}
              aria-invalid={Boolean(errors.quantity)}
              onChange={(e) => setQuantity(e.target.value)}
            />
            {errors.quantity ? (
              <div className="field__error" role="alert">
                {errors.quantity}
              </div>
            ) : null}
          </div>
          <div className={`field${errors.when ? ' field--error' : ''}`}>
            <label htmlFor="entry-when">Date and time</label>
            <div className="row nowrap">
              <input
                id="entry-when"
                type="datetime-local"
                value={when || toLocalInput(now)}
                max={toLocalInput(new Date(now.getTime() + 5 * 60_000))}
                aria-invalid={Boolean(errors.when)}
                aria-describedby="entry-when-note"
                onChange={(e) => setWhen(e.target.value)}
                onKeyDown={enterMovesTo(() => supplierInput.current)}
              />
              {when ? (
                <button type="button" className="small secondary" onClick={() => setWhen('')}>
                  Now
                </button>
              ) : null}
            </div>
            {errors.when ? (
              <div className="field__error" role="alert">
                {errors.when}
              </div>
            ) : null}
          </div>
        </div>
        <p
          id="entry-when-note"
          className={backDated ? 'backdated-note' : 'muted small'}
          data-testid="entry-date"
          aria-live="polite"
        >
          {backDated
            ? `Back-dated: entries you save now are dated ${dayLabel(day)} ${when.slice(11)}, not today.`
            : when
              ? `Dated earlier today, ${when.slice(11)}.`
              : 'Dated now. Change the date and time (Tab from Quantity) to enter an earlier day’s slips.'}
        </p>
        <div className="entry__quote" aria-live="polite" data-testid="quote">
          {quote?.problem ? (
            <span className="warn">{quote.problem}</span>
          ) : quote ? (
            <>
              Rate {quote.rate_minor !== null ? money(quote.rate_minor) : '—'} per {product?.unit} · Amount{' '}
              <strong>{quote.amount_minor !== null ? money(quote.amount_minor) : '—'}</strong>
            </>
          ) : null}
        </div>
        <Notice notice={outcome.notice} />
        <button type="submit">Save (Enter)</button>
      </form>
      <h2>{backDated ? `Collections on ${dayLabel(day)}` : 'Today’s collections'}</h2>
      <table className="table" aria-label={backDated ? 'Collections on the chosen day' : "Today's collections"}>
        <thead>
          <tr>
            <th>Time</th>
            <th>Supplier</th>
            <th>Product</th>
            <th className="num">Quantity</th>
            <th className="num">Rate</th>
            <th className="num">Amount</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((r) => (
            <tr key={r.uuid}>
              <td className="nowrap">{formatWhen(r.collected_at)}</td>
              <td>
                {r.supplier_code} {r.supplier_name}
                {awaiting.has(r.uuid) ? <AwaitingBadge /> : null}
              </td>
              <td>{r.product_code}</td>
              <td className="num">
                {qty(r.quantity_milli)} {r.product_unit}
              </td>
              <td className="num">{money(r.rate_minor)}</td>
              <td className="num">{money(r.amount_minor)}</td>
            </tr>
          ))}
        </tbody>
        <tfoot>
          <tr>
            <th colSpan={3} data-testid="today-count">
              {rows.length} entries
            </th>
            <th className="num" data-testid="today-quantity">
              {[...totals].map(([unit, milli]) => `${qty(milli)} ${unit}`).join(' · ')}
            </th>
            <th />
            <th className="num" data-testid="today-total">
              {money(totalAmount)}
            </th>
          </tr>
        </tfoot>
      </table>
    </section>
  );
}
