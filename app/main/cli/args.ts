import type { AppError } from '../../../shared';

const NEGATIVE_NUMBER = /^-(\d|\.\d)/;

/**
 * `--qty -3`: node's parser takes "-3" for an option and stops with "ambiguous". A negative number after a
 * value-taking option is that option's value, so it is joined (`--qty=-3`) and reaches validation, whose
 * message says what is wrong with it.
 */
export function joinNegativeValues(argv: string[], valueOptions: ReadonlySet<string>): string[] {
  const joined: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    const next = argv[i + 1];
    if (arg.startsWith('--') && valueOptions.has(arg.slice(2)) && next !== undefined && NEGATIVE_NUMBER.test(next)) {
      joined.push(`${arg}=${next}`);
      i++;
    } else joined.push(arg);
  }
  return joined;
}

/** The option a record field is given by on the command line. */
const FLAG_OF_FIELD: Record<string, string> = {
  quantity_milli: 'qty',
  amount_minor: 'amount',
  rate_minor: 'rate',
  supplier_uuid: 'supplier',
  product_uuid: 'product',
  payment_uuid: 'payment',
  collected_at: 'at',
  effective_from: 'from',
  mobile_phone: 'phone',
  bank_account_number: 'account',
  bank_account_name: 'account-name',
  payout_method: 'method',
  principal_minor: 'principal',
  instalment_minor: 'instalment',
  active_from: 'from',
  active_to: 'to',
  description: 'note',
  period_from: 'from',
  period_to: 'to',
};

function flagOf(field: string): string {
  return `--${FLAG_OF_FIELD[field] ?? field.replace(/_/g, '-')}`;
}

/** One line per bad option ("--qty must be greater than zero"), or the message when no field is named. */
export function describeError(error: AppError): string {
  // A closed period's message names the run, its period and what to do instead; the date field it names may
  // be no option of the command (a void).
  if (!error.fields || error.code === 'PERIOD_CLOSED') return error.message;
  return Object.entries(error.fields)
    .map(([field, problem]) => (field === '_' ? problem : `${flagOf(field)} ${problem}`))
    .join('\n');
}
