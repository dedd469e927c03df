import { probeServerChain } from '@pons/crypto';
import { LinkError } from './link-error.js';

/**
 * First contact: checks that the server's chain holds the pinned CA and that the leaf was issued
 * by it, and returns the CA certificate to trust from then on. Nothing of the protocol is sent.
 */
export async function fetchPinnedCa(url: string, pin: string, timeoutMs = 10_000): Promise<string> {
  let chain;
  try {
    chain = await probeServerChain(url, pin, timeoutMs);
  } catch (error) {
    const refused = (error as NodeJS.ErrnoException).code === 'ECONNREFUSED';
    throw new LinkError('PONS_E_UNAVAILABLE', (error as Error).message, false, undefined, refused);
  }
  if (!chain.check.ok) throw new LinkError('PONS_E_AUTH_FAILED', `refusing ${new URL(url).host}: ${chain.check.reason}`, true);
  return chain.check.caPem;
}
