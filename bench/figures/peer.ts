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

/** Ours: one desk writes N suppliers offline and pushes them; a fresh desk then pulls them. ms for each step. */
async function ours(env: BenchEnv, n: number) {
  const a = await desk(env, `peer-ours-${newId().slice(-6)}`);
  const b = await desk(env, `peer-fresh-${newId().slice(-6)}`);
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
    t = now();
    const pulled = await b.engine.sync('manual');
    const pull = now() - t;
    if (pulled.pulled < n) throw new Error(`pulled ${pulled.pulled} of ${n}`);
    return { write, push, pull };
  } finally {
    await a.close();
    await b.close();
  }
}

/** The peer on the same work: PouchDB bulkDocs on the desk, replicate.to the server, a fresh PouchDB replicate.from. */
async function peer(env: BenchEnv, n: number) {
  const server = await startPeerServer(env.dir);
  const a = openPouch(env.dir, 'peer-desk');
  const b = openPouch(env.dir, 'peer-fresh');
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
    t = now();
    const from = await b.replicate.from(remote);
    const pull = now() - t;
    if (from.docs_written !== n) throw new Error(`peer pulled ${from.docs_written} of ${n}`);
    return { write, push, pull };
  } finally {
    await a.close();
    await b.close();
    await server.stop();
  }
}

/**
 * Figures P1–P3: the same N supplier records through this product and through a well-known peer (PouchDB 9
 * replicating to express-pouchdb on LevelDB), both servers in their own process on this machine, in the same run.
 * Runs first, on an empty server, so a fresh desk pulls just these N records, as the peer's fresh database does.
 */
async function peerComparison(env: BenchEnv): Promise<Figure[]> {
  const n = env.quick ? 2_000 : 20_000;
  const o = await ours(env, n);
  const p = await peer(env, n);
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
    row('P1', `Desk pushes ${count} queued suppliers (vs replicate.to)`, o.push, p.push, 2),
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
