import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MemorySecretStore } from '../../app/main/core/auth/secret-store';
import { createCore, type Core } from '../../app/main/core/create-core';
import { PASSWORD, shot, startE2E } from './office';

/** Two desks change the same payment offline; a supervisor settles it on the conflict screen; all converge. */
describe('conflict resolution through the UI', () => {
  let e: Awaited<ReturnType<typeof startE2E>>;
  const desks: (Core & { online: boolean })[] = [];
  beforeAll(async () => {
    e = await startE2E();
  });
  afterAll(async () => {
    for (const d of desks) await d.close();
    await e?.close();
  });

  async function clerkDesk(name: string) {
    const state = { online: true };
    const core = await createCore({
      filename: join(tmpdir(), `${e.db.name}-${name}.sqlite`),
      serverUrl: e.serverUrl,
      secrets: new MemorySecretStore(),
      fetch: (input, init) =>
        state.online ? fetch(input, init) : Promise.reject(new TypeError('fetch failed: offline')),
      engine: { setTimer: () => null, clearTimer: () => undefined },
    });
    await core.auth.login('clerk@example.com', PASSWORD);
    const desk = Object.assign(core, state);
    Object.defineProperty(desk, 'online', { get: () => state.online, set: (v: boolean) => (state.online = v) });
    desks.push(desk);
    return desk;
  }

  it('resolves a manual payment conflict picking fields from each side; both desks converge', async () => {
    const { page } = e;
    await page.getByRole('button', { name: 'Connect…' }).click();
    const connect = page.getByRole('form', { name: 'Connect to server' });
    await connect.getByLabel('Email').fill('supervisor@example.com');
    await connect.getByLabel('Password').fill(PASSWORD);
    await connect.getByRole('button', { name: 'Connect', exact: true }).click();
    await page.getByRole('heading', { name: /^Today,/ }).waitFor();

    // Reference data and a payment, made by the clerk desks and synced everywhere.
    const core = e.host.core;
    const supplier = await core.suppliers.create({ code: 'S-0100', name: 'Chebet Kirui' });
    await core.engine.sync('manual');
    const a = await clerkDesk('a');
    const b = await clerkDesk('b');
    await a.engine.sync('manual');
    const payment = await a.payments.create({
      supplier_uuid: supplier.uuid,
      amount_minor: 50_000,
      type: 'advance',
      method: 'cash',
      paid_at: '2026-11-20T08:00:00Z',
    });
    await a.engine.sync('manual');
    await b.engine.sync('manual');

    // Both go offline and change the amount; A also the reference, B the notes.
    a.online = false;
    b.online = false;
    await a.payments.update(payment.uuid, { amount_minor: 45_000, reference: 'A-REF' });
    await b.payments.update(payment.uuid, { amount_minor: 55_000, notes: 'B note' });
    a.online = true;
    b.online = true;
    expect((await a.engine.sync('online')).outcome).toBe('success');
    const bResult = await b.engine.sync('online');
    expect(bResult).toMatchObject({ outcome: 'conflict', conflicts: 1 });
    const serverConflicts = await e.db.db.selectFrom('conflicts').selectAll().execute();
    expect(serverConflicts).toHaveLength(1);
    expect(serverConflicts[0]).toMatchObject({ status: 'open', resolution: 'manual', type: 'concurrent' });
    expect((await b.conflicts.list('open')).map((c) => c.conflict_id)).toEqual([serverConflicts[0]!.id]);

    // The supervisor's desk syncs, is told, and opens the conflict screen.
    await page.keyboard.press('F5');
    await page.locator('.toast').waitFor({ timeout: 10_000 });
    await page.keyboard.press('Control+9');
    await page.getByRole('button', { name: /payments/ }).click();
    const detail = page.getByLabel('Conflict detail');
    await expect.poll(() => detail.locator('tr.diff').count()).toBe(2);
    expect(await detail.textContent()).toContain('$450.00');
    expect(await detail.textContent()).toContain('$550.00');
    // One field from each side: the amount the server has, the note this desk wrote.
    await detail.getByLabel('amount_minor: server').check();
    await detail.getByLabel('notes: desk').check();
    await detail.getByRole('textbox', { name: 'Note' }).fill('Checked the paper receipt');
    await shot(page, '10-conflicts');
    await detail.getByRole('button', { name: 'Save resolution' }).click();
    await expect.poll(() => page.getByRole('status').textContent()).toContain('Resolved');

    // Everyone converges on the resolution, and the conflict shows resolved with who and when.
    for (const desk of [a, b]) await desk.engine.sync('manual');
    await core.engine.sync('manual');
    for (const desk of [a, b, core]) {
      expect(await desk.payments.get(payment.uuid)).toMatchObject({
        amount_minor: 45_000,
        reference: 'A-REF',
        notes: 'B note',
        version: 3,
      });
    }
    expect((await b.conflicts.list('all'))[0]).toMatchObject({ status: 'resolved', resolved_by: 'Otieno Supervisor' });
    await page.getByRole('tab', { name: 'Resolved' }).click();
    await expect
      .poll(() => page.getByRole('table', { name: 'Conflicts' }).textContent())
      .toContain('resolved by Otieno Supervisor');
    const row = await e.db.db.selectFrom('conflicts').selectAll().executeTakeFirstOrThrow();
    expect(row).toMatchObject({ status: 'resolved', note: 'Checked the paper receipt' });
    expect(row.resolved_at).not.toBeNull();
  });
});
