import { loadConfig, type ServerConfig } from '../src/config';

export function testConfig(overrides: Partial<ServerConfig> = {}): ServerConfig {
  return {
    ...loadConfig({
      NODE_ENV: 'test',
      JWT_SECRET: 'test-secret-test-secret-test-secret-0123',
      LOG_LEVEL: 'silent',
      LOGIN_RATE_LIMIT_PER_MINUTE: '1000',
      LOGIN_RATE_LIMIT_PER_ADDRESS_PER_MINUTE: '10000',
      REFRESH_RATE_LIMIT_PER_MINUTE: '10000',
    }),
    ...overrides,
  };
}
