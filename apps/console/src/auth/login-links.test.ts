import { describe, expect, it } from 'vitest';
import { loginError, oidcStartUrl, returnTarget } from './login-links.js';

const q = (text: string) => new URLSearchParams(text);

describe('returnTarget', () => {
  it('keeps the page and its query, without the login error', () => {
    expect(returnTarget('/machines/pc-1', q(''))).toBe('/machines/pc-1');
    expect(returnTarget('/machines', q('status=online&q=pc'))).toBe('/machines?status=online&q=pc');
    expect(returnTarget('/audit', q('error=nope&x=1'))).toBe('/audit?x=1');
  });

  it('sends /login to the console home', () => {
    expect(returnTarget('/login', q('error=Access+denied'))).toBe('/');
    expect(returnTarget('/login/', q(''))).toBe('/');
  });
});

describe('oidcStartUrl', () => {
  it('encodes the provider and the return path', () => {
    expect(oidcStartUrl('keycloak', '/machines?status=online&q=a b')).toBe(
      '/api/v1/auth/oidc/keycloak/start?returnTo=%2Fmachines%3Fstatus%3Donline%26q%3Da+b',
    );
    expect(oidcStartUrl('a/b', '/')).toBe('/api/v1/auth/oidc/a%2Fb/start?returnTo=%2F');
  });
});

describe('loginError', () => {
  it('reads the message, ignoring an empty one', () => {
    expect(loginError(q('error=The+provider+refused+the+login.'))).toBe('The provider refused the login.');
    expect(loginError(q('error=%20'))).toBeNull();
    expect(loginError(q(''))).toBeNull();
  });
});
