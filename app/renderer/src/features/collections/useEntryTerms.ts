import { useEffect, useState } from 'react';
import type { EntryTerms } from '../../../../../shared/ipc/types';
import { call, onEvent } from '../../lib/api';

/**
 * The terms (rule in force, rate, the supplier's place, centres) for the product, supplier and date on the form.
 * Each answer is kept with what it was asked for: an answer for another product (a stale one, or the terms of the
 * product picked before while the new one's are on their way) is never returned, and `loading` says the form waits.
 */
export function useEntryTerms(productUuid: string | undefined, supplierUuid: string | undefined, at?: string) {
  const key = productUuid ? JSON.stringify([productUuid, supplierUuid ?? null, at ?? null]) : '';
  const [answer, setAnswer] = useState<{ key: string; terms: EntryTerms | null } | null>(null);
  const [version, setVersion] = useState(0);
  useEffect(() => onEvent('data.changed', () => setVersion((v) => v + 1)), []);
  useEffect(() => {
    if (!productUuid) return;
    let live = true;
    call('collections.terms', {
      product_uuid: productUuid,
      ...(supplierUuid ? { supplier_uuid: supplierUuid } : {}),
      ...(at ? { collected_at: at } : {}),
    }).then(
      (terms) => live && setAnswer({ key, terms }),
      () => live && setAnswer({ key, terms: null }),
    );
    return () => {
      live = false;
    };
  }, [key, productUuid, supplierUuid, at, version]);
  // A reload of the same terms (data changed) keeps showing the ones in hand: only a new question waits.
  const current = key && answer?.key === key ? answer : null;
  return { terms: current?.terms ?? null, loading: Boolean(key) && !current };
}
