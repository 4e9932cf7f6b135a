import { sql, type Transaction } from 'kysely';
import type { ServerDatabase } from '../db/schema';
import { BatchState } from './batch-state';

/**
 * Runs `work` holding the one-row sync clock, then writes what it changed: the clock row is taken FOR UPDATE
 * (so commits are ordered by seq: a later commit always carries larger seqs, which pull relies on), `work`
 * applies ops to a BatchState numbering from it, the changed rows are flushed, and the clock moves to the last
 * seq used. Push and conflict resolution both write through here, inside their own transaction.
 */
export async function withSeqClock<T>(
  trx: Transaction<ServerDatabase>,
  work: (state: BatchState) => Promise<T>,
): Promise<{ result: T; wrote: boolean; firstSeq: number; lastSeq: number }> {
  const clock = await sql<{ seq: number | string }>`select seq from sync_clock where id = 1 for update`.execute(trx);
  const start = Number(clock.rows[0]?.seq ?? 0);
  const state = new BatchState(start);
  const result = await work(state);
  const wrote = (await state.flush(trx)) > 0;
  if (wrote) await sql`update sync_clock set seq = ${state.lastSeq} where id = 1`.execute(trx);
  return { result, wrote, firstSeq: start + 1, lastSeq: state.lastSeq };
}
