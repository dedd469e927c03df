import { Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { createLogger } from './logger.js';

describe('logger', () => {
  it('censors secrets that end up in a logged object', () => {
    const lines: string[] = [];
    const sink = new Writable({
      write(chunk: Buffer, _encoding, done) {
        lines.push(chunk.toString());
        done();
      },
    });
    const log = createLogger('info', sink);
    log.info(
      {
        password: 'hunter2-Secret!',
        body: { token: 'pet_abc', newPassword: 'x' },
        headers: { authorization: 'Bearer s3cr3t', cookie: 'pons_session=zzz' },
        command: { args: { downloadToken: 'm.d.1.hmacvalue' } },
        settings: { bindPassword: 'ldap-bind-pw', clientSecret: 'oidc-client-secret' },
      },
      'careless',
    );
    const out = lines.join('');
    for (const secret of ['hunter2-Secret!', 'pet_abc', 's3cr3t', 'zzz', 'hmacvalue', 'ldap-bind-pw', 'oidc-client-secret'])
      expect(out).not.toContain(secret);
    expect(out).toContain('[redacted]');
  });
});
