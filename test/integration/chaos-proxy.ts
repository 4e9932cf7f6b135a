import { createServer, connect, type Server, type Socket } from 'node:net';

export interface ChaosOptions {
  /** Chance that a connection is cut at each chunk it carries, in either direction. */
  cutProbability: number;
  /** Delay added to every chunk, to make a request take long enough to be interrupted. */
  latencyMs?: number;
  random?: () => number;
}

/**
 * A TCP proxy on loopback that forwards to the server and, when told, cuts connections mid-request or
 * mid-response — the network faults a desk meets in a real office.
 */
export async function startChaosProxy(targetPort: number, options: ChaosOptions) {
  const random = options.random ?? Math.random;
  const sockets = new Set<Socket>();
  let cuts = 0;
  let enabled = true;
  const server: Server = createServer((client) => {
    const upstream = connect(targetPort, '127.0.0.1');
    sockets.add(client);
    sockets.add(upstream);
    const kill = () => {
      cuts += 1;
      client.destroy();
      upstream.destroy();
    };
    const forward = (from: Socket, to: Socket) => {
      from.on('data', (chunk: Buffer) => {
        // Per chunk, so keep-alive connections are cut too, mid-request or mid-response.
        if (enabled && random() < options.cutProbability) return kill();
        const send = () => !to.destroyed && to.write(chunk);
        if (options.latencyMs) setTimeout(send, options.latencyMs);
        else send();
      });
      from.on('end', () => setTimeout(() => to.end(), options.latencyMs ?? 0));
      from.on('error', () => to.destroy());
      from.on('close', () => {
        sockets.delete(from);
        to.destroy();
      });
    };
    forward(client, upstream);
    forward(upstream, client);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  return {
    url: `http://127.0.0.1:${port}`,
    get cuts() {
      return cuts;
    },
    set enabled(value: boolean) {
      enabled = value;
    },
    async close() {
      for (const socket of sockets) socket.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
