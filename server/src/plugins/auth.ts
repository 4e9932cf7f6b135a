import jwt from '@fastify/jwt';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { AppError, assertCan, type Action, type Role } from '../../../shared';

export interface AccessClaims {
  sub: string;
  role: Role;
  device_id: string;
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
}

/** Access tokens: HS256 only (no "none", no algorithm confusion), short-lived, carrying user, role and device. */
export async function registerAuth(app: FastifyInstance, options: { secret: string; ttlSeconds: number }) {
  await app.register(jwt, {
    secret: options.secret,
    sign: { algorithm: 'HS256', expiresIn: options.ttlSeconds },
    verify: { algorithms: ['HS256'] },
  });

  app.decorate('authenticate', async (request: FastifyRequest): Promise<AccessClaims> => {
    if (!request.headers.authorization)
      throw new AppError('UNAUTHENTICATED', 'Sign in first: no access token was sent');
    try {
      const claims = await request.jwtVerify<AccessClaims>();
      if (typeof claims.sub !== 'string' || typeof claims.device_id !== 'string' || !claims.role) {
        throw new AppError('UNAUTHENTICATED', 'The access token is not valid');
      }
      return claims;
    } catch (error) {
      if (error instanceof AppError) throw error;
      const code = (error as { code?: string }).code;
      if (code === 'FST_JWT_AUTHORIZATION_TOKEN_EXPIRED') {
        throw new AppError('TOKEN_EXPIRED', 'The access token has expired; refresh it');
      }
      throw new AppError('UNAUTHENTICATED', 'The access token is not valid');
    }
  });
}

/** Throws FORBIDDEN ("Only a supervisor may resolve conflicts") unless the token's role may do the action. */
export function requireCan(claims: AccessClaims, action: Action): void {
  assertCan(claims.role, action);
}
