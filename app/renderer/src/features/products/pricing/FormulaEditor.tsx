import { Field } from '../../../components/Field';
import { Cell, removeAt, replaceAt, type EditorProps } from './cells';
import { ReadingEditor } from './ReadingEditor';
import { emptyTerm, type FormulaForm, type TermForm } from './rule-form';

/** rate = base + Σ coefficient × (reading − reference), held between a lowest and a highest rate. */
export function FormulaEditor({
  value,
  onChange,
  errors,
  path,
  currency,
}: EditorProps<FormulaForm> & { currency: string }) {
  const set = (patch: Partial<FormulaForm>) => onChange({ ...value, ...patch });
  const setTerm = (i: number, patch: Partial<TermForm>) =>
    set({ terms: replaceAt(value.terms, i, { ...value.terms[i]!, ...patch }) });
  return (
    <div className="editor-part">
      <div className="grid3">
        <Field
          label={`Base rate (${currency})`}
          inputMode="decimal"
          value={value.base}
          onChange={(e) => set({ base: e.target.value })}
          error={errors[`${path}.base_rate_minor`]}
          hint="Paid at the reference readings"
        />
        <Field
          label={`Lowest rate (${currency})`}
          inputMode="decimal"
          value={value.min}
          onChange={(e) => set({ min: e.target.value })}
          error={errors[`${path}.min_rate_minor`]}
        />
        <Field
          label={`Highest rate (${currency})`}
          inputMode="decimal"
          value={value.max}
          onChange={(e) => set({ max: e.target.value })}
          error={errors[`${path}.max_rate_minor`]}
        />
      </div>
      {value.terms.map((term, i) => (
        <fieldset key={i} className="axis">
          <legend>
            Term {i + 1}
            <button
              type="button"
              className="small secondary"
              aria-label={`Remove term ${i + 1}`}
              onClick={() => set({ terms: removeAt(value.terms, i) })}
            >
              Remove
            </button>
          </legend>
          <ReadingEditor
            name={`Term ${i + 1} reading`}
            value={term.reading}
            onChange={(reading) => setTerm(i, { reading })}
            errors={errors}
            path={`${path}.terms.${i}.reading`}
          />
          <div className="reading">
            <label className="reading__part">
              <span>Reference</span>
              <Cell
                label={`Term ${i + 1} reference`}
                inputMode="decimal"
                value={term.reference}
                onChange={(e) => setTerm(i, { reference: e.target.value })}
                error={errors[`${path}.terms.${i}.reference`]}
              />
            </label>
            <label className="reading__part">
              <span>Per whole unit ({currency} minor units)</span>
              <Cell
                label={`Term ${i + 1} coefficient`}
                inputMode="decimal"
                value={term.coefficient}
                onChange={(e) => setTerm(i, { coefficient: e.target.value })}
                error={errors[`${path}.terms.${i}.coefficient`]}
              />
            </label>
          </div>
        </fieldset>
      ))}
      {errors[`${path}.terms`] ? <div className="field__error">{errors[`${path}.terms`]}</div> : null}
      <button type="button" className="small secondary" onClick={() => set({ terms: [...value.terms, emptyTerm()] })}>
        Add term
      </button>
    </div>
  );
}
