/**
 * Prices a batch of [rule, delivery] pairs read as JSON from stdin and prints the results as JSON: the
 * "other machine" in the same-everywhere test, run in a child process with another time zone and locale.
 */
import { priceDelivery } from '../../shared/pricing';

let input = '';
process.stdin.setEncoding('utf8');
process.stdin.on('data', (chunk) => (input += chunk));
process.stdin.on('end', () => {
  const cases = JSON.parse(input) as Parameters<typeof priceDelivery>[];
  process.stdout.write(JSON.stringify(cases.map(([rule, delivery]) => priceDelivery(rule, delivery))));
});
