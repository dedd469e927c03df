import { useCurrentSession } from '../auth/current-user.js';
import { useTitle } from '../ui/use-title.js';
import { ApiTokensPanel } from './api-tokens-panel.js';
import { SecondFactorPanel } from './second-factor-panel.js';
import { SessionsPanel } from './sessions-panel.js';

const SOURCE_TEXT = { local: 'local account', ldap: 'directory (LDAP) account', oidc: 'single sign-on account' } as const;

/** The signed-in user's own account: second factor, API tokens, sessions. */
export function AccountPage() {
  const { user } = useCurrentSession();
  useTitle('Account');
  return (
    <section aria-labelledby="account-title">
      <div className="toolbar">
        <h1 id="account-title">Account</h1>
        <span className="muted">
          {user.username} · {SOURCE_TEXT[user.source]}
        </span>
      </div>
      <SecondFactorPanel />
      <ApiTokensPanel />
      <SessionsPanel />
    </section>
  );
}
