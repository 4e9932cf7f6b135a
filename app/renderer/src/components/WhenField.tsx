import { toZoneInput } from '../lib/when';

interface Props {
  when: string;
  now: Date;
  /** The org's zone: the clock the value is typed and shown on. */
  timeZone: string;
  error: string | undefined;
  onChange(value: string): void;
  onEnter(): void;
}

/** A record's date and time (collection, payment): now unless the clerk types up an earlier day's slips ("Now" goes back). */
export function WhenField({ when, now, timeZone, error, onChange, onEnter }: Props) {
  return (
    <div className={`field${error ? ' field--error' : ''}`}>
      <label htmlFor="entry-when">Date and time</label>
      <div className="row nowrap">
        <input
          id="entry-when"
          type="datetime-local"
          value={when || toZoneInput(now, timeZone)}
          max={toZoneInput(new Date(now.getTime() + 5 * 60_000), timeZone)}
          aria-invalid={Boolean(error)}
          aria-describedby="entry-when-note"
          onChange={(e) => onChange(e.target.value)}
          onKeyDown={(e) => {
            if (e.key !== 'Enter') return;
            e.preventDefault();
            onEnter();
          }}
        />
        {when ? (
          <button type="button" className="small secondary" onClick={() => onChange('')}>
            Now
          </button>
        ) : null}
      </div>
      {error ? (
        <div className="field__error" role="alert">
          {error}
        </div>
      ) : null}
    </div>
  );
}
