/**
 * `npx tsx scripts/cluster/check.ts` (run by `npm run setup`): names the system packages the cluster tests and
 * `npm run cluster` need, if any is missing. Never fails the setup: without them those tests skip, loudly.
 */
import { clusterUnavailable } from './local-cluster';

const missing = clusterUnavailable();
if (missing) {
  console.warn(
    `Note: the multi-instance cluster tests and \`npm run cluster\` need more system packages: ${missing}.\n` +
      'Install them with: sudo apt-get install mariadb-server galera-4 rsync redis-server haproxy',
  );
}
