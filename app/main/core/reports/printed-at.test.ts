import { describe, expect, it } from 'vitest';
import { printedAtIn } from './printed-at';

describe('printedAtIn', () => {
  it('reads the instant on the zone given, not on UTC or this computer’s', () => {
    expect(printedAtIn('Africa/Nairobi', '2026-11-28T03:31:00.000Z')).toBe('2026-11-28 06:31');
    expect(printedAtIn('America/Los_Angeles', '2026-11-28T03:31:00.000Z')).toBe('2026-11-27 19:31');
  });
});
