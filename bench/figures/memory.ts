import type { BenchState } from '../env';
import type { BenchFigure } from '../figure';
import type { Figure } from '../lib';

function memoryFigures(deskAfterPull: number, deskAfterStatement: number, serverRss: number): Figure[] {
  const f = (id: string, name: string, v: number): Figure => ({
    id,
    name,
    value: v,
    unit: 'MB',
    baseline: 300,
    baselineName: 'target',
    ratio: 300 / Math.max(1, v),
    target: '< 300 MB',
    met: v < 300,
  });
  return [
    f('6a', 'Desk RSS after initial pull (bench process)', deskAfterPull),
    f('6b', 'Desk RSS after a 10,000-line statement (bench process)', deskAfterStatement),
    f('6c', 'Server RSS under figure 5 load (peak)', serverRss),
  ];
}

const measured = (value: number | undefined, what: string): number => {
  if (value === undefined) throw new Error(`${what} was not measured (its figure failed)`);
  return value;
};

/** Figures 6a–c: memory read by figures 2, 4 and 5 as they ran; run after them. */
export const memoryFigure: BenchFigure = {
  id: '6a',
  name: 'Memory (desk and server)',
  unit: 'MB',
  target: '< 300 MB',
  step: 'memory',
  run: async (_env, state: BenchState) =>
    memoryFigures(
      measured(state.rss.afterPull, 'desk RSS after the initial pull'),
      measured(state.rss.afterStatement, 'desk RSS after the statement'),
      measured(state.rss.serverPeak, 'server RSS under load'),
    ),
};
