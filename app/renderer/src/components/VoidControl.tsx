import { can, roleFor, type Action } from '../../../../shared';
import { useApp } from '../lib/settings';

/**
 * Who may void records of a kind, from the same permissions table the server applies: `allowed` for this
 * session, and `why` for everyone else ("supervisors void payments").
 */
export function useVoidRight(action: Action, many: string): { allowed: boolean; why: string } {
  const { session } = useApp();
  return { allowed: can(session?.user?.role, action), why: `${roleFor(action)}s void ${many}` };
}

/** A record's Void button: disabled, with the reason beside it, for a role that may not void. */
export function VoidButton({
  id,
  right,
  onVoid,
}: {
  id: string;
  right: { allowed: boolean; why: string };
  onVoid(): void;
}) {
  return (
    <button
      type="button"
      className="danger small"
      disabled={!right.allowed}
      onClick={onVoid}
      aria-describedby={right.allowed ? undefined : `void-why-${id}`}
      title={right.allowed ? undefined : right.why}
    >
      Void
    </button>
  );
}

/** Under a record's actions: "Void: reason" once voided, or why this role has no Void. */
export function VoidStatus({
  id,
  voided,
  reason,
  right,
}: {
  id: string;
  voided: boolean;
  reason: string | null | undefined;
  right: { allowed: boolean; why: string };
}) {
  if (voided) return <div className="void-note">Void{reason ? `: ${reason}` : ''}</div>;
  if (right.allowed) return null;
  return (
    <div className="muted small" id={`void-why-${id}`}>
      {right.why}
    </div>
  );
}
