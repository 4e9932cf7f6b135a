import type { FastifyError, FastifyInstance, FastifyReply } from 'fastify';
import { AppError, HTTP_STATUS, type ErrorBody, type ErrorCode, type FieldErrors } from '../../../shared';

function sendError(reply: FastifyReply, code: ErrorCode, message: string, fields?: FieldErrors) {
  const body: ErrorBody = { error: { code, message, ...(fields ? { fields } : {}) } };
  return reply.status(HTTP_STATUS[code]).send(body);
}

/** Maps Fastify's own errors onto the protocol's codes, so every non-2xx answer has the same shape. */
function classify(error: FastifyError): { code: ErrorCode; message: string } | null {
  switch (error.code) {
    case 'FST_ERR_CTP_INVALID_JSON_BODY':
    case 'FST_ERR_CTP_EMPTY_JSON_BODY':
      return { code: 'BAD_JSON', message: 'The request body is not valid JSON' };
    case 'FST_ERR_CTP_BODY_TOO_LARGE':
      return { code: 'PAYLOAD_TOO_LARGE', message: 'The request body is too large' };
    case 'FST_ERR_CTP_INVALID_MEDIA_TYPE':
    case 'FST_ERR_CTP_INVALID_CONTENT_LENGTH':
      return { code: 'UNSUPPORTED_MEDIA_TYPE', message: 'Send the body as application/json' };
    default:
      break;
  }
  if (error instanceof SyntaxError || error.statusCode === 400) {
    return { code: 'BAD_JSON', message: 'The request body is not valid JSON' };
  }
  if (error.statusCode === 413) return { code: 'PAYLOAD_TOO_LARGE', message: 'The request body is too large' };
  if (error.statusCode === 415) return { code: 'UNSUPPORTED_MEDIA_TYPE', message: error.message };
  if (error.statusCode === 429) return { code: 'RATE_LIMITED', message: 'Too many requests; wait a minute and retry' };
  return null;
}

/**
 * Fastify's errors raised while routing, in the protocol's shape: a path that is not valid percent-encoded UTF-8
 * (`%FF`, an encoded lone surrogate) or a path segment longer than any id names no resource.
 */
export function frameworkErrors(error: FastifyError, _request: unknown, reply: FastifyReply): void {
  if (error.code === 'FST_ERR_BAD_URL' || error.code === 'FST_ERR_MAX_PARAM_LENGTH') {
    void sendError(reply, 'NOT_FOUND', 'No such endpoint: the address is malformed or a part of it is too long');
    return;
  }
  void sendError(reply, 'INTERNAL', 'Something went wrong on the server; the request changed nothing');
}

export function registerErrorHandling(app: FastifyInstance): void {
  app.setErrorHandler((error: FastifyError, request, reply) => {
    if (error instanceof AppError) return sendError(reply, error.code, error.message, error.fields);
    const known = classify(error);
    if (known) return sendError(reply, known.code, known.message);
    request.log.error({ err: error }, 'unhandled error');
    return sendError(reply, 'INTERNAL', 'Something went wrong on the server; the request changed nothing');
  });
  app.setNotFoundHandler((request, reply) =>
    sendError(reply, 'NOT_FOUND', `No such endpoint: ${request.method} ${request.url.split('?')[0]}`),
  );
}
