import { formatRange, toDecimalString } from '../../../../../shared';
import { Field, SelectField } from '../../components/Field';
import type { EntryDraft, EntryLayout } from './entry-form';

interface Props {
  layout: EntryLayout;
  draft: EntryDraft;
  errors: Record<string, string>;
  unit: string;
  money(minor: number): string;
  change(patch: Partial<EntryDraft>): void;
}

/**
 * The fields a pricing rule adds after the weight, each only when the rule in force here uses it: container
 * counts (their tare comes off the gross), the grade, and the quality readings in the rule's own labels and scale.
 * Enter moves through them (data-step) and the last one saves.
 */
export function WeighingFields({ layout, draft, errors, unit, money, change }: Props) {
  return (
    <>
      {layout.tares.length ? (
        <fieldset className={`entry__group${errors.containers ? ' field--error' : ''}`}>
          <legend>Containers (tare)</legend>
          <div className="entry__counts">
            {layout.tares.map((t) => (
              <Field
                key={t.code}
                label={`${t.label} (${toDecimalString(t.tare_milli, 3)} ${unit})`}
                id={`entry-container-${t.code}`}
                data-step=""
                inputMode="numeric"
                autoComplete="off"
                placeholder="0"
                value={draft.containers[t.code] ?? ''}
                onChange={(e) => change({ containers: { ...draft.containers, [t.code]: e.target.value } })}
              />
            ))}
          </div>
          {errors.containers ? (
            <div className="field__error" role="alert">
              {errors.containers}
            </div>
          ) : null}
        </fieldset>
      ) : null}
      {layout.grades.length ? (
        <SelectField
          label="Grade"
          id="entry-grade"
          data-step=""
          value={draft.grade}
          error={errors.grade}
          onChange={(e) => change({ grade: e.target.value })}
          options={[
            { value: '', label: 'Pick a grade…' },
            ...layout.grades.map((g) => ({ value: g.code, label: `${g.code} — ${g.label} (${money(g.rate_minor)})` })),
          ]}
        />
      ) : null}
      {layout.readings.map((r) => (
        <Field
          key={r.key}
          label={r.label}
          id={`entry-reading-${r.key}`}
          data-step=""
          inputMode="decimal"
          autoComplete="off"
          placeholder={formatRange(r.min, r.max, r)}
          value={draft.readings[r.key] ?? ''}
          error={errors[`readings.${r.key}`]}
          onChange={(e) => change({ readings: { ...draft.readings, [r.key]: e.target.value } })}
        />
      ))}
      {errors.readings ? (
        <div className="field__error" role="alert">
          {errors.readings}
        </div>
      ) : null}
    </>
  );
}
