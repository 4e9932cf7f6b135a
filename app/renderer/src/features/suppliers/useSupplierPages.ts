import { useCallback, useEffect, useRef, useState } from 'react';
import type { SupplierRow } from '../../../../../shared';
import { call, onEvent } from '../../lib/api';

const PAGE = 200;

/** Suppliers fetched a page at a time as the list scrolls, so 10,000 rows never load at once. */
export function useSupplierPages(search: string) {
  const [total, setTotal] = useState(0);
  const [version, setVersion] = useState(0);
  const rows = useRef(new Map<number, SupplierRow>());
  const loading = useRef(new Set<number>());
  const generation = useRef(0);

  const reset = useCallback(() => {
    generation.current += 1;
    rows.current = new Map();
    loading.current = new Set();
    const mine = generation.current;
    call('suppliers.list', { search: search || undefined, limit: PAGE, offset: 0, includeInactive: true }).then(
      (page) => {
        if (mine !== generation.current) return;
        page.rows.forEach((row, i) => rows.current.set(i, row));
        loading.current.add(0);
        setTotal(page.total);
        setVersion((v) => v + 1);
      },
    );
  }, [search]);

  useEffect(() => {
    reset();
    return onEvent('data.changed', reset);
  }, [reset]);

  const ensure = useCallback(
    (index: number) => {
      const start = Math.floor(index / PAGE) * PAGE;
      if (loading.current.has(start)) return;
      loading.current.add(start);
      const mine = generation.current;
      call('suppliers.list', { search: search || undefined, limit: PAGE, offset: start, includeInactive: true }).then(
        (page) => {
          if (mine !== generation.current) return;
          page.rows.forEach((row, i) => rows.current.set(start + i, row));
          setVersion((v) => v + 1);
        },
      );
    },
    [search],
  );

  return { total, row: (i: number) => rows.current.get(i), ensure, version };
}
