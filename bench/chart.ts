import { writeFileSync } from 'node:fs';
import { launchChromium } from '../app/main/core/reports/chromium-pdf';
import type { Figure } from './lib';

/** One cost curve: a figure measured at several sizes, ours and the raw baseline. */
export interface Curve {
  title: string;
  unit: string;
  points: { size: number; ours: number; raw: number }[];
}

/** The curves of the figures measured at three sizes (8: desk push, 9: CSV import), from a run's figures. */
export function costCurves(figures: Figure[]): Curve[] {
  const curve = (prefix: string, title: string): Curve | null => {
    const points = ['a', 'b', 'c']
      .map((s) => figures.find((f) => f.id === `${prefix}${s}` && f.baselineName !== 'failed'))
      .filter((f): f is Figure => Boolean(f))
      .map((f) => ({ size: Number(/([\d,]+)/.exec(f.name)![1]!.replace(/,/g, '')), ours: f.value, raw: f.baseline }));
    return points.length === 3 ? { title, unit: 'ms', points } : null;
  };
  return [curve('8', 'Desk pushes N queued changes'), curve('9', 'CSV import of N suppliers')].filter(
    (c): c is Curve => c !== null,
  );
}

const W = 420;
const H = 280;
const PAD = { left: 60, right: 20, top: 36, bottom: 44 };

/** One curve as an SVG panel: cost against size for ours and the raw baseline, both axes from zero. */
function panel(curve: Curve, x0: number): string {
  const maxSize = Math.max(...curve.points.map((p) => p.size));
  const maxMs = Math.max(...curve.points.flatMap((p) => [p.ours, p.raw])) * 1.1;
  const px = (size: number) => x0 + PAD.left + (size / maxSize) * (W - PAD.left - PAD.right);
  const py = (v: number) => H - PAD.bottom - (v / maxMs) * (H - PAD.top - PAD.bottom);
  const line = (pick: (p: Curve['points'][number]) => number, colour: string) =>
    `<polyline fill="none" stroke="${colour}" stroke-width="2.5" points="${[
      { size: 0, ours: 0, raw: 0 },
      ...curve.points,
    ]
      .map((p) => `${px(p.size)},${py(pick(p))}`)
      .join(' ')}"/>` +
    curve.points.map((p) => `<circle cx="${px(p.size)}" cy="${py(pick(p))}" r="4" fill="${colour}"/>`).join('');
  const ticks = curve.points
    .map(
      (p) =>
        `<text x="${px(p.size)}" y="${H - PAD.bottom + 18}" text-anchor="middle">${p.size.toLocaleString('en')}</text>`,
    )
    .join('');
  const yTicks = [0, 0.5, 1]
    .map((f) => {
      const v = (maxMs / 1.1) * f;
      return `<text x="${x0 + PAD.left - 6}" y="${py(v) + 4}" text-anchor="end">${Math.round(v).toLocaleString('en')}</text><line x1="${x0 + PAD.left}" x2="${x0 + W - PAD.right}" y1="${py(v)}" y2="${py(v)}" stroke="#ddd"/>`;
    })
    .join('');
  return `<g font-family="sans-serif" font-size="12">
    <text x="${x0 + W / 2}" y="20" text-anchor="middle" font-size="14" font-weight="bold">${curve.title}</text>
    ${yTicks}${ticks}
    <text x="${x0 + W / 2}" y="${H - 8}" text-anchor="middle">N</text>
    <text x="${x0 + 14}" y="${H / 2}" transform="rotate(-90 ${x0 + 14} ${H / 2})" text-anchor="middle">${curve.unit}</text>
    ${line((p) => p.raw, '#999')}${line((p) => p.ours, '#1f6feb')}
    <text x="${x0 + PAD.left + 8}" y="${PAD.top + 6}" fill="#1f6feb">CollectPay</text>
    <text x="${x0 + PAD.left + 8}" y="${PAD.top + 22}" fill="#777">raw baseline</text>
  </g>`;
}

export function curvesSvg(curves: Curve[], caption: string): string {
  const width = W * curves.length;
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${H + 24}" viewBox="0 0 ${width} ${H + 24}">
  <rect width="100%" height="100%" fill="white"/>
  ${curves.map((c, i) => panel(c, i * W)).join('')}
  <text x="${width / 2}" y="${H + 16}" text-anchor="middle" font-family="sans-serif" font-size="11" fill="#555">${caption}</text>
</svg>`;
}

/** Draws the curves to a PNG with the headless Chromium the reports already use. */
export async function drawCostCurves(curves: Curve[], caption: string, file: string): Promise<void> {
  if (curves.length === 0) return;
  const svg = curvesSvg(curves, caption);
  const browser = await launchChromium();
  try {
    const page = await browser.newPage({ viewport: { width: W * curves.length, height: H + 24 } });
    await page.setContent(`<html><body style="margin:0">${svg}</body></html>`);
    writeFileSync(file, await page.screenshot({ type: 'png', fullPage: true }));
  } finally {
    await browser.close();
  }
}
