import { Field } from '../../components/Field';
import { codeFieldOf, type Choice, type Clash } from './join-plan';

interface Props {
  clashes: readonly Clash[];
  choices: Record<string, Choice>;
  errors: Record<string, string>;
  onChange(localUuid: string, choice: Choice): void;
}

/**
 * One row per record whose code the office already uses. A supplier is the user's call — the same grower
 * (merge) or another one under a new code — proposed as a new code when the names differ; a product is merged.
 */
export function ClashChoices({ clashes, choices, errors, onChange }: Props) {
  return (
    <table className="table small" aria-label="Records to map">
      <thead>
        <tr>
          <th>Kind</th>
          <th>Code</th>
          <th>On this desk</th>
          <th>On the server</th>
          <th>What to do</th>
        </tr>
      </thead>
      <tbody>
        {clashes.map((c, i) => {
          const choice = choices[c.local_uuid] ?? { action: c.suggested, code: '' };
          const set = (patch: Partial<Choice>) => onChange(c.local_uuid, { ...choice, ...patch });
          return (
            <tr key={c.local_uuid}>
              <td>{c.entity_type === 'suppliers' ? 'Supplier' : 'Product'}</td>
              <td>{c.code}</td>
              <td>{c.local_name}</td>
              <td>{c.server_name}</td>
              <td>
                {c.entity_type === 'suppliers' ? (
                  <fieldset aria-label={`${c.code} ${c.local_name}`}>
                    <label className="check">
                      <input
                        type="radio"
                        name={`clash-${c.local_uuid}`}
                        checked={choice.action === 'merge'}
                        onChange={() => set({ action: 'merge' })}
                      />
                      Same grower — merge
                    </label>
                    <label className="check">
                      <input
                        type="radio"
                        name={`clash-${c.local_uuid}`}
                        checked={choice.action === 'recode'}
                        onChange={() => set({ action: 'recode' })}
                      />
                      Different grower — give the local one a new code
                    </label>
                    {choice.action === 'recode' ? (
                      <Field
                        label={`New code for ${c.local_name}`}
                        value={choice.code}
                        onChange={(e) => set({ code: e.target.value })}
                        error={errors[codeFieldOf(i)]}
                      />
                    ) : null}
                  </fieldset>
                ) : (
                  'Merge (the office’s rates apply)'
                )}
              </td>
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}
