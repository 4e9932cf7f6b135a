import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { newId } from '../../shared';
import { desk, ms, type BenchEnv } from '../env';
import type { BenchFigure } from '../figure';
import { now, type Figure } from '../lib';
import { openPouch, startPeerServer } from '../peer/pouch-client';

const supplier = (tag: string, i: number) => ({
  code: `P${tag}-${i}`,
  name: `Peer supplier ${i}`,
  phone: '0712 345 678',
  address: 'Box 12, Kericho',
  region: 'Kericho',
  notes: '',
});

/**
 * Ours: one desk writes N suppliers offline and pushes them; a fresh desk then pulls them (unless `pushOnly`).
 * ms for each step.
 */
async function ours(env: BenchEnv, n: number, pushOnly = false) {
  const a = await desk(env, `peer-ours-${newId().slice(-6)}`);
  const b = pushOnly ? null : await desk(env, `peer-fresh-${newId().slice(-6)}`);
  try {
    await a.engine.sync('manual');
    const tag = newId().slice(-8);
    let t = now();
    await a.suppliers.createMany(Array.from({ length: n }, (_, i) => supplier(tag, i)));
    const write = now() - t;
    t = now();
    const pushed = await a.engine.sync('manual');
    const push = now() - t;
    if (pushed.pushed !== n) throw new Error(`pushed ${pushed.pushed} of ${n}: ${pushed.message ?? pushed.outcome}`);
    if (!b) return { write, push, pull: 0 };
    t = now();
    const pulled = await b.engine.sync('manual');
    const pull = now() - t;
    if (pulled.pulled < n) throw new Error(`pulled ${pulled.pulled} of ${n}`);
    return { write, push, pull };
  } finally {
    await a.close();
    await b?.close();
  }
}

/**
 * The peer on the same work: PouchDB bulkDocs on the desk, replicate.to the server, a fresh PouchDB replicate.from
 * (unless `pushOnly`). Each call has a server and databases of its own (`name`).
 */
async function peer(env: BenchEnv, n: number, name: string, pushOnly = false) {
  const dir = join(env.dir, name);
  mkdirSync(dir, { recursive: true });
  const server = await startPeerServer(dir);
  const a = openPouch(dir, 'peer-desk');
  const b = pushOnly ? null : openPouch(dir, 'peer-fresh');
  try {
    const tag = newId().slice(-8);
    const docs = Array.from({ length: n }, (_, i) => ({ _id: newId(), ...supplier(tag, i), active: true }));
    let t = now();
    for (let i = 0; i < n; i += 1000) await a.bulkDocs(docs.slice(i, i + 1000));
    const write = now() - t;
    const remote = `${server.url}/suppliers`;
    t = now();
    const to = await a.replicate.to(remote);
    const push = now() - t;
    if (to.docs_written !== n) throw new Error(`peer wrote ${to.docs_written} of ${n}`);
    if (!b) return { write, push, pull: 0 };
    t = now();
    const from = await b.replicate.from(remote);
    const pull = now() - t;
    if (from.docs_written !== n) throw new Error(`peer pulled ${from.docs_written} of ${n}`);
    return { write, push, pull };
  } finally {
    await a.close();
    await b?.close();
    await server.stop();
  }
}

const median = (xs: number[]) => [...xs].sort((x, y) => x - y)[Math.floor(xs.length / 2)]!;

/**
 * Figures P1–P3: the same N supplier records through this product and through a well-known peer (PouchDB 9
 * replicating to express-pouchdb on LevelDB), both servers in their own process on this machine, in the same run.
 * Runs first, on an empty server, so a fresh desk pulls just these N records, as the peer's fresh database does.
 */
async function peerComparison(env: BenchEnv): Promise<Figure[]> {
  const n = env.quick ? 2_000 : 20_000;
  const o = await ours(env, n);
  const p = await peer(env, n, 'peer-0');
  // P1 is the median of three pushes each (a full run), alternating which goes first: one pair's ratio moved
  // between 1.7 and 2.6 within an hour on these machines (docs/performance.md, "Against a peer").
  const pushes = { ours: [o.push], peer: [p.push] };
  for (let k = 1; k < (env.quick ? 1 : 3); k++) {
    const first = k % 2 ? () => peer(env, n, `peer-${k}`, true) : () => ours(env, n, true);
    const second = k % 2 ? () => ours(env, n, true) : () => peer(env, n, `peer-${k}`, true);
    const [x, y] = [await first(), await second()];
    pushes.ours.push((k % 2 ? y : x).push);
    pushes.peer.push((k % 2 ? x : y).push);
  }
  const baselineName = 'PouchDB 9 ↔ express-pouchdb';
  const row = (id: string, name: string, mine: number, theirs: number, target: number | null): Figure => ({
    id,
    name,
    value: ms(mine),
    unit: 'ms',
    baseline: ms(theirs),
    baselineName,
    ratio: theirs / mine,
    target: target === null ? '—' : `≥ ${target}× the peer`,
    met: target === null ? null : theirs / mine >= target,
  });
  const count = n.toLocaleString('en');
  return [
    row(
      'P1',
      `Desk pushes ${count} queued suppliers (vs replicate.to${pushes.ours.length > 1 ? `, median of ${pushes.ours.length}` : ''})`,
      median(pushes.ours),
      median(pushes.peer),
      2,
    ),
    row('P2', `Fresh desk pulls ${count} suppliers (vs replicate.from)`, o.pull, p.pull, 3),
    row('P3', `Desk writes ${count} suppliers locally (vs bulkDocs)`, o.write, p.write, null),
  ];
}

export const peerFigure: BenchFigure = {
  id: 'P1',
  name: 'Against a peer (PouchDB)',
  unit: 'ms',
  target: '≥ 2× / ≥ 3× the peer',
  step: 'peer comparison',
  run: peerComparison,
};
