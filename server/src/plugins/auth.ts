import jwt from '@fastify/jwt';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { AppError, assertCan, type Action, type Role } from '../../../shared';

export interface AccessClaims {
  sub: string;
  role: Role;
  device_id: string;
  /** The user's token generation when signed in; deactivating the user moves it on (absent in older tokens). */
  gen?: number;
  /** The refresh-token family (the sign-in) this token belongs to; revoking it ends the token too. */
  fam?: string;
  /** Expiry (seconds since the epoch), set by the signer. */
  exp?: number;
}

declare module '@fastify/jwt' {
  interface FastifyJWT {
    payload: AccessClaims;
    user: AccessClaims;
  }
}

declare module 'fastify' {
  interface FastifyInstance {
    authenticate(request: FastifyRequest): Promise<AccessClaims>;
  }
  interface FastifyRequest {
    /** Set by the onRequest hook on every route that is not public. */
    claims: AccessClaims | null;
  }
  interface FastifyContextConfig {
    /** Health and sign-in: no access token needed. Every other route needs one. */
    public?: boolean;
    /** The action the token's role must be allowed, checked with the token, before the body is read. */
    can?: Action;
  }
}

/** Looks at the token's user and sign-in now (deactivated, revoked): throws when the token must not be used. */
export type SessionCheck = (claims: AccessClaims) => Promise<void>;

/**
 * Access tokens: HS256 only (no "none", no algorithm confusion), short-lived, carrying user, role and device.
 * The token (and the route's role) is checked in onRequest, before the body is parsed: a request without a
 * valid token gets 401, and a clerk 403, whatever its body — never 400 or 413 (docs/protocol.md, "Auth").
 */
export async function registerAuth(
  app: FastifyInstance,
  options: { secret: string; ttlSeconds: number; checkSession?: SessionCheck },
) {
  await app.register(jwt, {
    secret: options.secret,
    sign: { algorithm: 'HS256', expiresIn: options.ttlSeconds },
    verify: { algorithms: ['HS256'] },
  });

  async function verify(request: FastifyRequest): Promise<AccessClaims> {
    if (!request.headers.authorization)
      throw new AppError('UNAUTHENTICATED', 'Sign in first: no access token was sent');
    let claims: AccessClaims;
    try {
      claims = await request.jwtVerify<AccessClaims>();
    } catch (error) {
      const code = (error as { code?: string }).code;
      if (code === 'FST_JWT_AUTHORIZATION_TOKEN_EXPIRED') {
        throw new AppError('TOKEN_EXPIRED', 'The access token has expired; refresh it');
      }
      throw new AppError('UNAUTHENTICATED', 'The access token is not valid');
    }
    if (typeof claims.sub !== 'string' || typeof claims.device_id !== 'string' || !claims.role) {
      throw new AppError('UNAUTHENTICATED', 'The access token is not valid');
    }
    await options.checkSession?.(claims);
    return claims;
  }

  app.decorateRequest('claims', null);
  app.addHook('onRequest', async (request) => {
    const route = request.routeOptions;
    // No route matched: the 404 answer says so, with or without a token.
    if (!route.url || route.config.public) return;
    request.claims = await verify(request);
    if (route.config.can) requireCan(request.claims, route.config.can);
  });

  app.decorate('authenticate', async (request: FastifyRequest): Promise<AccessClaims> => {
    request.claims ??= await verify(request);
    return request.claims;
  });
}

/** Throws FORBIDDEN ("Only a supervisor may resolve conflicts") unless the token's role may do the action. */
export function requireCan(claims: AccessClaims, action: Action): void {
  assertCan(claims.role, action);
}
