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

  async function desk(name: string, role: 'clerk' | 'supervisor' = 'clerk') {
    const state = { online: true };
    const core = await createCore({
      filename: join(tmpdir(), `${e.db.name}-${name}.sqlite`),
      serverUrl: e.serverUrl,
      secrets: new MemorySecretStore(),
      fetch: (input, init) =>
        state.online ? fetch(input, init) : Promise.reject(new TypeError('fetch failed: offline')),
      engine: { setTimer: () => null, clearTimer: () => undefined },
    });
    await core.auth.login(`${role}@example.com`, PASSWORD);
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
    const a = await desk('a');
    const b = await desk('b');
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

    // Both go offline and change the amount; A also the reference, B the notes (merged at once: no one else
    // changed them).
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
    // The record by its receipt number, supplier and amount, not its entity type.
    await page
      .getByRole('button', { name: /^Payment · receipt [0-9A-F]{12} · .* · Chebet Kirui \(S-0100\) · / })
      .click();
    const detail = page.getByLabel('Conflict detail');
    await expect.poll(() => detail.locator('tr.diff').count()).toBe(1);
    expect(await detail.locator('tr.diff th').textContent()).toBe('Amount');
    expect(await detail.textContent()).toContain('$450.00');
    expect(await detail.textContent()).toContain('$550.00');
    // The amount the server has; the desk's note is already on the record.
    await detail.getByLabel('Amount: server').check();
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
        version: 4,
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

  it('two desks void one payment with different reasons: the supervisor sees both, must pick, and both desks converge', async () => {
    const { page } = e;
    const core = e.host.core;
    const supplier = await core.suppliers.create({ code: 'S-0200', name: 'Kiprono Langat' });
    await core.engine.sync('manual');
    const a = await desk('void-a', 'supervisor');
    const b = await desk('void-b', 'supervisor');
    await a.engine.sync('manual');
    const payment = await a.payments.create({
      supplier_uuid: supplier.uuid,
      amount_minor: 120_000,
      type: 'partial',
      method: 'mobile',
      paid_at: '2026-11-21T06:30:00Z',
    });
    await a.engine.sync('manual');
    await b.engine.sync('manual');

    a.online = false;
    b.online = false;
    await a.payments.void({ uuid: payment.uuid, reason: 'Entered twice' });
    // A write takes well under a millisecond now: apart, so "Voided at" differs too, as on two real desks.
    await new Promise((r) => setTimeout(r, 5));
    await b.payments.void({ uuid: payment.uuid, reason: 'Supplier returned the cash' });
    a.online = true;
    b.online = true;
    expect((await a.engine.sync('online')).outcome).toBe('success');
    // The supervisor looks at the open conflicts; the new one arrives over the live channel, with no sync here.
    await page.keyboard.press('Control+9');
    await page.getByRole('tab', { name: 'Open' }).click();
    await page.getByText('No conflicts here.').waitFor();
    expect((await b.engine.sync('online')).outcome).toBe('conflict');
    await page
      .getByRole('button', { name: /^Payment · receipt [0-9A-F]{12} · / })
      .first()
      .click();
    const detail = page.getByLabel('Conflict detail');
    // Both reasons side by side, the differing fields first, by their labels; dates in the org's zone (UTC here).
    await expect.poll(() => detail.locator('tr.diff').count()).toBe(2);
    expect(await detail.locator('tr.diff th').allTextContents()).toEqual(['Voided at', 'Void reason']);
    expect(await detail.locator('tbody tr').count()).toBe(11); // every registry field of a payment, adjusts_uuid included
    const reasons = await detail.locator('tr[data-field="void_reason"] td').allTextContents();
    expect(reasons.slice(0, 2).sort()).toEqual(['Entered twice', 'Supplier returned the cash']);
    const text = (await detail.textContent()) ?? '';
    expect(text).toContain('$1,200.00');
    expect(text).toContain('Paid at');
    await expect.poll(() => detail.textContent()).toContain('Kiprono Langat (S-0200)');
    expect(text).toContain('Nov 21, 2026, 6:30:00 AM');
    expect(text).not.toMatch(/amount_minor|void_reason|\d{4}-\d{2}-\d{2}T/);

    // Saving without deciding is refused beside each undecided field, and the first one takes the focus.
    await detail.getByRole('button', { name: 'Save resolution' }).click();
    await expect.poll(() => detail.getByRole('table').getByRole('alert').count()).toBe(2);
    expect(await page.evaluate(() => (document.activeElement as HTMLInputElement | null)?.name)).toBe('keep-voided_at');
    expect(
      (
        await e.db.db
          .selectFrom('conflicts')
          .select('status')
          .where('entity_uuid', '=', payment.uuid)
          .executeTakeFirstOrThrow()
      ).status,
    ).toBe('open');
    // Keyboard: the focused choice is the server's void time; the reason is the other desk's.
    await page.keyboard.press('Space');
    // An edited value the server refuses is marked beside its field, in words, not as "data.void_reason".
    await detail.getByLabel('Void reason: edit').check();
    await detail.getByLabel('Void reason value').fill('x'.repeat(600));
    await detail.getByRole('button', { name: 'Save resolution' }).click();
    const reasonRow = detail.locator('tr[data-field="void_reason"]');
    await expect
      .poll(() => reasonRow.getByRole('alert').textContent())
      .toBe('Void reason must be at most 500 characters');
    expect(await detail.locator('.form-message').textContent()).toBe('Please correct the highlighted field.');
    expect(await detail.textContent()).not.toContain('data.');
    await detail.getByLabel('Void reason: desk').check();
    await expect.poll(() => detail.getByRole('table').getByRole('alert').count()).toBe(0);
    await shot(page, '11-conflict-void');
    await detail.getByRole('button', { name: 'Save resolution' }).click();
    await expect.poll(() => page.getByRole('status').textContent()).toContain('version 3');

    for (const d of [a, b]) await d.engine.sync('manual');
    await core.engine.sync('manual');
    for (const d of [a, b, core]) {
      expect(await d.payments.get(payment.uuid)).toMatchObject({
        void_reason: 'Supplier returned the cash',
        version: 3,
      });
    }
  });
});
