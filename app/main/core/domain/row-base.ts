import { newId, validationError } from '../../../../shared';
import type { CoreContext } from './context';

/** Common columns of a row made on this desk; the server assigns the real version on push. */
export function newRowBase(ctx: CoreContext, uuid?: string, now = ctx.now()) {
  const userId = ctx.session()?.userId ?? null;
  return {
    uuid: uuid ?? newId(),
    version: 0,
    created_at: now,
    updated_at: now,
    deleted_at: null as string | null,
    created_by: userId,
    updated_by: userId,
  };
}

export function touched(ctx: CoreContext) {
  return { updated_at: ctx.now(), updated_by: ctx.session()?.userId ?? null };
}

export function requireSomeChange(patch: Record<string, unknown>): void {
  if (Object.values(patch).every((value) => value === undefined)) {
    throw validationError({ _: 'nothing to change' }, 'Nothing to change: give at least one field');
  }
}

export type { Page } from '../../../../shared/ipc/types';

export interface PageInput {
  limit?: number;
  offset?: number;
}

export function pageBounds(input: PageInput): { limit: number; offset: number } {
  const limit = Math.min(Math.max(Math.trunc(input.limit ?? 50), 1), 1000);
  const offset = Math.max(Math.trunc(input.offset ?? 0), 0);
  return { limit, offset };
}

/** Escapes LIKE wildcards so a search for "50%" finds "50%" literally. */
export function likePattern(search: string): string {
  return `%${search.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}
