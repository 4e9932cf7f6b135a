/**
 * `npm run bench` (full, < 10 min) or `npm run bench -- --quick` (< 1 min): each figure against a raw baseline
 * measured in the same process and run, printed as a table and saved to bench/results/latest.json.
 */
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { createTestDatabase } from '../server/test/mysql';
import { incrementalOrSkip, type Runner } from './runner';
import {
  initialPull,
  localWrites,
  memoryFigures,
  prepare,
  pushThroughput,
  reads,
  scratchDir,
  serverLoad,
  type BenchEnv,
} from './figures';
import { rssMb, startServerProcess, table, type Figure } from './lib';
import { payslipsPdfFigure } from './payslips-pdf';
import { settlementRunFigure } from './settlement-run';
import { twoInstancesOrSkip } from './two-instances';

const USAGE = `Usage: npm run bench [-- --quick]

Measures each figure against a raw baseline run in the same process, prints the table and saves
bench/results/latest.json. The full run takes minutes; --quick runs small sizes in under a minute.`;

async function main() {
  if (process.argv.includes('--help') || process.argv.includes('-h')) {
    console.log(USAGE);
    return;
  }
  const quick = process.argv.includes('--quick');
  const started = Date.now();
  const db = await createTestDatabase();
  const server = await startServerProcess(db.url);
  const env: BenchEnv = { db, serverUrl: server.url, serverPid: server.pid, quick, dir: scratchDir() };
  const figures: Figure[] = [];
  const step = async <T>(name: string, run: () => Promise<T>): Promise<T> => {
    process.stderr.write(`… ${name}\n`);
    return run();
  };
  try {
    await prepare(env);
    figures.push(...(await step('push throughput', () => pushThroughput(env))));
    const pull = await step('initial pull', () => initialPull(env));
    figures.push(...pull.figures);
    figures.push(...(await step('local writes', () => localWrites(env))));
    const read = await step('reads', () => reads(env));
    figures.push(...read.figures);
    const load = await step('server under load', () => serverLoad(env));
    figures.push(...load.figures);
    figures.push(...memoryFigures(pull.rssAfterPull, read.rssAfterStatement, load.serverRss));
    figures.push(...(await step('two instances', () => twoInstancesOrSkip(env))));
    figures.push(...(await step('incremental sync', () => incrementalOrSkip(env as Runner))));
    figures.push(...(await step('pay run', () => settlementRunFigure(quick))));
    figures.push(...(await step('payslips PDF', () => payslipsPdfFigure(quick))));
  } finally {
    await server.stop();
    await db.drop();
    rmSync(env.dir, { recursive: true, force: true });
  }
  figures.sort((a, b) => a.id.localeCompare(b.id, undefined, { numeric: true }));
  const seconds = Math.round((Date.now() - started) / 1000);
  console.log(
    `\nCollectPay benchmarks (${quick ? 'quick' : 'full'}), ${new Date().toISOString().slice(0, 10)}, ${seconds} s, bench RSS ${rssMb()} MB\n`,
  );
  console.log(table(figures));
  mkdirSync('bench/results', { recursive: true });
  writeFileSync(
    'bench/results/latest.json',
    JSON.stringify({ date: new Date().toISOString(), quick, seconds, figures }, null, 2),
  );
  const missed = figures.filter((f) => f.met === false);
  console.log(missed.length ? `\nTargets missed: ${missed.map((f) => f.id).join(', ')}` : '\nAll targets met.');
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
