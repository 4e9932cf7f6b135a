import { Cell, GroupError, removeAt, replaceAt, type EditorProps } from './cells';
import { ReadingEditor } from './ReadingEditor';
import {
  emptyBand,
  emptyReading,
  gridSize,
  resizeRates,
  type AxisForm,
  type BandForm,
  type RateForm,
} from './rule-form';

type ChartForm = Pick<RateForm, 'axes' | 'rates'>;

/** A range as it heads a row or column of the grid: "3.50–3.99". */
const bandLabel = (band: BandForm) => (band.min || band.max ? `${band.min || '?'}–${band.max || '?'}` : '(new band)');

/**
 * A quality chart: one or two readings, each with its bands, and the rate grid sized by the bands (rows for
 * the first reading, columns for the second). The grid follows every band added or removed.
 */
export function ChartEditor({
  value,
  onChange,
  errors,
  path,
  currency,
}: EditorProps<ChartForm> & { currency: string }) {
  function setAxes(axes: AxisForm[]) {
    const { rows, columns } = gridSize(axes);
    onChange({ axes, rates: resizeRates(value.rates, rows, columns) });
  }
  const setAxis = (a: number, axis: AxisForm) => setAxes(replaceAt(value.axes, a, axis));
  const setCell = (r: number, c: number, text: string) =>
    onChange({ ...value, rates: replaceAt(value.rates, r, replaceAt(value.rates[r]!, c, text)) });
  const [rowsAxis, columnsAxis] = value.axes;

  return (
    <div className="editor-part">
      {value.axes.map((axis, a) => {
        const at = `${path}.axes.${a}`;
        const name = a === 0 ? 'Rows reading' : 'Columns reading';
        return (
          <fieldset key={a} className="axis">
            <legend>
              {a === 0 ? 'Reading down the side' : 'Reading across the top'}
              {a === 1 ? (
                <button type="button" className="small secondary" onClick={() => setAxes(value.axes.slice(0, 1))}>
                  Use one reading only
                </button>
              ) : null}
            </legend>
            <ReadingEditor
              name={name}
              value={axis.reading}
              onChange={(reading) => setAxis(a, { ...axis, reading })}
              errors={errors}
              path={`${at}.reading`}
            />
            <div className="bands" role="group" aria-label={`${name} bands`}>
              {axis.bands.map((band, b) => (
                <div key={b} className="band">
                  <div className="band__range">
                    <Cell
                      label={`${name} band ${b + 1} from`}
                      inputMode="decimal"
                      value={band.min}
                      onChange={(e) =>
                        setAxis(a, { ...axis, bands: replaceAt(axis.bands, b, { ...band, min: e.target.value }) })
                      }
                      error={errors[`${at}.bands.${b}.min`]}
                    />
                    <span>to</span>
                    <Cell
                      label={`${name} band ${b + 1} to`}
                      inputMode="decimal"
                      value={band.max}
                      onChange={(e) =>
                        setAxis(a, { ...axis, bands: replaceAt(axis.bands, b, { ...band, max: e.target.value }) })
                      }
                      error={errors[`${at}.bands.${b}.max`]}
                    />
                    <button
                      type="button"
                      className="small secondary"
                      aria-label={`Remove ${name.toLowerCase()} band ${b + 1}`}
                      onClick={() => setAxis(a, { ...axis, bands: removeAt(axis.bands, b) })}
                    >
                      ×
                    </button>
                  </div>
                  <GroupError error={errors[`${at}.bands.${b}`]} />
                </div>
              ))}
              <GroupError error={errors[`${at}.bands`]} />
              <button
                type="button"
                className="small secondary"
                onClick={() => setAxis(a, { ...axis, bands: [...axis.bands, emptyBand()] })}
              >
                Add band
              </button>
            </div>
          </fieldset>
        );
      })}
      {value.axes.length === 1 ? (
        <button
          type="button"
          className="small secondary"
          onClick={() => setAxes([...value.axes, { reading: emptyReading(), bands: [emptyBand()] }])}
        >
          Add a second reading
        </button>
      ) : null}
      <GroupError error={errors[`${path}.axes`]} />
      {rowsAxis ? (
        <table className="table compact rate-grid" aria-label="Rate table">
          <caption>
            Rate per unit ({currency}) for each band{columnsAxis ? ' pair' : ''}
          </caption>
          <thead>
            <tr>
              <th>
                {rowsAxis.reading.label || 'Rows'} \{' '}
                {columnsAxis ? columnsAxis.reading.label || 'Columns' : `Rate (${currency})`}
              </th>
              {columnsAxis ? columnsAxis.bands.map((band, c) => <th key={c}>{bandLabel(band)}</th>) : <th />}
            </tr>
          </thead>
          <tbody>
            {value.rates.map((row, r) => (
              <tr key={r}>
                <th>{bandLabel(rowsAxis.bands[r] ?? emptyBand())}</th>
                {row.map((cell, c) => (
                  <td key={c}>
                    <Cell
                      label={`Rate for row ${r + 1}${columnsAxis ? ` column ${c + 1}` : ''}`}
                      inputMode="decimal"
                      className="num"
                      value={cell}
                      onChange={(e) => setCell(r, c, e.target.value)}
                      error={errors[`${path}.rates.${r}.${c}`] ?? errors[`${path}.rates.${r}`]}
                    />
                  </td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      ) : null}
      <GroupError error={errors[`${path}.rates`]} />
    </div>
  );
}
