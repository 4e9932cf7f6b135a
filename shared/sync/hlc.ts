/**
 * Hybrid logical clock (Kulkarni et al.): wall time plus a counter plus a node id. It never runs
 * backwards, and after receiving a remote stamp it is always ahead of it, so "last write" is ordered by
 * causality and a desk whose wall clock lies cannot jump ahead of edits it has already seen.
 * String form: "2026-11-20T07:45:03.120Z-0003-dev1" — sortable as text for equal-length node ids.
 */

export interface HlcStamp {
  wallMs: number;
  counter: number;
  node: string;
}

const MAX_COUNTER = 0xffff;
const STAMP = /^(\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z)-([0-9a-f]{4})-(.+)$/;

export function formatHlc(stamp: HlcStamp): string {
  return `${new Date(stamp.wallMs).toISOString()}-${stamp.counter.toString(16).padStart(4, '0')}-${stamp.node}`;
}

export function parseHlc(text: string): HlcStamp | null {
  const match = STAMP.exec(text);
  if (!match) return null;
  const wallMs = Date.parse(match[1]!);
  if (Number.isNaN(wallMs)) return null;
  return { wallMs, counter: parseInt(match[2]!, 16), node: match[3]! };
}

/** Total order: wall time, then counter, then node id. */
function compareHlc(a: HlcStamp, b: HlcStamp): number {
  if (a.wallMs !== b.wallMs) return a.wallMs < b.wallMs ? -1 : 1;
  if (a.counter !== b.counter) return a.counter < b.counter ? -1 : 1;
  return a.node < b.node ? -1 : a.node > b.node ? 1 : 0;
}

export function compareHlcStrings(a: string, b: string): number {
  const left = parseHlc(a);
  const right = parseHlc(b);
  if (!left || !right) throw new Error(`invalid HLC stamp: ${!left ? a : b}`);
  return compareHlc(left, right);
}

export class HybridLogicalClock {
  private last: HlcStamp;

  constructor(
    readonly node: string,
    private readonly wallClock: () => number = Date.now,
    initial?: HlcStamp,
  ) {
    if (!/^[^\s]+$/.test(node)) throw new Error('HLC node id must be non-empty without spaces');
    this.last = initial ? { ...initial, node } : { wallMs: 0, counter: 0, node };
  }

  /** A stamp for a local event, strictly after every stamp this clock produced or received. */
  now(): string {
    const wall = this.wallClock();
    if (wall > this.last.wallMs) this.last = { wallMs: wall, counter: 0, node: this.node };
    else this.last = this.bump(this.last.wallMs, this.last.counter + 1);
    return formatHlc(this.last);
  }

  /** Merge a stamp seen from elsewhere, so later local stamps order after it. */
  receive(remote: string): void {
    const stamp = parseHlc(remote);
    if (!stamp) return;
    const wall = this.wallClock();
    const maxWall = Math.max(wall, this.last.wallMs, stamp.wallMs);
    let counter = 0;
    if (maxWall === this.last.wallMs && maxWall === stamp.wallMs)
      counter = Math.max(this.last.counter, stamp.counter) + 1;
    else if (maxWall === this.last.wallMs) counter = this.last.counter + 1;
    else if (maxWall === stamp.wallMs) counter = stamp.counter + 1;
    this.last = this.bump(maxWall, counter);
  }

  current(): HlcStamp {
    return { ...this.last };
  }

  private bump(wallMs: number, counter: number): HlcStamp {
    // Counter overflow borrows a millisecond rather than wrapping, keeping the order total.
    if (counter > MAX_COUNTER) return { wallMs: wallMs + 1, counter: 0, node: this.node };
    return { wallMs, counter, node: this.node };
  }
}
