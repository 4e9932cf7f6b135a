import { isAppError, isErrorCode, parseInput } from '../../../shared';
import { contract, type Channel, type Handlers, type IpcResult } from '../../../shared/ipc/contract';
import { SyncHttpError } from './sync/http-client';

function isChannel(name: unknown): name is Channel {
  return typeof name === 'string' && Object.prototype.hasOwnProperty.call(contract, name);
}

/**
 * One call of the contract, from any transport (Electron IPC, the test host's WebSocket): the channel must
 * exist, the input must pass its schema, and every failure comes back as data with a code and a message.
 */
export async function dispatch(handlers: Handlers, channel: unknown, input: unknown): Promise<IpcResult<unknown>> {
  if (!isChannel(channel))
    return { ok: false, error: { code: 'NOT_FOUND', message: `Unknown channel: ${String(channel)}` } };
  try {
    const parsed = parseInput(contract[channel].input, input ?? {});
    const handler = handlers[channel] as (i: unknown) => Promise<unknown>;
    return { ok: true, value: await handler(parsed) };
  } catch (error) {
    if (isAppError(error)) {
      return {
        ok: false,
        error: { code: error.code, message: error.message, ...(error.fields ? { fields: error.fields } : {}) },
      };
    }
    // The server refused what this call relayed (a conflict's chosen values): its code and fields, so the form can
    // show each problem beside its field rather than one INTERNAL line.
    if (error instanceof SyncHttpError && error.kind === 'client' && isErrorCode(error.code)) {
      return {
        ok: false,
        error: { code: error.code, message: error.message, ...(error.fields ? { fields: error.fields } : {}) },
      };
    }
    const message = error instanceof Error ? error.message : String(error);
    return { ok: false, error: { code: 'INTERNAL', message } };
  }
}
