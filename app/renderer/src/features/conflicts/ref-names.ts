import { useEffect, useState } from 'react';
import { call } from '../../lib/api';

/**
 * The suppliers and products some records point at, as this desk has them: names ("Amina Njeri (S-0001)") and
 * product units, to name those records by them (conflicts, the Sync screen's changes).
 */
export function useRefNames(values: unknown[]): Record<string, string> {
  return useRefs(values).names;
}

export function useRefs(values: unknown[]): { names: Record<string, string>; units: Record<string, string> } {
  const [refs, setRefs] = useState<{ names: Record<string, string>; units: Record<string, string> }>({
    names: {},
    units: {},
  });
  const wanted = [...new Set(values)].filter((v): v is string => typeof v === 'string').sort();
  const key = wanted.join(',');
  useEffect(() => {
    let live = true;
    void (async () => {
      const names: Record<string, string> = {};
      const units: Record<string, string> = {};
      const products = await call('products.list', { includeInactive: true }).catch(() => []);
      for (const p of products) {
        names[p.uuid] = `${p.name} (${p.code})`;
        units[p.uuid] = p.unit;
      }
      for (const uuid of key ? key.split(',') : []) {
        if (names[uuid]) continue;
        const supplier = await call('suppliers.get', { uuid }).catch(() => null);
        if (supplier) names[uuid] = `${supplier.name} (${supplier.code})`;
      }
      if (live) setRefs({ names, units });
    })();
    return () => {
      live = false;
    };
  }, [key]);
  return refs;
}
