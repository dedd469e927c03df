import { describe, expect, it } from 'vitest';
import { parseSimOptions, UsageError } from './sim-options.js';

const FP = `sha256:${'ab'.repeat(32)}`;
const base = ['--server', 'https://127.0.0.1:8443', '--ca-fingerprint', FP];

describe('parseSimOptions', () => {
  it('has defaults for everything but the server and its fingerprint', () => {
    expect(parseSimOptions(base)).toEqual({
      serverUrl: 'https://127.0.0.1:8443',
      caFingerprint: FP,
      token: null,
      agents: 100,
      concurrency: 200,
      stateFile: null,
      reconnect: false,
      attempts: 5,
      reconnectBaseMs: 1000,
      reconnectMaxMs: 60_000,
      handshakeTimeoutMs: 15_000,
      reportIntervalMs: 2000,
      holdMs: null,
      runId: null,
      firstIndex: 0,
      inventoryOnConnect: false,
      echoTiming: false,
      localAddress: null,
      tlsResume: true,
    });
    expect(parseSimOptions([...base, '--no-tls-resume'])?.tlsResume).toBe(false);
  });

  it('reads numbers and durations', () => {
    const options = parseSimOptions([
      ...base,
      '--agents',
      '2000',
      '--concurrency',
      '50',
      '--hold',
      '0',
      '--report-interval',
      '500ms',
      '--reconnect',
      '--first-index',
      '9500',
      '--run-id',
      'b1',
    ]);
    expect(options).toMatchObject({
      agents: 2000,
      concurrency: 50,
      holdMs: 0,
      reportIntervalMs: 500,
      reconnect: true,
      firstIndex: 9500,
      runId: 'b1',
    });
  });

  it('says what is wrong', () => {
    expect(() => parseSimOptions(['--ca-fingerprint', FP])).toThrow(/--server/);
    expect(() => parseSimOptions([...base.slice(0, 2), '--ca-fingerprint', 'nope'])).toThrow(/--ca-fingerprint/);
    expect(() => parseSimOptions([...base, '--agents', '0'])).toThrow(/--agents must be a whole number of at least 1/);
    expect(() => parseSimOptions([...base, '--hold', 'soon'])).toThrow(/--hold must be a duration/);
    expect(() => parseSimOptions([...base, '--bogus'])).toThrow(UsageError);
  });

  it('returns null for --help', () => {
    expect(parseSimOptions(['--help'])).toBeNull();
  });
});
