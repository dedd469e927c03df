import { usageError } from '../errors.js';

/**
 * Accepts what people type (`host:8443`, `https://host:8443/`) and returns the origin the API
 * lives under. Plain HTTP is refused: the token must never cross the network in clear.
 */
export function normaliseServerUrl(text: string): string {
  const trimmed = text.trim();
  const withScheme = /^[a-z][a-z0-9+.-]*:\/\//i.test(trimmed) ? trimmed : `https://${trimmed}`;
  let url: URL;
  try {
    url = new URL(withScheme);
  } catch {
    throw usageError(`"${text}" is not a server address`, 'pass it as https://HOST:PORT, for example https://pons.example.org:8443');
  }
  if (url.protocol !== 'https:') throw usageError(`"${text}" does not use https: the Pons API is served over TLS only`);
  return url.origin;
}

/** `host:port` for messages. */
export function hostOf(server: string): string {
  return new URL(server).host;
}
