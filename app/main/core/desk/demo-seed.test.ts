import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { MemorySecretStore } from '../auth/secret-store';
import { createCore, type Core } from '../create-core';
import { seedDemo } from './demo-seed';
import { DEMO_TIME_ZONE } from './demo-settings';
import { createLocalAdmin } from './local-admin';

/** The hour of an instant on the org's clock. */
const localHour = (iso: string, timeZone: string) =>
  Number(new Intl.DateTimeFormat('en-GB', { hour: '2-digit', hourCycle: 'h23', timeZone }).format(new Date(iso)));

describe('demo data', () => {
  let dir: string;
  let core: Core | null = null;
  afterEach(async () => {
    await core?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it("collects in the morning and pays in the afternoon on the org's clock, whenever the demo is started", async () => {
    dir = mkdtempSync(join(tmpdir(), 'collectpay-demo-seed-test-'));
    core = await createCore({
      filename: join(dir, 'desk.sqlite'),
      secrets: new MemorySecretStore(),
      orgTimeZone: DEMO_TIME_ZONE,
    });
    await createLocalAdmin(core, { name: 'Seeder', email: 'seeder@example.com', password: 'seeder-password' });
    // Started at noon UTC (15:00 in Kericho): the seed must not take the time of day from "now".
    await seedDemo(core, { suppliers: 4, days: 40 }, new Date('2026-11-28T12:00:00Z'));
    const db = core.ctx.db;
    const collected = await db.selectFrom('collections').select('collected_at').execute();
    const paid = await db.selectFrom('payments').select('paid_at').execute();
    expect(collected.length).toBeGreaterThan(50);
    expect(paid.length).toBeGreaterThan(0);
    for (const { collected_at } of collected) {
      expect(localHour(collected_at, DEMO_TIME_ZONE), collected_at).toBeGreaterThanOrEqual(6);
      expect(localHour(collected_at, DEMO_TIME_ZONE), collected_at).toBeLessThan(10);
    }
    for (const { paid_at } of paid) expect(localHour(paid_at, DEMO_TIME_ZONE), paid_at).toBe(15);
  });
});
