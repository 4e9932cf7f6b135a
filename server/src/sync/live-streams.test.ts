import { describe, expect, it } from 'vitest';
import { LiveStreams } from './live-streams';

describe('LiveStreams', () => {
  it('caps streams per user, frees a place when one ends, and ends them all at shutdown', () => {
    const streams = new LiveStreams(2);
    const ended: string[] = [];
    const releaseA1 = streams.open('a', () => ended.push('a1'));
    streams.open('a', () => ended.push('a2'));
    streams.open('b', () => ended.push('b1'));
    expect(() => streams.open('a', () => {})).toThrow(
      'This account already has 2 live connections open (at most 2); close a desk or wait for one to end',
    );
    releaseA1();
    expect(streams.count('a')).toBe(1);
    streams.open('a', () => ended.push('a3'));
    streams.endAll();
    expect(ended.sort()).toEqual(['a2', 'a3', 'b1']);
  });
});
