import { describe, expect, it } from 'vitest';
import { loadConfig } from './config.js';

describe('loadConfig', () => {
  it('uses embedded defaults: SQLite in ./data, HTTPS on 8443, 30 s pings', () => {
    const config = loadConfig({ cwd: '/srv/pons', env: {} });
    expect(config).toMatchObject({
      dataDir: '/srv/pons/data',
      port: 8443,
      databaseUrl: null,
      pingIntervalMs: 30_000,
      missedPongsAllowed: 2,
    });
    expect(config.bans).toEqual({ maxFailures: 5, windowMs: 600_000, banMs: 600_000 });
    expect(config.macBlacklist).toContain('00:00:00:00:00:00');
  });

  it('reads the environment, with human durations', () => {
    const config = loadConfig({
      cwd: '/x',
      env: {
        PONS_PORT: '9443',
        PONS_DATA_DIR: 'state',
        PONS_PING_INTERVAL: '5s',
        PONS_BAN_DURATION: '1h',
        PONS_DATABASE_URL: 'postgres://db/pons',
        PONS_MAC_BLACKLIST: 'AA:BB:CC:DD:EE:FF',
      },
    });
    expect(config).toMatchObject({
      port: 9443,
      dataDir: '/x/state',
      pingIntervalMs: 5000,
      databaseUrl: 'postgres://db/pons',
      macBlacklist: ['aa:bb:cc:dd:ee:ff'],
    });
    expect(config.bans.banMs).toBe(3_600_000);
    expect(config.publicUrl).toMatch(/^https:\/\/.+:9443$/);
  });

  it('lets flags win over the environment', () => {
    expect(loadConfig({ cwd: '/x', env: { PONS_PORT: '9443' }, overrides: { port: 10443 } }).port).toBe(10443);
  });

  it.each([
    [{ PONS_PORT: 'eighty' }, 'PONS_PORT must be a whole number'],
    [{ PONS_PING_INTERVAL: 'often' }, 'PONS_PING_INTERVAL must be a duration'],
    [{ PONS_DATABASE_URL: 'mysql://db' }, 'Invalid configuration: "/databaseUrl"'],
    [{ PONS_PORT: '70000' }, 'Invalid configuration: "/port"'],
  ])('fails fast with a clear message for %j', (env, message) => {
    expect(() => loadConfig({ cwd: '/x', env })).toThrow(message);
  });
});
