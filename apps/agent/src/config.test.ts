import { describe, expect, it } from 'vitest';
import { parseAgentConfig } from './config.js';

const fp = `sha256:${'ab'.repeat(32)}`;

describe('parseAgentConfig', () => {
  it('reads the enrollment flags', () => {
    const config = parseAgentConfig(
      [
        '--server',
        'https://pons.example:8443',
        '--token',
        'pet_x',
        '--ca-fingerprint',
        fp.toUpperCase().replace('SHA256', 'sha256'),
        '--state-dir',
        '/tmp/a',
      ],
      {},
    );
    expect(config).toMatchObject({
      servers: ['https://pons.example:8443'],
      token: 'pet_x',
      caFingerprint: fp,
      stateDir: '/tmp/a',
      identity: 'auto',
      reconnectMaxMs: 60_000,
    });
  });

  it('takes a list of servers to fail over between', () => {
    expect(parseAgentConfig(['--server', 'https://a.example:8443, https://b.example:8443'], {}).servers).toEqual([
      'https://a.example:8443',
      'https://b.example:8443',
    ]);
  });

  it.each([
    [['--server', 'http://pons:8443'], 'must use https://'],
    [['--ca-fingerprint', 'sha256:beef'], 'must be a SHA-256 fingerprint'],
    [['--identity', 'mac'], '--identity must be auto or generated'],
    [['--reconnect-max', 'forever'], '--reconnect-max must be a duration'],
  ])('refuses %j with a clear message', (argv, message) => {
    expect(() => parseAgentConfig(argv, {})).toThrow(message);
  });
});
