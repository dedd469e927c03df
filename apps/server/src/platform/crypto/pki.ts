import { X509Certificate as NodeX509, randomBytes, webcrypto } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, renameSync, statSync, writeFileSync } from 'node:fs';
import { isIP } from 'node:net';
import path from 'node:path';
import * as x509 from '@peculiar/x509';
import { certificateFingerprint } from '@pons/crypto';

x509.cryptoProvider.set(webcrypto as never);

const ALG = { name: 'ECDSA', namedCurve: 'P-256', hash: 'SHA-256' } as const;
const DAY = 86_400_000;

export interface ServerPki {
  caPem: string;
  caFingerprint: string;
  /** Leaf certificate followed by the CA, so agents can check the chain against their pin. */
  certChainPem: string;
  keyPem: string;
  names: string[];
  /** The key of TLS session tickets (48 bytes), shared by every process on this data directory. */
  ticketKeys: Buffer;
}

/** How long a session-ticket key is used before it is replaced; tickets live as long. */
export const TICKET_LIFETIME_S = 7 * 86_400;

/**
 * The key that encrypts TLS session tickets, kept with the server's key so that agents resume
 * their TLS sessions across a restart: a resumed handshake skips the certificate exchange, the
 * largest part of what a reconnect costs an agent. It is as secret as the server key. It is
 * replaced once it is a ticket lifetime old (the server checks at start and hourly); tickets
 * under the old key then fall back to a full handshake.
 */
export function ensureTicketKeys(dir: string, now = Date.now()): Buffer {
  const file = path.join(dir, 'tls-tickets.key');
  if (existsSync(file) && now - statSync(file).mtimeMs < TICKET_LIFETIME_S * 1000) {
    const key = Buffer.from(readFileSync(file, 'utf8').trim(), 'base64');
    if (key.length === 48) return key;
  }
  const key = randomBytes(48);
  // Written aside and renamed: worker processes starting together never read half a key.
  const aside = `${file}.${process.pid}`;
  writeSecret(aside, `${key.toString('base64')}\n`);
  renameSync(aside, file);
  return key;
}

const toPem = (der: ArrayBuffer, label: string): string =>
  `-----BEGIN ${label}-----\n${Buffer.from(der)
    .toString('base64')
    .replace(/(.{64})/g, '$1\n')
    .trimEnd()}\n-----END ${label}-----\n`;

const fromPem = (pem: string): Buffer => Buffer.from(pem.replace(/-----[^-]+-----|\s/g, ''), 'base64');

async function exportKey(key: webcrypto.CryptoKey): Promise<string> {
  return toPem(await webcrypto.subtle.exportKey('pkcs8', key), 'PRIVATE KEY');
}

function writeSecret(file: string, content: string): void {
  writeFileSync(file, content, { mode: 0o600 });
}

async function createCa(dir: string): Promise<void> {
  const keys = await webcrypto.subtle.generateKey(ALG, true, ['sign', 'verify']);
  const cert = await x509.X509CertificateGenerator.createSelfSigned({
    name: `CN=Pons CA ${new Date().toISOString().slice(0, 10)}, O=Pons`,
    notBefore: new Date(Date.now() - DAY),
    notAfter: new Date(Date.now() + 20 * 365 * DAY),
    keys: keys as never,
    signingAlgorithm: ALG,
    extensions: [
      new x509.BasicConstraintsExtension(true, 0, true),
      new x509.KeyUsagesExtension(x509.KeyUsageFlags.keyCertSign | x509.KeyUsageFlags.cRLSign, true),
      await x509.SubjectKeyIdentifierExtension.create(keys.publicKey),
    ],
  });
  writeSecret(path.join(dir, 'ca.key'), await exportKey(keys.privateKey));
  writeFileSync(path.join(dir, 'ca.pem'), cert.toString('pem') + '\n');
}

async function createLeaf(dir: string, names: string[]): Promise<void> {
  const caPem = readFileSync(path.join(dir, 'ca.pem'), 'utf8');
  const caKey = await webcrypto.subtle.importKey('pkcs8', fromPem(readFileSync(path.join(dir, 'ca.key'), 'utf8')), ALG, false, ['sign']);
  const ca = new x509.X509Certificate(caPem);
  const keys = await webcrypto.subtle.generateKey(ALG, true, ['sign', 'verify']);
  const sans = names.map((value) => ({ type: isIP(value) ? ('ip' as const) : ('dns' as const), value }));
  const cert = await x509.X509CertificateGenerator.create({
    subject: `CN=${names[0] ?? 'pons'}`,
    issuer: ca.subject,
    notBefore: new Date(Date.now() - DAY),
    notAfter: new Date(Date.now() + 825 * DAY),
    publicKey: keys.publicKey as never,
    signingKey: caKey as never,
    signingAlgorithm: ALG,
    extensions: [
      new x509.BasicConstraintsExtension(false, undefined, true),
      new x509.KeyUsagesExtension(x509.KeyUsageFlags.digitalSignature | x509.KeyUsageFlags.keyAgreement, true),
      new x509.ExtendedKeyUsageExtension([x509.ExtendedKeyUsage.serverAuth]),
      new x509.SubjectAlternativeNameExtension(sans),
      await x509.AuthorityKeyIdentifierExtension.create(ca),
    ],
  });
  writeSecret(path.join(dir, 'server.key'), await exportKey(keys.privateKey));
  writeFileSync(path.join(dir, 'server.pem'), cert.toString('pem') + '\n');
}

/**
 * True when the stored leaf lacks one of the wanted names or expires within 30 days. Names are
 * matched by the certificate's own checks, not by text: its alternative names spell IPv6
 * addresses in full (`::1` is `0:0:0:0:0:0:0:1`), and a textual match would re-issue the leaf at
 * every start (and, with worker processes, have them race each other writing it).
 */
export function leafNeedsRenewal(dir: string, names: string[]): boolean {
  const file = path.join(dir, 'server.pem');
  if (!existsSync(file) || !existsSync(path.join(dir, 'server.key'))) return true;
  const leaf = new NodeX509(readFileSync(file));
  if (Date.parse(leaf.validTo) - Date.now() < 30 * DAY) return true;
  return names.some((name) => (isIP(name) ? leaf.checkIP(name) : leaf.checkHost(name, { subject: 'never' })) === undefined);
}

/**
 * Loads the server's CA and certificate from `<dataDir>/pki`, creating them on first start.
 * The CA is kept: its fingerprint is what every agent pins, so it must survive restarts and
 * re-issued server certificates.
 */
export async function ensurePki(dataDir: string, names: string[]): Promise<ServerPki> {
  const dir = path.join(dataDir, 'pki');
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  if (!existsSync(path.join(dir, 'ca.pem')) || !existsSync(path.join(dir, 'ca.key'))) await createCa(dir);
  const unique = [...new Set(names.filter(Boolean))];
  if (leafNeedsRenewal(dir, unique)) await createLeaf(dir, unique);
  const caPem = readFileSync(path.join(dir, 'ca.pem'), 'utf8');
  return {
    caPem,
    caFingerprint: certificateFingerprint(new NodeX509(caPem)),
    certChainPem: readFileSync(path.join(dir, 'server.pem'), 'utf8') + caPem,
    keyPem: readFileSync(path.join(dir, 'server.key'), 'utf8'),
    names: unique,
    ticketKeys: ensureTicketKeys(dir),
  };
}
