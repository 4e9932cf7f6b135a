import { useEffect, useState } from 'react';
import type { EntryTerms } from '../../../../../shared/ipc/types';
import { call, onEvent } from '../../lib/api';

/** The terms (rule in force, rate, the supplier's place, centres) for the product, supplier and date on the form. */
export function useEntryTerms(productUuid: string | undefined, supplierUuid: string | undefined, at?: string) {
  const [terms, setTerms] = useState<EntryTerms | null>(null);
  const [version, setVersion] = useState(0);
  useEffect(() => onEvent('data.changed', () => setVersion((v) => v + 1)), []);
  useEffect(() => {
    if (!productUuid) return setTerms(null);
    let live = true;
    call('collections.terms', {
      product_uuid: productUuid,
      ...(supplierUuid ? { supplier_uuid: supplierUuid } : {}),
      ...(at ? { collected_at: at } : {}),
    }).then(
      (t) => live && setTerms(t),
      () => live && setTerms(null),
    );
    return () => {
      live = false;
    };
  }, [productUuid, supplierUuid, at, version]);
  return terms;
}
