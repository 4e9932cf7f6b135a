import { createServer } from 'node:http';
import { createRequire } from 'node:module';

/**
 * The peer of the comparison figures: express-pouchdb (PouchDB 9 on LevelDB) in its own process, as our server is.
 * Started by `peer.ts` with PEER_DIR (where its LevelDB files go) and PORT.
 */
const require = createRequire(import.meta.url);
const PouchDB = require('pouchdb') as { defaults(options: { prefix: string }): unknown };
const expressPouchDb = require('express-pouchdb') as (
  db: unknown,
  options: object,
) => Parameters<typeof createServer>[1];

const dir = process.env.PEER_DIR!;
const app = expressPouchDb(PouchDB.defaults({ prefix: `${dir}/server-` }), {
  mode: 'minimumForPouchDB',
  logPath: `${dir}/express-pouchdb.log`,
});
createServer(app).listen(Number(process.env.PORT), '127.0.0.1');
