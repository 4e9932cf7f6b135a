import { useEffect, useRef, useState, type KeyboardEvent } from 'react';
import { type SupplierRow } from '../../../../../shared';
import { ConfirmDialog } from '../../components/ConfirmDialog';
import { SelectField } from '../../components/Field';
import { Notice, useNotice } from '../../components/Notice';
import { SupplierPicker } from '../../components/SupplierPicker';
import { ApiError, call, useQuery } from '../../lib/api';
import { failureMessage, pleaseCorrect } from '../../lib/failure';
import { qty, useApp } from '../../lib/settings';
import { dayLabel, readTypedTime, typedTimeProblem, zoneDay, zoneDayBounds } from '../../lib/when';
import { LiveWeight } from '../scale/LiveWeight';
import { useScale } from '../scale/useScale';
import { CollectionsTable } from './CollectionsTable';
import {
  buildEntry,
  EMPTY_DRAFT,
  formFieldOf,
  initialShift,
  layoutOf,
  previewOf,
  rememberShift,
  weightFromScale,
  type EntryDraft,
  type RememberedShift,
} from './entry-form';
import { RejectionFields, ShiftCentreFields } from './PlaceFields';
import { unusualWeightQuestion } from './unusual-weight';
import { useEntryTerms } from './useEntryTerms';
import { WeighingFields } from './WeighingFields';
import { WhenField } from '../../components/WhenField';

const SHIFT_KEY = 'collectpay.shift';

function rememberedShift() {
  try {
    return JSON.parse(localStorage.getItem(SHIFT_KEY) ?? 'null') as RememberedShift | null;
  } catch {
    return null;
  }
}

/**
 * Collection entry built for a keyboard: supplier (code or name) → Enter → product → Enter → weight → Enter …
 * through the fields the product's pricing rule uses here (containers, grade, readings) → Enter saves and starts
 * the next entry at the supplier. With a scale set up, Enter on an empty weight (or F2 anywhere) takes the steady
 * weight; typing over it makes it a typed weight. Shift, centre and a refusal are a Tab away and kept.
 */
export function CollectionEntry() {
  const { money, session } = useApp();
  const products = useQuery('products.list', {});
  const scale = useScale();
  const [supplier, setSupplier] = useState<SupplierRow | null>(null);
  const [productUuid, setProductUuid] = useState<string>(() => localStorage.getItem('collectpay.lastProduct') ?? '');
  // The shift's half-day and day are the org's (the zone typed times are read in), not this computer's.
  const zone = session?.orgTimeZone ?? 'UTC';
  const [draft, setDraft] = useState<EntryDraft>(() => ({
    ...EMPTY_DRAFT,
    shift: initialShift(new Date(), zone, rememberedShift()),
  }));
  /** '' = now; otherwise a datetime-local value the clerk chose. */
  const [when, setWhen] = useState('');
  const [now, setNow] = useState(() => new Date());
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [second, setSecond] = useState<string | null>(null);
  /** The question about a weight far above the product's usual, waiting for Yes (save) or No (back to it). */
  const [unusual, setUnusual] = useState<string | null>(null);
  const [typedOnly, setTypedOnly] = useState(false);
  const outcome = useNotice();
  const supplierInput = useRef<HTMLInputElement>(null);
  const productSelect = useRef<HTMLSelectElement>(null);
  const weightInput = useRef<HTMLInputElement>(null);
  const form = useRef<HTMLFormElement>(null);
  /** Where Enter was pressed while the product's terms were loading: the walk goes on from there once they are in. */
  const pendingStep = useRef<HTMLElement | null>(null);

  const productList = products.data ?? [];
  const product = productList.find((p) => p.uuid === productUuid) ?? productList[0];
  // Typed dates and times are on the org's clock (zone, above), the one the lists show records on.
  const today = zoneDay(now, zone);
  const day = when ? zoneDay(when, zone) : today;
  const backDated = day !== today;
  const typed = when ? readTypedTime(when, zone) : null;
  const typedAt = typed && 'at' in typed ? typed.at : null;
  // Shown beside the field as soon as it is picked: a time the clocks skip is refused, not read as another hour.
  const typedError = typed && 'error' in typed ? typed.error : undefined;
  const collectedAt = typedAt?.toISOString();
  const supervisor = session?.user?.role === 'supervisor' || session?.user?.role === 'admin';
  const list = useQuery(
    'collections.list',
    {
      ...(backDated ? zoneDayBounds(day, zone) : { today: true }),
      ...(supervisor && typedOnly ? { typedOnly: true } : {}),
      includeVoided: true,
      limit: 500,
    },
    [day],
  );
  const { terms, loading: termsLoading } = useEntryTerms(product?.uuid, supplier?.uuid, collectedAt);
  const layout = layoutOf(terms, draft.centre);
  const preview = product ? previewOf(terms, layout, draft, product.uuid) : null;
  const hasScale = Boolean(scale.status && scale.status.state !== 'none');

  const change = (patch: Partial<EntryDraft>) => setDraft((d) => ({ ...d, ...patch }));

  useEffect(() => supplierInput.current?.focus(), []);
  useEffect(() => {
    const timer = setInterval(() => setNow(new Date()), 30_000);
    return () => clearInterval(timer);
  }, []);
  useEffect(() => {
    localStorage.setItem(SHIFT_KEY, JSON.stringify(rememberShift(draft.shift, new Date(), zone)));
  }, [draft.shift, zone]);

  // The terms in, Enter goes on where it was pressed (into the new product's first field, or saves).
  useEffect(() => {
    const from = pendingStep.current;
    if (termsLoading || !from) return;
    pendingStep.current = null;
    if (from.isConnected) focusAfter(from);
  });

  /** The product's terms are on their way (as on screen now: a late callback may hold an older render's state). */
  const waitingForTerms = () => form.current?.getAttribute('aria-busy') === 'true';

  /** The fields Enter walks through, in the order on screen. */
  function steps(): HTMLElement[] {
    return [...(form.current?.querySelectorAll<HTMLElement>('[data-step]') ?? [])];
  }

  function focusAfter(target: HTMLElement) {
    // What follows the weight is the product's rule fields (or saving), which wait for its terms.
    if (target === weightInput.current && waitingForTerms()) {
      pendingStep.current = target;
      return;
    }
    const all = steps();
    const next = all[all.indexOf(target) + 1];
    if (next) next.focus();
    else void save();
  }

  async function takeWeight(): Promise<boolean> {
    if (!product) return false;
    try {
      const reading = await call('scale.take', {});
      const taken = weightFromScale(reading, product.unit);
      if (!taken.ok) throw new ApiError('VALIDATION_FAILED', taken.error, { gross_weight_milli: taken.error });
      change({ weight: taken.text, fromScale: true });
      setErrors(({ weight: _drop, ...rest }) => rest);
      return true;
    } catch (error) {
      const message = error instanceof ApiError ? (error.fields.gross_weight_milli ?? error.message) : String(error);
      setErrors((e) => ({ ...e, weight: message }));
      return false;
    }
  }

  function onFormKey(e: KeyboardEvent<HTMLFormElement>) {
    const target = e.target as HTMLElement;
    // After an Enter that waits for the terms, typed keys are meant for the next field, which is not there yet.
    if (pendingStep.current && e.key.length === 1 && !e.ctrlKey && !e.metaKey && !e.altKey) {
      e.preventDefault();
      return;
    }
    if (e.key === 'F2') {
      e.preventDefault();
      void takeWeight().then((ok) => ok && weightInput.current && focusAfter(weightInput.current));
      return;
    }
    if (e.key !== 'Enter' || !target.hasAttribute('data-step')) return;
    e.preventDefault();
    if (target === weightInput.current && hasScale && draft.weight.trim() === '') {
      void takeWeight().then((ok) => ok && weightInput.current && focusAfter(weightInput.current));
      return;
    }
    focusAfter(target);
  }

  /** `unusualAnswered`: the clerk said Yes to the unusual-weight question (or it was asked already). */
  async function save(secondDelivery = draft.secondDelivery, unusualAnswered = false) {
    if (waitingForTerms()) {
      outcome.fail(`Wait a moment: the pricing terms for ${product?.code ?? 'the product'} are still loading.`);
      return;
    }
    const next: Record<string, string> = {};
    if (!supplier) next.supplier = 'Pick a supplier';
    if (!product) next.product = 'Add a product first (Products & rates)';
    const built = buildEntry({ ...draft, secondDelivery }, layout);
    if (!built.ok) Object.assign(next, built.errors);
    if (typedError) next.when = typedError;
    else if (typedAt && typedTimeProblem(typedAt)) next.when = typedTimeProblem(typedAt)!;
    setErrors(next);
    if (Object.keys(next).length || !supplier || !product || !built.ok) {
      outcome.fail(pleaseCorrect(Object.keys(next).length));
      return;
    }
    const question = unusualAnswered ? null : unusualWeightQuestion(built.fields, preview, terms, product.unit);
    if (question) {
      setUnusual(question);
      return;
    }
    try {
      const row = await call('collections.create', {
        supplier_uuid: supplier.uuid,
        product_uuid: product.uuid,
        ...built.fields,
        ...(collectedAt ? { collected_at: collectedAt } : {}),
      });
      outcome.ok(
        `Saved ${qty(row.quantity_milli)} ${product.unit} from ${supplier.code}: ${money(row.amount_minor)}` +
          (row.rejection_reason ? ' (refused at the scale)' : '') +
          (backDated ? ` — dated ${dayLabel(day)} ${when.slice(11)}` : ''),
      );
      setDraft((d) => ({ ...EMPTY_DRAFT, shift: d.shift }));
      setSupplier(null);
      supplierInput.current?.focus();
    } catch (error) {
      const fields = error instanceof ApiError ? error.fields : {};
      if (fields.second_delivery && !secondDelivery) {
        setSecond(fields.second_delivery);
        return;
      }
      setErrors(Object.fromEntries(Object.entries(fields).map(([f, m]) => [formFieldOf(f), m])));
      outcome.fail(failureMessage(error, Object.keys(fields)));
    }
  }

  const weightLabel = `${layout.weighs ? 'Gross weight' : 'Quantity'}${product ? ` (${product.unit})` : ''}`;

  return (
    <section>
      <h1>Record collections</h1>
      <form
        ref={form}
        className={`card entry${backDated ? ' entry--backdated' : ''}`}
        aria-label="Collection entry"
        aria-busy={termsLoading}
        onKeyDown={onFormKey}
        onSubmit={(e) => {
          e.preventDefault();
          void save();
        }}
      >
        <div className="entry__fields">
          <SupplierPicker
            value={supplier}
            onChange={(s) => {
              setSupplier(s);
              change({ centre: '' });
            }}
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
            data-step=""
            onChange={(e) => {
              setProductUuid(e.target.value);
              localStorage.setItem('collectpay.lastProduct', e.target.value);
              change({ grade: '', containers: {}, readings: {} });
            }}
            options={productList.map((p) => ({ value: p.uuid, label: `${p.code} — ${p.name} (${p.unit})` }))}
          />
          <div className={`field${errors.weight ? ' field--error' : ''}`}>
            <label htmlFor="entry-quantity">{weightLabel}</label>
            <input
              id="entry-quantity"
              ref={weightInput}
              data-step=""
              inputMode="decimal"
              autoComplete="off"
              value={draft.weight}
              placeholder={hasScale ? 'Enter: scale' : ''}
              aria-invalid={Boolean(errors.weight)}
              aria-describedby="entry-weight-source"
              onChange={(e) => change({ weight: e.target.value, fromScale: false })}
            />
            <div id="entry-weight-source" className="field__hint" data-testid="weight-source">
              {draft.weight ? (draft.fromScale ? 'From the scale' : 'Typed') : ''}
            </div>
            {errors.weight ? (
              <div className="field__error" role="alert">
                {errors.weight}
              </div>
            ) : null}
          </div>
          {hasScale ? (
            <div className="entry__scale">
              <LiveWeight status={scale.status} latest={scale.latest} />
              <button
                type="button"
                className="small secondary"
                onClick={() =>
                  void takeWeight().then((ok) => ok && weightInput.current && focusAfter(weightInput.current))
                }
              >
                Take weight (F2)
              </button>
            </div>
          ) : null}
        </div>
        <div className="entry__fields entry__fields--rule">
          {termsLoading ? (
            <p className="muted" role="status" data-testid="terms-loading">
              Loading the pricing terms for {product?.code}: its fields show when they are in, and Enter waits for them.
            </p>
          ) : (
            <WeighingFields
              layout={layout}
              draft={draft}
              errors={errors}
              unit={product?.unit ?? ''}
              money={money}
              change={change}
            />
          )}
        </div>
        <div className="entry__fields">
          {layout.weighs ? <ShiftCentreFields terms={terms} draft={draft} errors={errors} change={change} /> : null}
          <WhenField
            when={when}
            now={now}
            timeZone={zone}
            error={typedError ?? errors.when}
            onChange={(value) => {
              // What a save said of the old value is stale; a new one is judged as it is typed (typedError).
              setErrors(({ when: _stale, ...rest }) => rest);
              setWhen(value);
            }}
            onEnter={() => supplierInput.current?.focus()}
          />
        </div>
        <RejectionFields draft={draft} errors={errors} change={change} />
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
              : 'Dated now. Change the date and time (Tab from the weight) to enter an earlier day’s slips. F2 takes the weight on the scale.'}
        </p>
        <div className="entry__quote" aria-live="polite" data-testid="quote">
          {preview && !preview.ok ? (
            <span className="warn">{preview.problem}</span>
          ) : preview ? (
            <>
              {layout.weighs
                ? `Net ${qty(preview.quantity_milli)} ${product?.unit} (tare ${qty(preview.tare_milli)} ${product?.unit}) · `
                : ''}
              Rate {money(preview.rate_minor)} per {product?.unit} · Amount{' '}
              <strong>{money(preview.amount_minor)}</strong>
            </>
          ) : terms && !layout.problem ? (
            <span className="muted">
              {terms.rule
                ? `Priced by the pricing rule from ${terms.rule.effective_from}`
                : `Rate ${money(terms.rate_minor ?? 0)} per ${product?.unit}`}{' '}
              · Amount —
            </span>
          ) : layout.problem ? (
            <span className="warn">{layout.problem}</span>
          ) : null}
        </div>
        <Notice notice={outcome.notice} />
        <button type="submit">Save (Enter)</button>
      </form>
      {second ? (
        <ConfirmDialog
          title="Second delivery this shift?"
          confirmLabel="Record a second delivery"
          onCancel={() => {
            setSecond(null);
            supplierInput.current?.focus();
          }}
          onConfirm={async () => {
            setSecond(null);
            change({ secondDelivery: true });
            // The weight was judged before the save that asked this.
            await save(true, true);
          }}
        >
          <p>{second.charAt(0).toUpperCase() + second.slice(1)}.</p>
          <p>Record it as a second delivery only if the supplier really brought produce twice in this shift.</p>
        </ConfirmDialog>
      ) : null}
      {unusual ? (
        <ConfirmDialog
          title="Unusual weight"
          confirmLabel="Save anyway"
          onCancel={() => {
            setUnusual(null);
            weightInput.current?.select();
          }}
          onConfirm={async () => {
            setUnusual(null);
            await save(draft.secondDelivery, true);
          }}
        >
          <p data-testid="unusual-weight">{unusual}</p>
          <p className="muted small">Enter or Escape: No, back to the weight to correct it.</p>
        </ConfirmDialog>
      ) : null}
      <h2>{backDated ? `Collections on ${dayLabel(day)}` : 'Today’s collections'}</h2>
      <CollectionsTable
        rows={list.data?.rows ?? []}
        label={backDated ? 'Collections on the chosen day' : "Today's collections"}
        typedOnly={supervisor ? typedOnly : null}
        onTypedOnly={setTypedOnly}
        onVoided={outcome.ok}
      />
    </section>
  );
}
