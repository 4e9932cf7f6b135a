import { useState } from 'react';

export interface NoticeState {
  kind: 'ok' | 'error';
  text: string;
}

/** One outcome at a time beside a form: a new error replaces the last "Saved…", and a save clears the error. */
export function useNotice() {
  const [notice, setNotice] = useState<NoticeState | null>(null);
  return {
    notice,
    ok: (text: string) => setNotice({ kind: 'ok', text }),
    fail: (text: string) => setNotice({ kind: 'error', text }),
    clear: () => setNotice(null),
  };
}

export function Notice({ notice }: { notice: NoticeState | null }) {
  if (!notice) return null;
  return notice.kind === 'ok' ? (
    <p className="ok" role="status">
      {notice.text}
    </p>
  ) : (
    <div className="form-message" role="alert">
      {notice.text}
    </div>
  );
}
