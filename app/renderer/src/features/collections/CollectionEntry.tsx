import { useEffect, useRef, useState } from 'react';
import { parseQuantity, type SupplierRow } from '../../../../../shared';
import type { Quote } from '../../../../../shared/ipc/types';
import { FormMessage, SelectField } from '../../components/Field';
import { SupplierPicker } from '../../components/SupplierPicker';
import { ApiError, call, useQuery } from '../../lib/api';
import { formatWhen, qty, useApp } from '../../lib/settings';

/**
 * Collection entry built for a keyboard: supplier (code or name) → Enter → quantity → Enter saves and starts
 * the next entry. The rate in force and the amount show live; today's entries are listed with totals.
 */
export function CollectionEntry() {
  const { money } = useApp();
  const products = useQuery('products.list', {});
  const today = useQuery('collections.list', { today: true, limit: 500 });
  const [supplier, setSupplier] = useState<SupplierRow | null>(null);
  const [productUuid, setProductUuid] = useState<string>(() => localStorage.getItem('collectpay.lastProduct') ?? '');
  const [quantity, setQuantity] = useState('');
  const [quote, setQuote] = useState<Quote | null>(null);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [message, setMessage] = useState<string | null>(null);
  const [saved, setSaved] = useState<string | null>(null);
  const supplierInput = useRef<HTMLInputElement>(null);
  const quantityInput = useRef<HTMLInputElement>(null);

  const productList = products.data ?? [];
  const product = productList.find((p) => p.uuid === productUuid) ?? productList[0];

  useEffect(() => supplierInput.current?.focus(), []);

  useEffect(() => {
    if (!product) return;
    const parsed = quantity ? parseQuantity(quantity) : null;
    let live = true;
    call('collections.quote', {
      product_uuid: product.uuid,
      ...(parsed?.ok && parsed.value > 0 ? { quantity_milli: parsed.value } : {}),
    }).then(
      (q) => live && setQuote(q),
      () => live && setQuote(null),
    );
    return () => {
      live = false;
    };
  }, [product, quantity]);

  async function save() {
    const next: Record<string, string> = {};
    if (!supplier) next.supplier = 'Pick a supplier';
    if (!product) next.product = 'Add a product first (Products & rates)';
    const parsed = parseQuantity(quantity);
    if (!parsed.ok) next.quantity = parsed.error.replace(/^quantity /, '');
    else if (parsed.value <= 0) next.quantity = 'must be greater than zero';
    setErrors(next);
    if (Object.keys(next).length || !supplier || !product || !parsed.ok) {
      setMessage(null);
      return;
    }
    try {
      const row = await call('collections.create', {
        supplier_uuid: supplier.uuid,
        product_uuid: product.uuid,
        quantity_milli: parsed.value,
      });
      setSaved(`Saved ${qty(row.quantity_milli)} ${product.unit} from ${supplier.code}: ${money(row.amount_minor)}`);
      setMessage(null);
      setQuantity('');
      setSupplier(null);
      supplierInput.current?.focus();
    } catch (error) {
      if (error instanceof ApiError) {
        setErrors({
          ...(error.fields.product_uuid ? { product: error.fields.product_uuid } : {}),
          ...(error.fields.supplier_uuid ? { supplier: error.fields.supplier_uuid } : {}),
          ...(error.fields.quantity_milli ? { quantity: error.fields.quantity_milli } : {}),
        });
      }
      setMessage((error as Error).message);
    }
  }

  const rows = today.data?.rows ?? [];
  const totalQty = rows.reduce((s, r) => s + r.quantity_milli, 0);
  const totalAmount = rows.reduce((s, r) => s + r.amount_minor, 0);

  return (
    <section>
      <h1>Record collections</h1>
      <form
        className="card entry"
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
            onPicked={() => quantityInput.current?.focus()}
          />
          <SelectField
            label="Product"
            value={product?.uuid ?? ''}
            error={errors.product}
            onChange={(e) => {
              setProductUuid(e.target.value);
              localStorage.setItem('collectpay.lastProduct', e.target.value);
            }}
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
        </div>
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
        <FormMessage message={message} />
        {saved ? (
          <p className="ok" role="status">
            {saved}
          </p>
        ) : null}
        <button type="submit">Save (Enter)</button>
      </form>
      <h2>Today’s collections</h2>
      <table className="table" aria-label="Today's collections">
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
              <td>{formatWhen(r.collected_at)}</td>
              <td>
                {r.supplier_code} {r.supplier_name}
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
            <th className="num">{qty(totalQty)}</th>
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
