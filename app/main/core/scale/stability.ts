/**
 * Decides when a weight is steady enough to take. Where the scale flags steadiness itself, that flag is
 * believed; otherwise a weight is stable once `count` readings in a row, all within `windowMs`, lie within
 * `toleranceMilli` of each other.
 */
export interface StabilityOptions {
  stableBy: 'auto' | 'repeat';
  count: number;
  windowMs: number;
  toleranceMilli: number;
}

export class StabilityDetector {
  private recent: { weight: number; at: number; unit: string }[] = [];

  constructor(private readonly options: StabilityOptions) {}

  /** Whether this reading is stable; `scaleFlag` is the frame's own flag (null when the format has none). */
  next(weightMilli: number, unit: string, at: number, scaleFlag: boolean | null): boolean {
    this.recent.push({ weight: weightMilli, at, unit });
    const { count, windowMs, toleranceMilli } = this.options;
    if (this.recent.length > count) this.recent.splice(0, this.recent.length - count);
    if (scaleFlag !== null && this.options.stableBy === 'auto') return scaleFlag;
    if (this.recent.length < count) return false;
    const first = this.recent[0]!;
    if (at - first.at > windowMs) return false;
    let low = weightMilli;
    let high = weightMilli;
    for (const r of this.recent) {
      if (r.unit !== unit) return false;
      low = Math.min(low, r.weight);
      high = Math.max(high, r.weight);
    }
    return high - low <= toleranceMilli;
  }

  reset(): void {
    this.recent = [];
  }
}
