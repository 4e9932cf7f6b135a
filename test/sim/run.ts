/**
 * `npm run sim -- --seed N --desks 5 --ops 5000 --faults on`: the multi-desk fault simulation. Several seeds:
 * `--seed 1,2,3`. Exits non-zero if any invariant fails, printing the exact command to replay that seed.
 */
import { parseArgs } from 'node:util';
import { simulate, summary } from './simulate';

async function main() {
  const { values } = parseArgs({
    options: {
      seed: { type: 'string', default: '1' },
      desks: { type: 'string', default: '3' },
      ops: { type: 'string', default: '500' },
      faults: { type: 'string', default: 'on' },
      break: { type: 'string' },
    },
  });
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
