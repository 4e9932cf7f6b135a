import { useState } from 'react';
import type { z } from 'zod';
import { fieldErrorsOf } from '../../../../shared';
import { ApiError } from './api';
import { failureMessage, pleaseCorrect } from './failure';

/** Form state with field errors: checked with the shared schema first, then by the core. */
export function useForm<S extends z.ZodType>(schema: S) {
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [message, setMessage] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  async function submit<T>(input: unknown, action: (valid: z.output<S>) => Promise<T>): Promise<T | null> {
    const parsed = schema.safeParse(input);
    if (!parsed.success) {
      const fields = fieldErrorsOf(parsed.error, input);
      setErrors(fields);
      setMessage(pleaseCorrect(Object.keys(fields).length));
      return null;
    }
    setBusy(true);
    try {
      const result = await action(parsed.data);
      setErrors({});
      setMessage(null);
      return result;
    } catch (error) {
      const onForm = input && typeof input === 'object' ? Object.keys(input) : [];
      setErrors(error instanceof ApiError ? error.fields : {});
      setMessage(failureMessage(error, onForm));
      return null;
    } finally {
      setBusy(false);
    }
  }

  return { errors, setErrors, message, setMessage, busy, submit };
}

/**
 * A list's "add" form (values typed as text, parsed by the screen): open or closed, its values, its errors; `save`
 * runs the call and, when it succeeds, empties and closes the form, else shows the core's field errors.
 */
export function useAddForm<V>(initial: () => V, formFields: string[]) {
  const [values, setValues] = useState(initial);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [message, setMessage] = useState<string | null>(null);
  const [adding, setAdding] = useState(false);

  /** Field errors found before anything is sent. */
  function refuse(fields: Record<string, string>, text: string) {
    setErrors(fields);
    setMessage(text);
  }

  async function save(call: () => Promise<unknown>): Promise<void> {
    try {
      await call();
      setValues(initial());
      setErrors({});
      setMessage(null);
      setAdding(false);
    } catch (error) {
      setErrors(error instanceof ApiError ? error.fields : {});
      setMessage(failureMessage(error, formFields));
    }
  }

  return { values, setValues, errors, message, adding, setAdding, refuse, save };
}
