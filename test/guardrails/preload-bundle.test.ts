import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { ensureBuilt } from '../../scripts/ensure-built';
import { CHANNELS, EVENTS } from '../../shared/ipc/channels';

/** The preload is the one script with both page and IPC access: it carries the channel names and the bridge only. */
describe('the built preload', () => {
  ensureBuilt(['out/preload/index.cjs']);
  const bundle = readFileSync('out/preload/index.cjs', 'utf8');

  it('bundles neither zod nor any schema', () => {
    expect(bundle).not.toMatch(/ZodError|safeParse|strictObject/);
    expect(bundle.length).toBeLessThan(8 * 1024);
  });

  it('knows every channel and event by name', () => {
    for (const name of [...CHANNELS, ...EVENTS])
      expect(bundle).toMatch(new RegExp(`["']${name.replace('.', '\\.')}["']`));
  });
});
