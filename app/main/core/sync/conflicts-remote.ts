import { AppError, ROUTES, type ResolveConflictRequest, type WireRow } from '../../../../shared';
import type { AuthService } from '../auth/auth-service';
import type { HttpClient } from './http-client';

/** The server's half of resolving and reopening a conflict (a resolution is a new version on the server). */
export interface ConflictsRemote {
  resolve(conflictId: string, request: ResolveConflictRequest): Promise<WireRow>;
  reopen(conflictId: string): Promise<void>;
}

export function createConflictsRemote(auth: AuthService, http: () => HttpClient | null): ConflictsRemote {
  function online(): HttpClient {
    const client = http();
    if (!client)
      throw new AppError('VALIDATION_FAILED', 'Resolving a conflict needs the office server; none is configured');
    return client;
  }
  return {
    async resolve(conflictId, request) {
      const client = online();
      const answer = await auth.authed((token) =>
        client.call(ROUTES.resolveConflict, request, { token, params: { id: conflictId } }),
      );
      return answer.entity;
    },
    async reopen(conflictId) {
      const client = online();
      await auth.authed((token) => client.call(ROUTES.reopenConflict, {}, { token, params: { id: conflictId } }));
    },
  };
}
