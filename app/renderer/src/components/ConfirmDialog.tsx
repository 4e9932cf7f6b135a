import { failureMessage } from '../lib/failure';
import { useEffect, useRef, useState, type ReactNode } from 'react';
import { useFocusTrap } from './focus-trap';

interface ConfirmProps {
  title: string;
  children: ReactNode;
  confirmLabel: string;
  /** When set, the user must type a reason (voids, discards). */
  reasonLabel?: string;
  onConfirm(reason: string): Promise<void> | void;
  onCancel(): void;
}

/** Destructive actions ask first; Escape cancels, and focus starts on the safe choice or the reason. */
export function ConfirmDialog({ title, children, confirmLabel, reasonLabel, onConfirm, onCancel }: ConfirmProps) {
  const [reason, setReason] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const first = useRef<HTMLInputElement & HTMLButtonElement>(null);
  const dialog = useRef<HTMLDivElement>(null);
  useFocusTrap(dialog);
  useEffect(() => {
    first.current?.focus();
    const onKey = (e: KeyboardEvent) => e.key === 'Escape' && onCancel();
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [onCancel]);
  async function confirm() {
    if (reasonLabel && reason.trim().length < 3) {
      setError('Please give a reason (at least 3 characters).');
      return;
    }
    setBusy(true);
    try {
      await onConfirm(reason.trim());
    } catch (e) {
      setError(failureMessage(e));
      setBusy(false);
    }
  }
  return (
    <div className="dialog-backdrop">
      <div className="dialog" role="dialog" aria-modal="true" aria-labelledby="dialog-title" ref={dialog}>
        <h2 id="dialog-title">{title}</h2>
        <div className="dialog__body">{children}</div>
        {reasonLabel ? (
          <div className="field">
            <label htmlFor="dialog-reason">{reasonLabel}</label>
            <input
              id="dialog-reason"
              ref={first}
              value={reason}
              onChange={(e) => setReason(e.target.value)}
              onKeyDown={(e) => e.key === 'Enter' && void confirm()}
            />
          </div>
        ) : null}
        {error ? (
          <div className="field__error" role="alert">
            {error}
          </div>
        ) : null}
        <div className="dialog__actions">
          <button type="button" className="secondary" onClick={onCancel} ref={reasonLabel ? undefined : first}>
            Cancel
          </button>
          <button type="button" className="danger" disabled={busy} onClick={() => void confirm()}>
            {confirmLabel}
          </button>
        </div>
      </div>
    </div>
  );
}
