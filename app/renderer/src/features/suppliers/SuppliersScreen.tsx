import { useVirtualizer } from '@tanstack/react-virtual';
import { useEffect, useRef, useState } from 'react';
import type { Screen } from '../../App';
import { AwaitingBadge, useAwaiting } from '../../components/AwaitingBadge';
import { SupplierForm } from './SupplierForm';
import { useSupplierPages } from './useSupplierPages';

/** A searchable supplier list that stays fast at 10,000 rows: only visible rows are drawn or fetched. */
export function SuppliersScreen({ go }: { go(screen: Screen): void }) {
  const [search, setSearch] = useState('');
  const [debounced, setDebounced] = useState('');
  const [creating, setCreating] = useState(false);
  const pages = useSupplierPages(debounced);
  const awaiting = useAwaiting();
  const parent = useRef<HTMLDivElement>(null);
  useEffect(() => {
    const t = setTimeout(() => setDebounced(search.trim()), 150);
    return () => clearTimeout(t);
  }, [search]);
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if ((e.ctrlKey || e.metaKey) && e.key.toLowerCase() === 'n') {
        e.preventDefault();
        setCreating(true);
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);
  const virtual = useVirtualizer({
    count: pages.total,
    getScrollElement: () => parent.current,
    estimateSize: () => 36,
    overscan: 12,
  });
  const items = virtual.getVirtualItems();
  useEffect(() => {
    for (const item of items) if (!pages.row(item.index)) pages.ensure(item.index);
  }, [items, pages]);

  return (
    <section className="suppliers">
      <header className="screen-header">
        <h1>Suppliers</h1>
        <button type="button" onClick={() => setCreating(true)}>
          New supplier (Ctrl+N)
        </button>
      </header>
      {creating ? (
        <SupplierForm
          onCancel={() => setCreating(false)}
          onDone={(row) => {
            setCreating(false);
            go({ name: 'supplier', uuid: row.uuid });
          }}
        />
      ) : null}
      <div className="field">
        <label htmlFor="supplier-search">Search suppliers</label>
        <input
          id="supplier-search"
          type="search"
          placeholder="Code, name or phone"
          value={search}
          onChange={(e) => setSearch(e.target.value)}
        />
      </div>
      <p className="muted" data-testid="supplier-count">
        {pages.total} supplier{pages.total === 1 ? '' : 's'}
      </p>
      <div className="table-head supplier-columns" aria-hidden="true">
        <span>Code</span>
        <span>Name</span>
        <span>Phone</span>
        <span>Region</span>
      </div>
      <div ref={parent} className="virtual-list" role="list" aria-label="Suppliers">
        <div style={{ height: virtual.getTotalSize(), position: 'relative' }}>
          {items.map((item) => {
            const row = pages.row(item.index);
            return (
              <div
                key={item.key}
                role="listitem"
                className="virtual-row"
                style={{ transform: `translateY(${item.start}px)`, height: item.size }}
              >
                {row ? (
                  <button
                    type="button"
                    className="row-button supplier-columns"
                    onClick={() => go({ name: 'supplier', uuid: row.uuid })}
                  >
                    <span data-column="code">{row.code}</span>
                    <span data-column="name">
                      {row.name}
                      {row.active ? '' : ' (inactive)'}
                      {awaiting.has(row.uuid) ? <AwaitingBadge /> : null}
                    </span>
                    <span data-column="phone">{row.phone}</span>
                    <span data-column="region">{row.region}</span>
                  </button>
                ) : (
                  <span className="muted supplier-columns">Loading…</span>
                )}
              </div>
            );
          })}
        </div>
      </div>
    </section>
  );
}
