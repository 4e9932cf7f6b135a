import type {
  Bridge,
  Channel,
  EventMap,
  EventName,
  InputOf,
  IpcResult,
  OutputOf,
} from '../../../../shared/ipc/contract';

declare global {
  interface Window {
    collectpay?: Bridge;
  }
}

/**
 * The desktop app's preload exposes window.collectpay. Without it (the browser test host), the same contract
 * travels over a WebSocket to the real core running in Node.
 */
function socketBridge(url: string): Bridge {
  let socket: WebSocket | null = null;
  let ready: Promise<WebSocket> | null = null;
  let next = 1;
  const waiting = new Map<number, (result: IpcResult<unknown>) => void>();
  const listeners = new Map<string, Set<(payload: unknown) => void>>();

  function connect(): Promise<WebSocket> {
    ready ??= new Promise((resolve, reject) => {
      socket = new WebSocket(url);
      socket.onopen = () => resolve(socket!);
      socket.onerror = () => reject(new Error('The desk core is not reachable'));
      socket.onclose = () => {
        ready = null;
        for (const [, done] of waiting)
          done({ ok: false, error: { code: 'UNAVAILABLE', message: 'Lost the connection to the desk core' } });
        waiting.clear();
      };
      socket.onmessage = (message) => {
        const data = JSON.parse(String(message.data)) as {
          id?: number;
          result?: IpcResult<unknown>;
          event?: string;
          payload?: unknown;
        };
        if (data.id !== undefined && data.result) {
          waiting.get(data.id)?.(data.result);
          waiting.delete(data.id);
        } else if (data.event) {
          for (const listener of listeners.get(data.event) ?? []) listener(data.payload);
        }
      };
    });
    return ready;
  }

  return {
    async invoke<C extends Channel>(channel: C, input: InputOf<C>): Promise<IpcResult<OutputOf<C>>> {
      const ws = await connect();
      const id = next++;
      return new Promise((resolve) => {
        waiting.set(id, resolve as (r: IpcResult<unknown>) => void);
        ws.send(JSON.stringify({ id, channel, input }));
      });
    },
    on<E extends EventName>(event: E, listener: (payload: EventMap[E]) => void) {
      void connect();
      const set = listeners.get(event) ?? new Set();
      set.add(listener as (payload: unknown) => void);
      listeners.set(event, set);
      return () => set.delete(listener as (payload: unknown) => void);
    },
  };
}

export const bridge: Bridge = window.collectpay ?? socketBridge(`ws://${location.host}/bridge`);
