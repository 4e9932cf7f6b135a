import { useId, type InputHTMLAttributes } from 'react';
import type { FieldErrors } from '../../../../../../shared';

/** An input inside an editor's table: labelled for screen readers, its error right under it. */
export function Cell({
  label,
  error,
  ...input
}: InputHTMLAttributes<HTMLInputElement> & { label: string; error?: string }) {
  const id = useId();
  return (
    <div className={`cell${error ? ' cell--error' : ''}`}>
      <input
        aria-label={label}
        aria-invalid={Boolean(error)}
        aria-describedby={error ? `${id}-error` : undefined}
        {...input}
      />
      {error ? (
        <div className="field__error" id={`${id}-error`} role="alert">
          {error}
        </div>
      ) : null}
    </div>
  );
}

/** A message the schema gives a whole list or row (a gap between bands, a grid of the wrong size). */
export function GroupError({ error }: { error?: string }) {
  return error ? (
    <div className="field__error" role="alert">
      {error}
    </div>
  ) : null;
}

/** What each editor part is handed: the errors by schema path, and where it sits in the terms. */
export interface EditorProps<T> {
  value: T;
  onChange(next: T): void;
  errors: FieldErrors;
  path: string;
}

export const replaceAt = <T,>(list: readonly T[], index: number, item: T): T[] =>
  list.map((old, i) => (i === index ? item : old));
export const removeAt = <T,>(list: readonly T[], index: number): T[] => list.filter((_, i) => i !== index);
