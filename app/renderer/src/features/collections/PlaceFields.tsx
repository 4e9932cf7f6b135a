import { REJECTION_REASON_LABELS, REJECTION_REASONS, SHIFT_LABELS, SHIFTS } from '../../../../../shared';
import type { EntryTerms } from '../../../../../shared/ipc/types';
import { Field, SelectField } from '../../components/Field';
import type { EntryDraft } from './entry-form';

interface Props {
  terms: EntryTerms | null;
  draft: EntryDraft;
  errors: Record<string, string>;
  change(patch: Partial<EntryDraft>): void;
}

/** Shift and centre (kept from entry to entry, so Tab reaches them but Enter skips them). */
export function ShiftCentreFields({ terms, draft, errors, change }: Props) {
  const own = terms?.centres.find((c) => c.uuid === terms.centre_uuid);
  return (
    <>
      <SelectField
        label="Shift"
        id="entry-shift"
        value={draft.shift}
        error={errors.shift}
        onChange={(e) => change({ shift: e.target.value as EntryDraft['shift'] })}
        options={SHIFTS.map((s) => ({ value: s, label: SHIFT_LABELS[s] }))}
      />
      {terms?.centres.length ? (
        <SelectField
          label="Centre"
          id="entry-centre"
          value={draft.centre}
          error={errors.centre}
          onChange={(e) => change({ centre: e.target.value })}
          options={[
            { value: '', label: own ? `Supplier’s own: ${own.code} — ${own.name}` : 'Supplier’s own (none set)' },
            ...terms.centres.map((c) => ({ value: c.uuid, label: `${c.code} — ${c.name}` })),
          ]}
        />
      ) : null}
    </>
  );
}

/** A delivery refused at the scale: recorded at no amount, with its reason ("other" needs a note). */
export function RejectionFields({ draft, errors, change }: Omit<Props, 'terms'>) {
  return (
    <fieldset className="entry__group entry__rejection">
      <label className="check">
        <input
          type="checkbox"
          id="entry-rejected"
          checked={draft.rejected}
          onChange={(e) => change({ rejected: e.target.checked })}
        />{' '}
        Refused at the scale (recorded at no amount)
      </label>
      {draft.rejected ? (
        <div className="row">
          <SelectField
            label="Reason"
            id="entry-reason"
            value={draft.reason}
            error={errors.reason}
            onChange={(e) => change({ reason: e.target.value as EntryDraft['reason'] })}
            options={REJECTION_REASONS.map((r) => ({ value: r, label: REJECTION_REASON_LABELS[r] }))}
          />
          <Field
            label={draft.reason === 'other' ? 'Note (required)' : 'Note'}
            id="entry-note"
            value={draft.note}
            error={errors.note}
            maxLength={500}
            onChange={(e) => change({ note: e.target.value })}
          />
        </div>
      ) : null}
    </fieldset>
  );
}
