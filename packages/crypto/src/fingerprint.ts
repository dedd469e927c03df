import { createHash, X509Certificate } from 'node:crypto';

/** `sha256:<64 lowercase hex>` of a certificate's DER bytes. */
export function certificateFingerprint(cert: X509Certificate | Buffer): string {
  const der = cert instanceof X509Certificate ? cert.raw : cert;
  return `sha256:${createHash('sha256').update(der).digest('hex')}`;
}

/**
 * Accepts the forms people paste (`sha256:AB:CD:...`, bare hex, upper case) and returns the
 * canonical form, or undefined when the text is not a SHA-256 fingerprint.
 */
export function normaliseFingerprint(text: string): string | undefined {
  const hex = text
    .trim()
    .replace(/^sha256:/i, '')
    .replace(/:/g, '')
    .toLowerCase();
  return /^[0-9a-f]{64}$/.test(hex) ? `sha256:${hex}` : undefined;
}

export function sha256Hex(data: string | Buffer): string {
  return createHash('sha256').update(data).digest('hex');
}
