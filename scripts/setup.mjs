// `npm run setup`: makes a fresh machine ready for `npm test`. Plain Node with no dependencies, because it runs
// before `npm ci` has installed any.
//
// 1. Node: 20.19 or newer (22.12+ to build installers).
// 2. System packages the tests need: Chromium (PDFs and browser tests), poppler-utils (pdftotext, pdftoppm) and
//    socat (a scale played on a pseudo-terminal);
//    python3, make and g++ for better-sqlite3 when no prebuilt binary can be downloaded; mariadb-server, galera-4,
//    rsync, redis-server and haproxy for the cluster tests (never blocking: those tests skip loudly without). Installed with apt when
//    running as root on Debian/Ubuntu; otherwise setup stops and prints the exact command to run.
// 3. `npm ci --ignore-scripts` (no Electron download), then `npm rebuild` of the native addons (better-sqlite3,
//    the serial port binding).
// 4. The database the tests use (TEST_MYSQL_URL, default mysql://root@127.0.0.1:3306) must answer.
// 5. `npm run build`: the app and the headless client, which the tests run.
import { spawnSync } from 'node:child_process';
import { accessSync, constants, existsSync } from 'node:fs';
import { createConnection } from 'node:net';
import { delimiter, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const MIN_NODE = [20, 19];
/** Native addons built for this Node: SQLite, and the serial port the scale reader uses. */
const NATIVE = ['better-sqlite3', '@serialport/bindings-cpp'];

const USAGE = `Usage: npm run setup [-- --help]

Makes this machine ready for \`npm test\`:
  - checks Node (20.19+; 22.12+ only to build installers),
  - installs Chromium, poppler-utils and socat (and python3, make, g++ for better-sqlite3) with apt when run as root
    on Debian/Ubuntu, or stops and prints the exact command to run,
  - installs mariadb-server, galera-4, rsync, redis-server and haproxy for the cluster tests the same way, or
    names them (without them those tests skip),
  - npm ci --ignore-scripts, npm rebuild better-sqlite3 @serialport/bindings-cpp (compiled from source when no
    prebuilt binary can be downloaded: 3-9 minutes on a 2-core machine),
  - checks that the test database answers (TEST_MYSQL_URL, default mysql://root@127.0.0.1:3306),
  - npm run build (the app and the headless client).

Environment: CHROMIUM_PATH (a Chromium or Chrome binary to use), TEST_MYSQL_URL.`;

/** The system packages, by Debian package name, and the programs that show each is there. */
const PACKAGES = [
  { name: 'chromium', why: 'PDF reports and the browser tests', present: () => chromium() !== null },
  {
    name: 'poppler-utils',
    why: 'the report tests read PDFs with pdftotext',
    present: () => ['pdftotext', 'pdftoppm'].every(onPath),
  },
  {
    name: 'socat',
    why: 'the serial scale tests play a scale on a pseudo-terminal pair',
    present: () => onPath('socat'),
  },
  { name: 'python3', why: 'building better-sqlite3 from source', present: () => onPath('python3'), build: true },
  { name: 'make', why: 'building better-sqlite3 from source', present: () => onPath('make'), build: true },
  { name: 'g++', why: 'building better-sqlite3 from source', present: () => onPath('g++'), build: true },
];

function say(text) {
  process.stdout.write(`${text}\n`);
}

function stop(text) {
  process.stderr.write(`\nsetup stopped: ${text}\n`);
  process.exit(1);
}

function executable(path) {
  try {
    accessSync(path, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

function which(name) {
  for (const dir of (process.env.PATH ?? '').split(delimiter)) {
    if (dir && executable(join(dir, name))) return join(dir, name);
  }
  return null;
}

function onPath(name) {
  return which(name) !== null;
}

/** The same search the app makes: CHROMIUM_PATH, else the usual names on PATH. */
function chromium() {
  if (process.env.CHROMIUM_PATH) return executable(process.env.CHROMIUM_PATH) ? process.env.CHROMIUM_PATH : null;
  for (const name of ['chromium', 'chromium-browser', 'google-chrome', 'google-chrome-stable']) {
    const found = which(name);
    if (found) return found;
  }
  return null;
}

function run(command, args, options = {}) {
  say(`$ ${[command, ...args].join(' ')}`);
  const result = spawnSync(command, args, { stdio: 'inherit', cwd: ROOT, ...options });
  return result.status === 0;
}

function checkNode() {
  const [major, minor] = process.versions.node.split('.').map(Number);
  if (major < MIN_NODE[0] || (major === MIN_NODE[0] && minor < MIN_NODE[1]))
    stop(`CollectPay needs Node ${MIN_NODE.join('.')} or newer; this is Node ${process.versions.node}.`);
  say(`Node ${process.versions.node}: fine for the app, the server, the CLI and the tests.`);
  if (major < 22 || (major === 22 && minor < 12))
    say('  (Building installers with `npm run dist` needs Node 22.12+: Electron 45 and its tools require it.)');
}

function installSystemPackages() {
  const missing = PACKAGES.filter((p) => !p.present());
  if (missing.length === 0) {
    say(`System packages: Chromium (${chromium()}), poppler-utils, python3, make, g++ are present.`);
    return;
  }
  for (const p of missing) say(`Missing: ${p.name} — for ${p.why}.`);
  const names = missing.map((p) => p.name);
  const command = `apt-get install -y ${names.join(' ')}`;
  const isRoot = process.getuid?.() === 0;
  if (!onPath('apt-get'))
    stop(
      `install ${names.join(', ')} with your system's package manager, then run \`npm run setup\` again.\n` +
        '  macOS: brew install --cask chromium && brew install poppler  (or set CHROMIUM_PATH to Chrome)\n' +
        '  Chromium elsewhere: set CHROMIUM_PATH to a Chromium or Chrome binary.',
    );
  if (!isRoot) {
    // Only the build tools missing: a prebuilt better-sqlite3 may still download; say so and go on.
    if (missing.every((p) => p.build)) {
      say(`If better-sqlite3 must compile, run first: sudo ${command}`);
      return;
    }
    stop(`run this, then \`npm run setup\` again:\n\n  sudo ${command}\n`);
  }
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  if (!run('apt-get', ['update'], { env }) || !run('apt-get', ['install', '-y', ...names], { env }))
    stop(`apt-get could not install ${names.join(', ')}. Run it yourself:\n\n  ${command}\n`);
  const still = PACKAGES.filter((p) => !p.present()).map((p) => p.name);
  if (still.length) stop(`${still.join(', ')} still missing after apt-get install.`);
  say(`Installed ${names.join(', ')}.`);
}

/**
 * What the multi-instance tests (test/cluster) and `npm run cluster` need, found where Debian installs it (the
 * servers live in /usr/sbin, off a normal user's PATH). Never stops the setup: without these those tests skip,
 * loudly (in CI they must run, and .ci/run's setup runs as root, so they are installed).
 */
const CLUSTER_PACKAGES = [
  { name: 'mariadb-server', file: '/usr/sbin/mariadbd' },
  { name: 'galera-4', file: '/usr/lib/galera/libgalera_smm.so' },
  { name: 'rsync', file: '/usr/bin/rsync' },
  { name: 'redis-server', file: '/usr/bin/redis-server' },
  { name: 'haproxy', file: '/usr/sbin/haproxy' },
];

function installClusterPackages() {
  const missing = CLUSTER_PACKAGES.filter((p) => !existsSync(p.file)).map((p) => p.name);
  if (missing.length === 0) {
    say('Cluster tests: mariadb-server, galera-4, rsync, redis-server and haproxy are present.');
    return;
  }
  const command = `apt-get install -y ${missing.join(' ')}`;
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  const root = process.getuid?.() === 0;
  if (
    root &&
    onPath('apt-get') &&
    run('apt-get', ['update'], { env }) &&
    run('apt-get', ['install', '-y', ...missing], { env })
  )
    return;
  say(`The cluster tests skip without ${missing.join(', ')}; to run them: sudo ${command}`);
}

function installNodeModules() {
  say('Installing packages: a prebuilt better-sqlite3 takes seconds; compiling it from source (when no prebuilt');
  say('binary can be downloaded, e.g. behind a firewall) takes 3-9 minutes on a 2-core machine.');
  if (!run('npm', ['ci', '--ignore-scripts'])) stop('`npm ci --ignore-scripts` failed (see above).');
  if (!run('npm', ['rebuild', ...NATIVE])) {
    const tools = PACKAGES.filter((p) => p.build && !p.present()).map((p) => p.name);
    stop(
      `${NATIVE.join(' or ')} could not be built.${tools.length ? ` It needs ${tools.join(', ')}: sudo apt-get install -y ${tools.join(' ')}` : ''}`,
    );
  }
}

/** The tests make and drop their own databases on this server. */
async function checkDatabase() {
  const url = new URL(process.env.TEST_MYSQL_URL ?? 'mysql://root@127.0.0.1:3306');
  const socketPath = url.searchParams.get('socketPath');
  const target = socketPath ? { path: socketPath } : { host: url.hostname, port: Number(url.port || 3306) };
  const reachable = await new Promise((resolve) => {
    const socket = createConnection(target, () => {
      socket.destroy();
      resolve(true);
    });
    socket.setTimeout(3000, () => {
      socket.destroy();
      resolve(false);
    });
    socket.on('error', () => resolve(false));
  });
  const where = socketPath ?? `${url.hostname}:${url.port || 3306}`;
  if (!reachable)
    stop(
      `no MySQL/MariaDB server answers at ${where}; the tests make their own databases there.\n` +
        '  Debian: apt-get install -y mariadb-server && service mariadb start\n' +
        '  Elsewhere: start MariaDB 10.11+ or MySQL 8, and set TEST_MYSQL_URL=mysql://user:password@host:3306',
    );
  // Installed by now: sign in as the tests will.
  const { createConnection: connect } = await import('mysql2/promise');
  try {
    const connection = await connect({ uri: url.toString(), connectTimeout: 5000 });
    await connection.query('select 1');
    await connection.end();
  } catch (error) {
    stop(
      `the database server at ${where} refused the tests' sign-in (${error.message}).\n` +
        '  Set TEST_MYSQL_URL to an account that may create and drop databases, e.g.\n' +
        '  export TEST_MYSQL_URL=mysql://collectpay:secret@127.0.0.1:3306   (or ?socketPath=/run/mysqld/mysqld.sock)',
    );
  }
  say(`Test database: ${where} answers and lets the tests in.`);
}

async function main() {
  if (process.argv.includes('--help') || process.argv.includes('-h')) {
    say(USAGE);
    return;
  }
  const started = Date.now();
  checkNode();
  installSystemPackages();
  installClusterPackages();
  installNodeModules();
  await checkDatabase();
  if (!run('npm', ['run', 'build'])) stop('`npm run build` failed (see above).');
  say(
    `\nReady in ${Math.round((Date.now() - started) / 1000)} s: run \`npm test\` (and \`npm run e2e\` for the browser tests).`,
  );
}

await main();
