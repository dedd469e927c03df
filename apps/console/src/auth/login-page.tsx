import { useEffect, useState } from 'react';
import type { CurrentUser, LoginMethods, LoginResponse } from '@pons/protocol';
import { accountApi } from '../account-api.js';
import { navigate, useLocation } from '../router.js';
import { Alert } from '../ui/alert.js';
import { useTitle } from '../ui/use-title.js';
import { loginError, returnTarget } from './login-links.js';
import { PasswordStep } from './password-step.js';
import { ProviderButtons } from './provider-buttons.js';
import { SecondFactorStep } from './second-factor-step.js';

interface Props {
  notice: string | null;
  onLoggedIn: (user: CurrentUser, csrfToken: string) => void;
}

/** User name and password (then the second factor when the account has one), or a single sign-on provider. */
export function LoginPage({ notice, onLoggedIn }: Props) {
  const { path, query } = useLocation();
  const [challenge, setChallenge] = useState<string | null>(null);
  const [methods, setMethods] = useState<LoginMethods | null>(null);
  const ssoError = loginError(query);
  const returnTo = returnTarget(path, query);
  useTitle('Log in');

  useEffect(() => {
    // Without the list (an older server, a network hiccup) the password form still works.
    accountApi.methods().then(setMethods, () => setMethods(null));
  }, []);

  function loggedIn({ user, csrfToken }: LoginResponse) {
    // Off `/login?error=…` once in, so that a reload does not show the old error.
    if (path === '/login' || query.has('error')) navigate(returnTo, { replace: true });
    onLoggedIn(user, csrfToken);
  }

  return (
    <div className="auth">
      <div className="auth-card">
        <div className="brand auth-brand">Pons</div>
        <h1 id="login-title">Log in</h1>
        {notice && <Alert kind="info">{notice}</Alert>}
        {ssoError && challenge === null && <Alert>{ssoError}</Alert>}
        {challenge === null ? (
          <>
            <PasswordStep directory={methods?.ldap ?? false} onLoggedIn={loggedIn} onSecondFactor={setChallenge} />
            <ProviderButtons providers={methods?.providers ?? []} returnTo={returnTo} />
          </>
        ) : (
          <SecondFactorStep challenge={challenge} onLoggedIn={loggedIn} onBack={() => setChallenge(null)} />
        )}
      </div>
    </div>
  );
}
