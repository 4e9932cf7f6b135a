import type { ReactNode } from 'react';
import { FormMessage } from './Field';

interface AddFormProps {
  /** What is added, as the button and the form name it: "charge" makes "New charge…" and "Add charge". */
  what: string;
  /** Whether the open form repeats "New charge" as its heading. */
  heading?: boolean;
  adding: boolean;
  setAdding(open: boolean): void;
  message: string | null;
  onSubmit(): void;
  /** The fields, laid out two by two. */
  children: ReactNode;
}

/**
 * A list's "add" form (with useAddForm): closed, the button that opens it; open, the fields, the form's message,
 * then submit and cancel. Enter submits from any field.
 */
export function AddForm({ what, heading, adding, setAdding, message, onSubmit, children }: AddFormProps) {
  if (!adding)
    return (
      <button type="button" className="secondary" onClick={() => setAdding(true)}>
        {`New ${what}…`}
      </button>
    );
  return (
    <form
      className="card form"
      aria-label={`New ${what}`}
      onSubmit={(e) => {
        e.preventDefault();
        onSubmit();
      }}
    >
      {heading ? <h2>{`New ${what}`}</h2> : null}
      <div className="grid2">{children}</div>
      <FormMessage message={message} />
      <div className="row">
        <button type="submit">{`Add ${what}`}</button>
        <button type="button" className="secondary" onClick={() => setAdding(false)}>
          Cancel
        </button>
      </div>
    </form>
  );
}
