import type { BenchState } from '../env';
import type { BenchFigure } from '../figure';
import type { Figure } from '../lib';

const TARGET = 300;

/** One memory figure, or a failed row naming what was not measured (the other memory figures still report). */
function memory(id: string, name: string, value: number | undefined, what: string): Figure {
  if (value === undefined)
    return {
      id,
      name,
      value: -1,
      unit: 'MB',
      baseline: 0,
      baselineName: 'failed',
      ratio: 0,
      target: `< ${TARGET} MB`,
      met: false,
      notes: `${what} was not measured (its figure failed or did not run)`,
    };
  return {
    id,
    name,
    value,
    unit: 'MB',
    baseline: TARGET,
    baselineName: 'target',
    ratio: TARGET / Math.max(1, value),
    target: `< ${TARGET} MB`,
    met: value < TARGET,
  };
}

function memoryFigures(rss: BenchState['rss']): Figure[] {
  const statement = rss.afterStatement;
  return [
    memory(
      '6a',
      // The desk in a process of its own (bench/desk-pull.ts) pulling what figure 2 pulled.
      `Desk RSS after initial pull (desk process${rss.afterPull ? `; ${rss.afterPull.opened} MB once open` : ''})`,
      rss.afterPull?.rss,
      'desk RSS after the initial pull',
    ),
    memory(
      '6b',
      // The desk in a process of its own (bench/desk-statement.ts); how much of it is there before the statement.
      `Desk RSS after a 10,000-line statement (desk process${statement ? `; ${statement.opened} MB once open` : ''})`,
      statement?.rss,
      'desk RSS after the statement',
    ),
    memory('6c', 'Server RSS under figure 5 load (peak)', rss.serverPeak, 'server RSS under load'),
  ];
}

const failed = (f: Figure) => f.baselineName === 'failed';

/** Figures 6a–c: memory read by figures 2, 4 and 5 as they ran; run after them. */
export const memoryFigure: BenchFigure = {
  id: '6a',
  name: 'Memory (desk and server)',
  unit: 'MB',
  target: `< ${TARGET} MB`,
  step: 'memory',
  run: async (_env, state: BenchState) => {
    const figures = memoryFigures(state.rss);
    if (figures.every(failed)) throw new Error(figures.map((f) => f.notes).join('; '));
    return figures;
  },
};
