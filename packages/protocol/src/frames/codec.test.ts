import { describe, expect, it } from 'vitest';
import { agentFrames, serverFrames } from './codec.js';

const facts = {
  hostname: 'pc-1',
  platform: 'linux',
  osName: 'Debian',
  osVersion: '12',
  arch: 'x64',
  ipAddresses: ['10.0.0.5'],
  macAddresses: ['52:54:00:12:34:56'],
};

describe('agent frame decoding', () => {
  it('accepts a valid hello', () => {
    const result = agentFrames.decode(
      JSON.stringify({ type: 'hello', protocol: 1, agentVersion: '0.1.0', machineId: 'm-1', signature: 'abc', facts }),
    );
    expect(result.ok).toBe(true);
  });

  it('names the field that is wrong', () => {
    const result = agentFrames.decode(
      JSON.stringify({
        type: 'hello',
        protocol: 1,
        agentVersion: '0.1.0',
        machineId: 'm-1',
        signature: 'abc',
        facts: { ...facts, macAddresses: ['nope'] },
      }),
    );
    expect(result).toEqual({ ok: false, message: expect.stringContaining('/facts/macAddresses/0') });
  });

  it('refuses unknown fields, unknown types, non-objects and broken JSON', () => {
    expect(agentFrames.decode(JSON.stringify({ type: 'goodbye', reason: 'agent-stopped', extra: 1 })).ok).toBe(false);
    expect(agentFrames.decode(JSON.stringify({ type: 'launch-missiles' }))).toEqual({
      ok: false,
      message: 'unknown frame type "launch-missiles"',
    });
    expect(agentFrames.decode('[1,2]')).toEqual({ ok: false, message: 'frame must be a JSON object' });
    expect(agentFrames.decode('{"type":')).toEqual({ ok: false, message: 'frame is not valid JSON' });
  });

  it('does not accept server frames from an agent, nor agent frames from a server', () => {
    expect(agentFrames.decode(JSON.stringify({ type: 'ack', replyTo: 'x' })).ok).toBe(false);
    expect(serverFrames.decode(JSON.stringify({ type: 'goodbye', reason: 'agent-stopped' })).ok).toBe(false);
  });
});
