import { useState } from 'react';
import { can, type CentreRow, type RouteRow } from '../../../../../shared';
import { ConfirmDialog } from '../../components/ConfirmDialog';
import { Field, FormMessage } from '../../components/Field';
import { ApiError, call, useQuery } from '../../lib/api';
import { failureMessage } from '../../lib/failure';
import { useApp } from '../../lib/settings';

type Kind = 'routes' | 'centres';
type Place = RouteRow | CentreRow;
const NAMES: Record<Kind, { one: string; many: string }> = {
  routes: { one: 'route', many: 'Routes' },
  centres: { one: 'centre', many: 'Centres' },
};
const EMPTY = { code: '', name: '', notes: '' };

/**
 * Routes or centres (suppliers belong to them; pricing overrides name them): list, add, edit, deactivate.
 * A deactivated one stays on old records and can be brought back; only a supervisor changes them.
 */
export function PlacesPanel({ kind }: { kind: Kind }) {
  const { session } = useApp();
  const names = NAMES[kind];
  const mayEdit = can(session?.user?.role, `${kind}.create`);
  const list = useQuery(`${kind}.list`, { includeInactive: true });
  const [editing, setEditing] = useState<Place | 'new' | null>(null);
  const [values, setValues] = useState(EMPTY);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [message, setMessage] = useState<string | null>(null);
  const [deactivating, setDeactivating] = useState<Place | null>(null);

  function open(place: Place | 'new') {
    setEditing(place);
    setValues(place === 'new' ? EMPTY : { code: place.code, name: place.name, notes: place.notes });
    setErrors({});
    setMessage(null);
  }

  async function save() {
    try {
      if (editing === 'new') await call(`${kind}.create`, values);
      else if (editing) await call(`${kind}.update`, { uuid: editing.uuid, patch: values });
      setEditing(null);
    } catch (error) {
      setErrors(error instanceof ApiError ? error.fields : {});
      setMessage(failureMessage(error, Object.keys(EMPTY)));
    }
  }

  const setActive = (place: Place, active: boolean) => call(`${kind}.update`, { uuid: place.uuid, patch: { active } });
  const rows = list.data ?? [];
  const label = `${names.one[0]!.toUpperCase()}${names.one.slice(1)}`;

  return (
    <section aria-label={names.many} className="places">
      <h2>{names.many}</h2>
      {rows.length === 0 ? (
        <p className="muted">
          No {kind} yet.{mayEdit ? ` Add one to group suppliers and price by ${names.one}.` : ''}
        </p>
      ) : (
        <table className="table" aria-label={`${names.many} list`}>
          <thead>
            <tr>
              <th>Code</th>
              <th>Name</th>
              <th>Notes</th>
              <th>Status</th>
              <th />
            </tr>
          </thead>
          <tbody>
            {rows.map((place) => (
              <tr key={place.uuid} className={place.active ? undefined : 'voided'}>
                <td>{place.code}</td>
                <td>{place.name}</td>
                <td className="wrap">{place.notes}</td>
                <td>{place.active ? 'active' : 'inactive'}</td>
                <td className="nowrap">
                  {mayEdit ? (
                    <>
                      <button type="button" className="small secondary" onClick={() => open(place)}>
                        Edit
                      </button>{' '}
                      {place.active ? (
                        <button type="button" className="small danger" onClick={() => setDeactivating(place)}>
                          Deactivate…
                        </button>
                      ) : (
                        <button type="button" className="small secondary" onClick={() => void setActive(place, true)}>
                          Reactivate
                        </button>
                      )}
                    </>
                  ) : null}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {mayEdit && !editing ? (
        <button type="button" className="secondary" onClick={() => open('new')}>
          New {names.one}…
        </button>
      ) : null}
      {editing ? (
        <form
          className="card form"
          aria-label={editing === 'new' ? `New ${names.one}` : `Edit ${names.one}`}
          onSubmit={(e) => {
            e.preventDefault();
            void save();
          }}
          onKeyDown={(e) => {
            if (e.key === 'Escape') setEditing(null);
          }}
        >
          <div className="grid3">
            <Field
              label={`${label} code`}
              value={values.code}
              onChange={(e) => setValues({ ...values, code: e.target.value })}
              error={errors.code}
              autoFocus
            />
            <Field
              label={`${label} name`}
              value={values.name}
              onChange={(e) => setValues({ ...values, name: e.target.value })}
              error={errors.name}
            />
            <Field
              label={`${label} notes`}
              value={values.notes}
              onChange={(e) => setValues({ ...values, notes: e.target.value })}
              error={errors.notes}
            />
          </div>
          <FormMessage message={message} />
          <div className="row">
            <button type="submit">Save {names.one}</button>
            <button type="button" className="secondary" onClick={() => setEditing(null)}>
              Cancel
            </button>
          </div>
        </form>
      ) : null}
      {deactivating ? (
        <ConfirmDialog
          title={`Deactivate ${names.one} ${deactivating.code}?`}
          confirmLabel={`Deactivate ${names.one}`}
          onCancel={() => setDeactivating(null)}
          onConfirm={async () => {
            await setActive(deactivating, false);
            setDeactivating(null);
          }}
        >
          It is no longer offered for new suppliers or overrides. Suppliers, collections and pricing rules that already
          name it keep it, and it can be reactivated.
        </ConfirmDialog>
      ) : null}
    </section>
  );
}
