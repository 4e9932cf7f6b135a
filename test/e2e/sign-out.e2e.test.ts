import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connectAs, PASSWORD, startE2E } from './office';

/**
 * A supervisor signs out with changes the server has not had (it is away): the desk says how many and keeps
 * them; a clerk signing in there does not send them with the clerk's token — they wait for a supervisor.
 */
describe('signing out with unsent changes', () => {
  let e: Awaited<ReturnType<typeof startE2E>>;
  beforeAll(async () => {
    e = await startE2E();
    await connectAs(e.page, 'supervisor@example.com');
  });
  afterAll(async () => e?.close());

  it('asks first, keeps the changes, and holds them for a supervisor', async () => {
    const { page, host } = e;
    await e.stopServer();
    await host.core.products.create({ code: 'HELD', name: 'Held product', unit: 'kg' });

    const signOut = page.getByRole('button', { name: 'Sign out' });
    await signOut.click();
    const dialog = page.getByRole('dialog');
    await expect.poll(() => dialog.textContent()).toContain('1 change not yet sent');
    expect(await dialog.textContent()).toContain('will be sent when a user allowed to make them signs in again');
    await page.keyboard.press('Escape');
    await expect.poll(() => dialog.count()).toBe(0);
    expect(await page.getByRole('navigation', { name: 'Main' }).textContent()).toContain('Otieno Supervisor');

    await signOut.click();
    await dialog.getByRole('button', { name: 'Sign out' }).click();
    await e.startServer();
    await page.getByLabel('Email').fill('clerk@example.com');
    await page.getByLabel('Password').fill(PASSWORD);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await expect.poll(() => page.getByRole('navigation', { name: 'Main' }).textContent()).toContain('Wanjiru Clerk');
    expect((await host.core.engine.sync('manual')).outcome).toBe('success');
    expect(await host.core.outbox.needsAttention()).toEqual([]);
    await page.keyboard.press('Control+6');
    await expect
      .poll(() => page.getByTestId('waiting-for-supervisor').textContent())
      .toContain('1 waiting for a supervisor');
  });
});
