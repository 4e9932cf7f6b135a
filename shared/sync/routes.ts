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
  ResolveConflictResponseSchema,
  SettlementRunAnswerSchema,
  SettlementRunListSchema,
  TokenResponseSchema,
} from './protocol';
import type { Action } from '../domain/permissions';
import { PayoutResultsBodySchema } from '../domain/payout-results';
import { SettlementRunCreateSchema } from '../domain/settlement-runs';
import { ResolveConflictRequestSchema } from './conflict-resolution';

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
  /** Health and sign-in: no access token needed. Every other route needs one. */
  public?: true;
  /** The action the token's role must be allowed, checked with the token before the body is read. */
  can?: Action;
}

const route = <Req extends z.ZodType, Res extends z.ZodType>(
  method: Route['method'],
  path: string,
  request: Req,
  response: Res,
  access: { public?: true; can?: Action } = {},
): Route<Req, Res> => ({ method, path, request, response, ...access });

const open = { public: true } as const;

export const ROUTES = {
  login: route('POST', '/api/v1/auth/login', LoginRequestSchema, TokenResponseSchema, open),
  refresh: route('POST', '/api/v1/auth/refresh', RefreshRequestSchema, TokenResponseSchema, open),
  logout: route('POST', '/api/v1/auth/logout', RefreshRequestSchema, NoContentSchema, open),
  push: route('POST', '/api/v1/sync/push', PushRequestSchema, PushResponseSchema),
  pull: route('POST', '/api/v1/sync/pull', PullRequestSchema, PullResponseSchema),
  conflicts: route('GET', '/api/v1/conflicts', ConflictListQuerySchema, ConflictListSchema, {
    can: 'conflicts.list',
  }),
  resolveConflict: route(
    'POST',
    '/api/v1/conflicts/:id/resolve',
    ResolveConflictRequestSchema,
    ResolveConflictResponseSchema,
    { can: 'conflicts.resolve' },
  ),
  reopenConflict: route('POST', '/api/v1/conflicts/:id/reopen', EmptyRequestSchema, ReopenConflictResponseSchema, {
    can: 'conflicts.reopen',
  }),
  conflictStatuses: route('POST', '/api/v1/conflicts/status', ConflictStatusRequestSchema, ConflictListSchema),
  health: route('GET', '/api/v1/health', EmptyRequestSchema, HealthResponseSchema, open),
  settlementRuns: route('GET', '/api/v1/settlements', EmptyRequestSchema, SettlementRunListSchema, {
    can: 'settlements.run',
  }),
  createSettlementRun: route('POST', '/api/v1/settlements', SettlementRunCreateSchema, SettlementRunAnswerSchema, {
    can: 'settlements.run',
  }),
  settlementRun: route('GET', '/api/v1/settlements/:id', EmptyRequestSchema, SettlementRunAnswerSchema, {
    can: 'settlements.run',
  }),
  recomputeSettlementRun: route(
    'POST',
    '/api/v1/settlements/:id/recompute',
    EmptyRequestSchema,
    SettlementRunAnswerSchema,
    { can: 'settlements.run' },
  ),
  approveSettlementRun: route(
    'POST',
    '/api/v1/settlements/:id/approve',
    EmptyRequestSchema,
    SettlementRunAnswerSchema,
    {
      can: 'settlements.approve',
    },
  ),
  recordPayoutResults: route(
    'POST',
    '/api/v1/settlements/:id/payout-results',
    PayoutResultsBodySchema,
    SettlementRunAnswerSchema,
    { can: 'settlements.pay' },
  ),
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
