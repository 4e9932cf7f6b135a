import { formFields } from './form-fields';

/** A failed call, with the field problems the core named, keyed as forms name them (shown beside their fields). */
export class ApiError extends Error {
  readonly fields: Record<string, string>;
  constructor(
    readonly code: string,
    message: string,
    fields: Record<string, string> = {},
  ) {
    super(message);
    this.fields = formFields(fields);
  }
}
