import type { z } from 'zod';
import {
  ConflictListQuerySchema,
  ConflictListSchema,
  ConflictStatusRequestSchema,
  EmptyRequestSchema,
  HealthResponseSchema,
  LoginRequestSchema,
  NoContentSchema,
  PullRequestSchema,
  PullResponseSchema,
  PushRequestSchema,
  PushResponseSchema,
  RefreshRequestSchema,
  ReopenConflictResponseSchema,
  ResolveConflictRequestSchema,
  ResolveConflictResponseSchema,
  TokenResponseSchema,
} from './protocol';

/**
 * Every HTTP route once: method, path, what it takes (the body, or the query of a GET) and what it answers. The
 * server registers its handlers from this table; the desk's client calls through it and parses every answer with
 * `response`. The live stream (server-sent events of LiveMessage) is the one route outside: it is not JSON.
 */
export interface Route<Req extends z.ZodType = z.ZodType, Res extends z.ZodType = z.ZodType> {
  method: 'GET' | 'POST';
  /** `:name` segments are filled from the call's params. */
  path: string;
  request: Req;
  response: Res;
}

const route = <Req extends z.ZodType, Res extends z.ZodType>(
  method: Route['method'],
  path: string,
  request: Req,
  response: Res,
): Route<Req, Res> => ({ method, path, request, response });

export const ROUTES = {
  login: route('POST', '/api/v1/auth/login', LoginRequestSchema, TokenResponseSchema),
  refresh: route('POST', '/api/v1/auth/refresh', RefreshRequestSchema, TokenResponseSchema),
  logout: route('POST', '/api/v1/auth/logout', RefreshRequestSchema, NoContentSchema),
  push: route('POST', '/api/v1/sync/push', PushRequestSchema, PushResponseSchema),
  pull: route('POST', '/api/v1/sync/pull', PullRequestSchema, PullResponseSchema),
  conflicts: route('GET', '/api/v1/conflicts', ConflictListQuerySchema, ConflictListSchema),
  resolveConflict: route(
    'POST',
    '/api/v1/conflicts/:id/resolve',
    ResolveConflictRequestSchema,
    ResolveConflictResponseSchema,
  ),
  reopenConflict: route('POST', '/api/v1/conflicts/:id/reopen', EmptyRequestSchema, ReopenConflictResponseSchema),
  conflictStatuses: route('POST', '/api/v1/conflicts/status', ConflictStatusRequestSchema, ConflictListSchema),
  health: route('GET', '/api/v1/health', EmptyRequestSchema, HealthResponseSchema),
} as const;

export type RequestOf<R extends Route> = z.input<R['request']>;
export type ResponseOf<R extends Route> = z.output<R['response']>;

/** A route's path with its `:name` segments filled in. */
export function pathOf(route: Route, params: Record<string, string> = {}): string {
  return route.path.replace(/:(\w+)/g, (_, name: string) => {
    const value = params[name];
    if (value === undefined) throw new Error(`${route.path} needs ${name}`);
    return encodeURIComponent(value);
  });
}
