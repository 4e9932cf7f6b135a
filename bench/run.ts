/**
 * `npm run bench` (full) or `npm run bench -- --quick` (small sizes, for CI): each figure against a raw
 * baseline measured in the same process and run, printed as a table and saved to bench/results/latest.json.
 * `-- --only 8,9` runs the figures whose ids start with those prefixes. A figure that fails is reported as
 * failed, with the reason, and the others still run.
 */
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, totalmem } from 'node:os';
import { createTestDatabase } from '../server/test/mysql';
import { prepare, scratchDir, type BenchEnv, type BenchState } from './env';
import { costCurves, drawCostCurves } from './chart';
import { orFailed } from './figure';
import { rssMb, startServerProcess, table, type Figure } from './lib';
import { FIGURES } from './registry';

const USAGE = `Usage: npm run bench [-- --quick] [-- --only 1,8]

Measures each figure against a raw baseline run in the same process, prints the table and saves
bench/results/latest.json. The full run takes minutes; --quick runs small sizes. --only runs the figures
whose ids start with the given prefixes.`;

function option(name: string): string | undefined {
  const at = process.argv.indexOf(name);
  return at >= 0 ? process.argv[at + 1] : undefined;
}

async function main() {
  if (process.argv.includes('--help') || process.argv.includes('-h')) {
    console.log(USAGE);
    return;
  }
  const quick = process.argv.includes('--quick');
  const only = option('--only')?.split(',').filter(Boolean);
  const chosen = FIGURES.filter((f) => !only || only.some((p) => f.id.startsWith(p)));
  const started = Date.now();
  const db = await createTestDatabase();
  const server = await startServerProcess(db.url);
  const env: BenchEnv = { db, serverUrl: server.url, serverPid: server.pid, quick, dir: scratchDir() };
  const state: BenchState = { rss: {} };
  const figures: Figure[] = [];
  // A hung figure must not stop the run: it is cut at this deadline and reported as failed.
  const deadline = (quick ? 3 : 15) * 60_000;
  try {
    await prepare(env);
    for (const figure of chosen) {
      process.stderr.write(`… ${figure.step}\n`);
      const t = Date.now();
      const got = await orFailed(() => figure.run(env, state), figure, deadline);
      const failed = got.find((f) => f.baselineName === 'failed');
      process.stderr.write(
        `  ${failed ? `FAILED: ${failed.notes}` : 'done'} (${Math.round((Date.now() - t) / 1000)} s)\n`,
      );
      figures.push(...got);
    }
  } finally {
    await server.stop();
    await db.drop();
    rmSync(env.dir, { recursive: true, force: true });
  }
  figures.sort((a, b) => a.id.localeCompare(b.id, undefined, { numeric: true }));
  const seconds = Math.round((Date.now() - started) / 1000);
  const machine = `${cpus().length} cores (${cpus()[0]?.model.trim() ?? 'unknown'}), ${Math.round(totalmem() / 2 ** 30)} GiB`;
  console.log(
    `\nCollectPay benchmarks (${quick ? 'quick' : 'full'}), ${new Date().toISOString().slice(0, 10)}, ${seconds} s, ${machine}, bench RSS ${rssMb()} MB\n`,
  );
  console.log(table(figures));
  mkdirSync('bench/results', { recursive: true });
  const result = { date: new Date().toISOString(), quick, seconds, machine, figures };
  writeFileSync('bench/results/latest.json', JSON.stringify(result, null, 2));
  // The cost curves of a full run go into the docs (docs/performance.md shows them); a quick run's stay local.
  const chart = quick ? 'bench/results/cost-curves.png' : 'docs/cost-curves.png';
  await drawCostCurves(
    costCurves(figures),
    `${quick ? 'quick' : 'full'} run, ${result.date.slice(0, 10)}, ${machine}`,
    chart,
  )
    .then(() => console.log(`\nCost curves: ${chart}`))
    .catch((error: unknown) => console.log(`\nCost curves not drawn: ${String(error)}`));
  const failed = figures.filter((f) => f.baselineName === 'failed');
  const missed = figures.filter((f) => f.met === false && f.baselineName !== 'failed');
  if (failed.length) console.log(`\nFigures that failed: ${failed.map((f) => `${f.id} (${f.notes})`).join('; ')}`);
  console.log(
    missed.length ? `\nTargets missed: ${missed.map((f) => f.id).join(', ')}` : '\nAll measured targets met.',
  );
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
