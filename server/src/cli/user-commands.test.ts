import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { verifyPassword } from '../auth/passwords';
import { runCli } from '../../test/cli';
import { createTestDatabase, type TestDatabase } from '../../test/mysql';

describe('user:add', () => {
  let test: TestDatabase;
  beforeAll(async () => {
    test = await createTestDatabase();
  });
  afterAll(async () => test?.drop());

  const hashOf = async (email: string) =>
    (await test.db.selectFrom('users').select('password_hash').where('email', '=', email).executeTakeFirstOrThrow())
      .password_hash;

  it('without --password reads the password from standard input', async () => {
    const res = await runCli(
      ['user:add', '--email', 'piped@example.com', '--name', 'Piped', '--role', 'admin'],
      { MYSQL_URL: test.url },
      'a piped password\n',
    );
    expect(res).toMatchObject({ code: 0 });
    expect(res.out).toMatch(/Added admin Piped <piped@example.com>/);
    expect(res.out).not.toContain('a piped password');
    expect(await verifyPassword(await hashOf('piped@example.com'), 'a piped password')).toBe(true);
  }, 60_000);

  it('an empty standard input is refused, naming the password', async () => {
    const res = await runCli(
      ['user:add', '--email', 'empty@example.com', '--name', 'Empty', '--role', 'clerk'],
      { MYSQL_URL: test.url },
      '',
    );
    expect(res.code).toBe(1);
    expect(res.out).toContain('password must be at least 8 characters');
  }, 60_000);
});
