import type { FastifyInstance } from 'fastify';
import { AppError, MIN_CLIENT_PROTOCOL_VERSION, PROTOCOL_HEADER, PROTOCOL_VERSION } from '../../../shared';

/**
 * Every answer names the protocol this server speaks (the desk checks it); a desk that names one this server does not
 * serve is refused before anything runs, with which side to update. A request without the header (a load balancer's
 * health check, curl) is served as the current version.
 */
export function registerProtocolVersion(app: FastifyInstance): void {
  app.addHook('onRequest', async (request, reply) => {
    reply.header(PROTOCOL_HEADER, String(PROTOCOL_VERSION));
    const sent = request.headers[PROTOCOL_HEADER];
    if (sent === undefined) return;
    const theirs = Number(sent);
    if (!Number.isInteger(theirs)) {
      throw new AppError('VALIDATION_FAILED', `${PROTOCOL_HEADER} must be a whole number`, {
        [PROTOCOL_HEADER]: 'must be a whole number',
      });
    }
    if (theirs < MIN_CLIENT_PROTOCOL_VERSION) {
      throw new AppError(
        'PROTOCOL_MISMATCH',
        `This desk speaks sync protocol v${theirs}; the server needs v${MIN_CLIENT_PROTOCOL_VERSION} or newer: update this desk`,
      );
    }
    if (theirs > PROTOCOL_VERSION) {
      throw new AppError(
        'PROTOCOL_MISMATCH',
        `This desk speaks sync protocol v${theirs}, newer than the server's v${PROTOCOL_VERSION}: update the server`,
      );
    }
  });
}
