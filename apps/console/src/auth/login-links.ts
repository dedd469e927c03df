/**
 * Single sign-on links: where the console returns after the provider, and the error the server
 * hands back in `/login?error=…` when the sign-on failed. Pure, tested.
 */

/** Where to land after logging in: the page asked for, without the login error; the console's home for `/login`. */
export function returnTarget(path: string, query: URLSearchParams): string {
  const rest = new URLSearchParams(query);
  rest.delete('error');
  const text = rest.toString();
  const target = path === '/login' || path === '/login/' ? '/' : path;
  return text ? `${target}?${text}` : target;
}

/** The server's start of a sign-on with one provider; it comes back to `returnTo`. */
export function oidcStartUrl(providerId: string, returnTo: string): string {
  return `/api/v1/auth/oidc/${encodeURIComponent(providerId)}/start?${new URLSearchParams({ returnTo }).toString()}`;
}

/** The failed sign-on's message, when the server sent one back. */
export function loginError(query: URLSearchParams): string | null {
  const error = query.get('error')?.trim();
  return error ? error : null;
}
