import { describe, expect, it } from 'vitest';
import { costCurves, curvesSvg } from './chart';
import type { Figure } from './lib';

const fig = (id: string, name: string, value: number, baseline: number): Figure => ({
  id,
  name,
  value,
  unit: 'ms',
  baseline,
  baselineName: 'raw',
  ratio: baseline / value,
  target: '—',
  met: null,
});

describe('cost curves', () => {
  it('are read from the figures measured at three sizes, and drawn as one panel each', () => {
    const figures = [
      fig('8a', 'Desk pushes 5,000 queued changes (sync engine)', 3000, 900),
      fig('8b', 'Desk pushes 10,000 queued changes (sync engine)', 6100, 1800),
      fig('8c', 'Desk pushes 20,000 queued changes (sync engine)', 12500, 3700),
      fig('9a', 'CSV import of 5,000 suppliers', 400, 60),
    ];
    const curves = costCurves(figures);
    expect(curves).toHaveLength(1);
    expect(curves[0]!.points.map((p) => p.size)).toEqual([5000, 10000, 20000]);
    const svg = curvesSvg(curves, 'run of today');
    expect(svg.match(/<polyline/g)).toHaveLength(2);
    expect(svg).toContain('20,000');
  });
});
