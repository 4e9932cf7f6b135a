/**
 * `npm run sim -- --seed N --desks 5 --ops 5000 --faults on`: the multi-desk fault simulation. Several seeds:
 * `--seed 1,2,3`. Exits non-zero if any invariant fails, printing the exact command to replay that seed.
 */
import { parseArgs } from 'node:util';
import { simulate, summary } from './simulate';

const USAGE = `Usage: npm run sim -- [--seed N[,N…]] [--desks N] [--ops N] [--faults on|off] [--break idempotency]

Runs desks (real cores on their own SQLite files) against the real server and MariaDB while faults are
injected, then checks that nothing is lost, duplicated or left unseen. Defaults: --seed 1 --desks 3 --ops 500
--faults on. --break idempotency runs a deliberately broken server, which the checks must catch.`;

async function main() {
  const { values } = parseArgs({
    options: {
      seed: { type: 'string', default: '1' },
      desks: { type: 'string', default: '3' },
      ops: { type: 'string', default: '500' },
      faults: { type: 'string', default: 'on' },
      break: { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    },
  });
  if (values.help) {
    console.log(USAGE);
    return;
  }
  const seeds = values.seed!.split(',').map(Number);
  let failed = 0;
  for (const seed of seeds) {
    const report = await simulate({
      seed,
      desks: Number(values.desks),
      ops: Number(values.ops),
      faults: values.faults !== 'off',
      breakIdempotency: values.break === 'idempotency',
      log: (line) => process.stderr.write(`  [seed ${seed}] ${line}\n`),
    });
    console.log(summary(report));
    if (!report.ok) failed += 1;
  }
  console.log(
    failed ? `\n${failed} of ${seeds.length} seed(s) FAILED` : `\nAll ${seeds.length} seed(s) held every invariant.`,
  );
  process.exit(failed ? 1 : 0);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
