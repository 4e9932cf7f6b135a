import { describe, expect, it } from 'vitest';
import { newId } from '../ids';
import { fieldErrorsOf } from '../validation';
import { DEFAULT_PULL_LIMIT, MAX_CATCH_UP_LIMIT, MAX_PULL_LIMIT, PullRequestSchema } from './protocol';

const device_id = newId();

describe('a pull request limit', () => {
  it('defaults, and a larger one is held to the cap of its kind of page in the schema itself', () => {
    expect(PullRequestSchema.parse({ device_id }).limit).toBe(DEFAULT_PULL_LIMIT);
    expect(PullRequestSchema.parse({ device_id, limit: 250 }).limit).toBe(250);
    expect(PullRequestSchema.parse({ device_id, limit: MAX_PULL_LIMIT + 1 }).limit).toBe(MAX_PULL_LIMIT);
    expect(PullRequestSchema.parse({ device_id, limit: 5_000_000 }).limit).toBe(MAX_PULL_LIMIT);
    expect(PullRequestSchema.parse({ device_id, limit: 4000, catch_up: true }).limit).toBe(4000);
    expect(PullRequestSchema.parse({ device_id, limit: 5_000_000, catch_up: true }).limit).toBe(MAX_CATCH_UP_LIMIT);
    expect(PullRequestSchema.parse({ device_id, limit: 5_000_000, catch_up: false }).limit).toBe(MAX_PULL_LIMIT);
  });

  it('refuses a limit that is not a whole number from 1, naming limit', () => {
    for (const limit of [0, -5, 1.5, 2 ** 60, '100', null]) {
      const result = PullRequestSchema.safeParse({ device_id, limit });
      expect(result.success, JSON.stringify(limit)).toBe(false);
      expect(Object.keys(fieldErrorsOf(result.error!, { device_id, limit }))).toEqual(['limit']);
    }
  });
});
