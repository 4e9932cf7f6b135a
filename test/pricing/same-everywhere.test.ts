import { spawnSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { deliveryFor, ruleArb } from '../../shared/pricing/arbitraries';
import { priceDelivery } from '../../shared/pricing';

/**
 * Desk = server by construction: both call the one shared priceDelivery. These checks make sure nothing in it
 * depends on where it runs — a process in another time zone and locale prices every case identically, and the
 * engine's source reaches for no clock, locale, randomness or float parsing.
 */

const ROOT = join(import.meta.dirname, '..', '..');
const PRICING_DIR = join(ROOT, 'shared', 'pricing');

function priceElsewhere(cases: unknown, env: Record<string, string>): unknown {
  const child = spawnSync(process.execPath, ['--import', 'tsx', join(import.meta.dirname, 'price-batch.ts')], {
    cwd: ROOT,
    input: JSON.stringify(cases),
    env: { ...process.env, ...env },
    encoding: 'utf8',
    maxBuffer: 64 * 1024 * 1024,
  });
  if (child.status !== 0) throw new Error(`pricing child failed: ${child.stderr}`);
  return JSON.parse(child.stdout);
}

describe('pricing is the same on every machine', () => {
  it('a process in another time zone and locale prices 600 random cases identically', () => {
    const cases = fc.sample(
      ruleArb.chain((rule) => fc.tuple(fc.constant(rule), deliveryFor(rule))),
      { numRuns: 600, seed: 20260301 },
    );
    const here = JSON.parse(JSON.stringify(cases.map(([rule, delivery]) => priceDelivery(rule, delivery))));
    expect(here.filter((r: { ok: boolean }) => r.ok).length).toBeGreaterThan(200);
    for (const env of [
      { TZ: 'Pacific/Kiritimati', LC_ALL: 'tr_TR.UTF-8', LANG: 'tr_TR.UTF-8' },
      { TZ: 'America/St_Johns', LC_ALL: 'ar_EG.UTF-8', LANG: 'ar_EG.UTF-8' },
    ]) {
      expect(priceElsewhere(cases, env)).toEqual(here);
    }
  });

  it("the engine's source uses no clock, locale, randomness, float parsing or process state", () => {
    const engineFiles = readdirSync(PRICING_DIR).filter(
      (f) => f.endsWith('.ts') && !f.endsWith('.test.ts') && f !== 'arbitraries.ts' && f !== 'fixtures.ts',
    );
    expect(engineFiles).toContain('price.ts');
    const forbidden =
      /\b(Date|Intl|performance|process|globalThis|Math\.random|parseFloat|toFixed|toLocale\w*|localeCompare)\b/;
    for (const file of engineFiles) {
      const code = readFileSync(join(PRICING_DIR, file), 'utf8')
        .replace(/\/\*[\s\S]*?\*\//g, '')
        .replace(/\/\/.*$/gm, '');
      expect(`${file}: ${code.match(forbidden)?.[0] ?? 'clean'}`).toBe(`${file}: clean`);
    }
  });
});
