import { PRICING_METHODS, type PricingMethod } from '../../../../../../shared';
import { Field, SelectField } from '../../../components/Field';
import type { EditorProps } from './cells';
import { ChartEditor } from './ChartEditor';
import { FormulaEditor } from './FormulaEditor';
import { GradesEditor } from './GradesEditor';
import type { RateForm } from './rule-form';

export const METHOD_LABELS: Record<PricingMethod, string> = {
  base: 'One base rate',
  grade: 'By grade',
  chart: 'Quality chart',
  formula: 'Quality formula',
};

/** How the rate is found, and that method's editor; the other methods' fields are kept while switching. */
export function RateEditor({
  value,
  onChange,
  errors,
  path,
  currency,
  name = 'Priced',
  prefix = '',
}: EditorProps<RateForm> & { currency: string; name?: string; prefix?: string }) {
  return (
    <div className="editor-part">
      <SelectField
        label={name}
        value={value.by}
        onChange={(e) => onChange({ ...value, by: e.target.value as PricingMethod })}
        options={PRICING_METHODS.map((m) => ({ value: m, label: METHOD_LABELS[m] }))}
        error={errors[path] ?? errors[`${path}.by`]}
      />
      {value.by === 'base' ? (
        <Field
          label={`Base rate (${currency})`}
          inputMode="decimal"
          value={value.base}
          onChange={(e) => onChange({ ...value, base: e.target.value })}
          error={errors[`${path}.base_rate_minor`]}
        />
      ) : null}
      {value.by === 'grade' ? (
        <GradesEditor
          value={value.grades}
          onChange={(grades) => onChange({ ...value, grades })}
          errors={errors}
          path={`${path}.grades`}
          currency={currency}
          prefix={prefix}
        />
      ) : null}
      {value.by === 'chart' ? (
        <ChartEditor
          value={value}
          onChange={(chart) => onChange({ ...value, ...chart })}
          errors={errors}
          path={path}
          currency={currency}
        />
      ) : null}
      {value.by === 'formula' ? (
        <FormulaEditor
          value={value.formula}
          onChange={(formula) => onChange({ ...value, formula })}
          errors={errors}
          path={path}
          currency={currency}
        />
      ) : null}
    </div>
  );
}
