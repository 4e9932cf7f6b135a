import { useQuery } from '../lib/api';

/** Records with a conflict waiting for a supervisor (a clerk sees which of their rows are held, and why). */
export function useAwaiting(): ReadonlySet<string> {
  const { data } = useQuery('conflicts.openEntities', {});
  return new Set(data ?? []);
}

export function AwaitingBadge() {
  return (
    <>
      {' '}
      <span className="badge" title="Two desks changed this record; a supervisor decides which version stands">
        awaiting supervisor
      </span>
    </>
  );
}
