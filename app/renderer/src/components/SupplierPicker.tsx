import { useEffect, useId, useRef, useState, type KeyboardEvent, type Ref } from 'react';
import type { SupplierRow } from '../../../../shared';
import { call } from '../lib/api';

interface Props {
  label?: string;
  value: SupplierRow | null;
  onChange(supplier: SupplierRow | null): void;
  error?: string;
  inputRef?: Ref<HTMLInputElement>;
  /** Called after a pick by keyboard, so the form can move focus on. */
  onPicked?(): void;
}

/** Supplier by code or name: type, arrow to a match, Enter to pick. An exact code picks itself. */
export function SupplierPicker({ label = 'Supplier', value, onChange, error, inputRef, onPicked }: Props) {
  const id = useId();
  const [text, setText] = useState(value ? `${value.code} ${value.name}` : '');
  const [matches, setMatches] = useState<SupplierRow[]>([]);
  const [active, setActive] = useState(0);
  const [open, setOpen] = useState(false);

  /** Set while the user's typing clears the pick, so that only a reset from outside empties the text. */
  const typing = useRef(false);

  useEffect(() => {
    if (value) setText(`${value.code} — ${value.name}`);
    else if (!typing.current) setText('');
    typing.current = false;
  }, [value]);

  useEffect(() => {
    if (!open) return;
    const search = text.trim();
    let live = true;
    call('suppliers.list', { search: search || undefined, limit: 8 }).then((page) => {
      if (!live) return;
      const exact = page.rows.findIndex((s) => s.code.toLowerCase() === search.toLowerCase());
      setMatches(page.rows);
      setActive(exact >= 0 ? exact : 0);
    });
    return () => {
      live = false;
    };
  }, [text, open]);

  function pick(supplier: SupplierRow) {
    onChange(supplier);
    setOpen(false);
    onPicked?.();
  }

  function onKeyDown(e: KeyboardEvent<HTMLInputElement>) {
    if (e.key === 'ArrowDown') {
      e.preventDefault();
      setOpen(true);
      setActive((i) => Math.min(i + 1, matches.length - 1));
    } else if (e.key === 'ArrowUp') {
      e.preventDefault();
      setActive((i) => Math.max(i - 1, 0));
    } else if (e.key === 'Enter' && value) {
      // Already picked: Enter moves on, as a pick would.
      e.preventDefault();
      setOpen(false);
      onPicked?.();
    } else if (e.key === 'Enter' && !value && text.trim()) {
      // Enter picks what the text means now, not what a search still in flight showed a moment ago.
      e.preventDefault();
      const search = text.trim();
      const shown = open ? matches[active] : undefined;
      void call('suppliers.list', { search, limit: 8 }).then((page) => {
        const exact = page.rows.find((s) => s.code.toLowerCase() === search.toLowerCase());
        const choice = exact ?? (shown && page.rows.some((s) => s.uuid === shown.uuid) ? shown : page.rows[0]);
        if (choice) pick(choice);
      });
    } else if (e.key === 'Escape') setOpen(false);
  }

  return (
    <div className={`field picker${error ? ' field--error' : ''}`}>
      <label htmlFor={id}>{label}</label>
      <input
        id={id}
        ref={inputRef}
        role="combobox"
        aria-expanded={open}
        aria-controls={`${id}-list`}
        aria-autocomplete="list"
        aria-invalid={Boolean(error)}
        autoComplete="off"
        placeholder="Code or name"
        value={text}
        onChange={(e) => {
          setText(e.target.value);
          setOpen(true);
          if (value) {
            typing.current = true;
            onChange(null);
          }
        }}
        onFocus={(e) => e.target.select()}
        onBlur={(e) => {
          const input = e.currentTarget;
          // Close only if focus really left (a click on an option lands first).
          setTimeout(() => document.activeElement !== input && setOpen(false), 150);
        }}
        onKeyDown={onKeyDown}
      />
      {open && matches.length > 0 ? (
        <ul className="picker__list" id={`${id}-list`} role="listbox">
          {matches.map((s, i) => (
            <li
              key={s.uuid}
              role="option"
              aria-selected={i === active}
              className={i === active ? 'active' : ''}
              onMouseDown={() => pick(s)}
            >
              <strong>{s.code}</strong> {s.name}
            </li>
          ))}
        </ul>
      ) : null}
      {error ? (
        <div className="field__error" role="alert">
          {error}
        </div>
      ) : null}
    </div>
  );
}
