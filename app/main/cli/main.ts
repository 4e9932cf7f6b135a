import { parseArgs } from 'node:util';
import { isAppError } from '../../../shared';
import { describeError, joinNegativeValues } from './args';
import { serialPortSource } from '../serial/serialport-source';
import { commands as baseCommands, type Flags, type Output } from './commands';
import { payRunCommands } from './pay-run-commands';
import { openDesk } from './open-desk';
import { runScaleCommand } from './scale-commands';

const commands = { ...baseCommands, ...payRunCommands };

const USAGE = `Usage: npm run cli -- [--data-dir DIR] [--server URL] [--json] <command> [options]

  init --local --name N --email E --password P   use this desk alone (no server)
  connect --server URL --email E --password P [--map] [--merge CODE] [--recode CODE=NEW]
                                      join a server; a code clash is merged (--map: names
                                      match; --merge CODE) or given a new code (--recode)
  login --email E --password P        sign in online (then syncs once)
  logout [--force]                    sends this user's changes first; refuses while some are unsent
                                      unless --force (they stay queued on this desk)
  sync                                one sync run; exit 1 if it fails
  status                              pending, needs attention, last sync
  supplier add --code C --name N [--phone --address --region --notes]
  supplier list [--search S]
  product add --code C --name N --unit U
  product list
  rate set --product CODE --rate 32.75 --from 2026-11-01
  collection add --supplier CODE --product CODE --qty 12.5 [--at ISO]
  payment add --supplier CODE --amount 500.00 --type advance|partial|settlement --method cash|bank|mobile|cheque [--reference R]
  payment void --uuid U --reason R
  balance --supplier CODE
  import suppliers FILE.csv           all rows valid, or nothing imported
  report statement --supplier CODE --from DATE --to DATE --out FILE.html|FILE.pdf
  report daily --date DATE --out FILE     report receipt --payment UUID --out FILE
  report settlement --from DATE --to DATE --out FILE   [--paper A4|Letter] [--company NAME]
  export --json                       every local entity, sorted
  attention                           changes the server refused
  resend --op OP_ID [--fix JSON]      correct and queue a refused change again
  discard --op OP_ID --reason R       give up on a refused change
  supplier payout --supplier CODE --method none|bank|mobile [--phone +254…] [--account A --bank-code B
      --account-name N]               how settlement runs pay the supplier
  adjust --op OP_ID                   a change refused as PERIOD_CLOSED, recorded as an adjustment dated now
  charge add --code C --name N --kind percent|per_unit|fixed --value 1.5|2.00|150.00 [--product CODE]
      [--order N] [--from DATE] [--to DATE] [--notes]        a levy or fee runs deduct (supervisor)
  charge list
  credit add --supplier CODE --kind loan|input --principal X --instalment Y [--note TEXT] [--date DATE]
  credit list --supplier CODE         credit with what remains after approved runs
  settlement create --from DATE --to DATE [--route R] [--product CODE] [--code C] [--name N]
                                      the server computes a draft run (online, supervisor)
  settlement create --kind bonus --from DATE --to DATE --rate PRODUCTCODE=0.50 [--rate …]
                                      a second payment per unit over a past period's quantities
  settlement list                     settlement show ID|CODE     settlement recompute ID|CODE
  settlement approve ID|CODE          closes the period for the run's suppliers
  settlement export ID|CODE --format bank|mobile --out FILE.csv
  settlement import-result ID|CODE FILE.csv   mark lines paid/failed from the provider's result file
  report payslips --settlement ID|CODE --out FILE.pdf [--paper A4|Letter]
  scale watch --port P --format st-gs|plain|toledo [--baud 9600] [--data-bits 7|8] [--parity none|even|odd]
      [--stop-bits 1|2] [--unit kg] [--stable-by auto|repeat] [--stable-count 5] [--stable-window MS]
      [--tolerance 0.005] [--for SECONDS] [--count N]   print the weights a serial scale sends (no database)
  scale ports                         list serial ports
  scale simulate --format F [--weight 12.345] [--unit kg] [--for SECONDS]   play a scale on a pseudo-terminal`;

const OPTIONS = {
  'data-dir': { type: 'string' },
  server: { type: 'string' },
  json: { type: 'boolean' },
  help: { type: 'boolean' },
  email: { type: 'string' },
  password: { type: 'string' },
  'device-name': { type: 'string' },
  code: { type: 'string' },
  name: { type: 'string' },
  phone: { type: 'string' },
  address: { type: 'string' },
  region: { type: 'string' },
  notes: { type: 'string' },
  unit: { type: 'string' },
  search: { type: 'string' },
  product: { type: 'string' },
  supplier: { type: 'string' },
  rate: { type: 'string', multiple: true },
  from: { type: 'string' },
  qty: { type: 'string' },
  at: { type: 'string' },
  amount: { type: 'string' },
  type: { type: 'string' },
  method: { type: 'string' },
  reference: { type: 'string' },
  uuid: { type: 'string' },
  reason: { type: 'string' },
  op: { type: 'string' },
  fix: { type: 'string' },
  out: { type: 'string' },
  local: { type: 'boolean' },
  map: { type: 'boolean' },
  force: { type: 'boolean' },
  date: { type: 'string' },
  to: { type: 'string' },
  payment: { type: 'string' },
  paper: { type: 'string' },
  company: { type: 'string' },
  port: { type: 'string' },
  baud: { type: 'string' },
  format: { type: 'string' },
  'data-bits': { type: 'string' },
  parity: { type: 'string' },
  'stop-bits': { type: 'string' },
  'stable-by': { type: 'string' },
  'stable-count': { type: 'string' },
  'stable-window': { type: 'string' },
  tolerance: { type: 'string' },
  for: { type: 'string' },
  count: { type: 'string' },
  weight: { type: 'string' },
  kind: { type: 'string' },
  value: { type: 'string' },
  order: { type: 'string' },
  principal: { type: 'string' },
  instalment: { type: 'string' },
  note: { type: 'string' },
  route: { type: 'string' },
  settlement: { type: 'string' },
  file: { type: 'string' },
  account: { type: 'string' },
  'account-name': { type: 'string' },
  'bank-code': { type: 'string' },
} as const;

const VALUE_OPTIONS = new Set(
  Object.entries(OPTIONS)
    .filter(([, o]) => o.type === 'string')
    .map(([name]) => name),
);

export interface CliIo {
  out(text: string): void;
  err(text: string): void;
}

const PROCESS_IO: CliIo = {
  out: (text) => void process.stdout.write(text),
  err: (text) => void process.stderr.write(text),
};

export async function runCli(argv: string[], io: CliIo = PROCESS_IO): Promise<number> {
  const write = io.out;
  let parsed;
  try {
    parsed = parseArgs({
      args: joinNegativeValues(argv, VALUE_OPTIONS),
      options: OPTIONS,
      allowPositionals: true,
      strict: true,
    });
  } catch (error) {
    io.err(`${(error as Error).message}\n\n${USAGE}\n`);
    return 2;
  }
  const flags = parsed.values as Flags;
  const [first, second, ...rest] = parsed.positionals;
  if (flags.help || !first) {
    write(`${USAGE}\n`);
    return flags.help ? 0 : 2;
  }
  // Scale commands talk to a serial port, not a desk: no database is opened for them.
  const scale = first === 'scale';
  const name = scale || (second && commands[`${first} ${second}`]) ? `${first} ${second}` : first;
  const command = commands[name];
  if (!command && !scale) {
    io.err(`Unknown command "${parsed.positionals.join(' ')}".\n\n${USAGE}\n`);
    return 2;
  }
  const args = name.includes(' ') ? rest : [second, ...rest].filter((a): a is string => a !== undefined);
  const json = Boolean(flags.json);
  const out: Output = {
    print(human, value) {
      if (json) {
        if (value !== undefined) write(`${JSON.stringify(value, null, name === 'export' ? 2 : 0)}\n`);
      } else write(`${human}\n`);
    },
  };
  const core = scale
    ? null
    : await openDesk({
        dataDir: flags['data-dir'] as string | undefined,
        server: flags.server as string | undefined,
      });
  try {
    if (!core || !command)
      return await runScaleCommand(second, flags, {
        source: serialPortSource,
        out,
        note: (text) => io.err(`${text}\n`),
      });
    return await command(core, flags, args, out);
  } catch (error) {
    if (isAppError(error)) {
      io.err(`${describeError(error)}\n`);
      if (json)
        write(`${JSON.stringify({ error: { code: error.code, message: error.message, fields: error.fields } })}\n`);
      return 1;
    }
    io.err(`${error instanceof Error ? error.message : String(error)}\n`);
    return 1;
  } finally {
    await core?.close();
  }
}
