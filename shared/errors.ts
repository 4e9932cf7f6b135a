/** Stable error codes shared by the server, the desktop core and the renderer (docs/protocol.md "Errors"). */
export const ERROR_CODES = [
  'UNAUTHENTICATED',
  'TOKEN_EXPIRED',
  'INVALID_CREDENTIALS',
  'FORBIDDEN',
  'VALIDATION_FAILED',
  'BATCH_TOO_LARGE',
  'PAYLOAD_TOO_LARGE',
  'RATE_LIMITED',
  'NOT_FOUND',
  'VERSION_MISMATCH',
  'ALREADY_RESOLVED',
  'IDEMPOTENCY_MISMATCH',
  'BAD_JSON',
  'CONFLICT',
  'UNSUPPORTED_MEDIA_TYPE',
  'INTERNAL',
  'UNAVAILABLE',
  'PERIOD_CLOSED',
  'PROTOCOL_MISMATCH',
  'BAD_RESPONSE',
  // Desk-only: the notes an outbox op can carry (outbox.last_error) besides the server's own codes.
  'NO_ANSWER',
  'DISCARDED',
  'MAPPED',
  'UNKNOWN',
] as const;

export type ErrorCode = (typeof ERROR_CODES)[number];

export type FieldErrors = Record<string, string>;

/** An error that knows its protocol code and, for validation, which fields are wrong. */
export class AppError extends Error {
  readonly code: ErrorCode;
  readonly fields?: FieldErrors;

  constructor(code: ErrorCode, message: string, fields?: FieldErrors) {
    super(message);
    this.name = 'AppError';
    this.code = code;
    if (fields && Object.keys(fields).length > 0) this.fields = fields;
  }
}

export function validationError(fields: FieldErrors, message?: string): AppError {
  const summary =
    message ??
    Object.entries(fields)
      .map(([field, problem]) => `${field}: ${problem}`)
      .join('; ');
  return new AppError('VALIDATION_FAILED', summary, fields);
}

export function notFound(what: string): AppError {
  return new AppError('NOT_FOUND', `${what} was not found`);
}

export function isAppError(error: unknown): error is AppError {
  return error instanceof AppError;
}

/** The HTTP status each code travels with (docs/protocol.md). */
export const HTTP_STATUS: Record<ErrorCode, number> = {
  UNAUTHENTICATED: 401,
  TOKEN_EXPIRED: 401,
  INVALID_CREDENTIALS: 401,
  FORBIDDEN: 403,
  VALIDATION_FAILED: 422,
  BATCH_TOO_LARGE: 422,
  PAYLOAD_TOO_LARGE: 413,
  RATE_LIMITED: 429,
  NOT_FOUND: 404,
  VERSION_MISMATCH: 409,
  ALREADY_RESOLVED: 409,
  IDEMPOTENCY_MISMATCH: 422,
  BAD_JSON: 400,
  CONFLICT: 409,
  UNSUPPORTED_MEDIA_TYPE: 415,
  INTERNAL: 500,
  UNAVAILABLE: 503,
  PERIOD_CLOSED: 422,
  /** A desk the server no longer serves (or newer than it): the message says which side to update. */
  PROTOCOL_MISMATCH: 426,
  /** Desk-side only: the server answered 2xx with a body that does not match the route's response schema. */
  BAD_RESPONSE: 502,
  /** Desk-only (an outbox op's note; never sent): the status each would have. */
  NO_ANSWER: 502,
  DISCARDED: 410,
  MAPPED: 409,
  UNKNOWN: 500,
};

export function isErrorCode(code: string): code is ErrorCode {
  return (ERROR_CODES as readonly string[]).includes(code);
}
