import { useChoices } from '../admin/use-choices.js';
import { Alert } from '../ui/alert.js';
import { useTitle } from '../ui/use-title.js';
import { LdapPanel } from './ldap-panel.js';
import { OidcProviders } from './oidc-providers.js';
import { SecurityForm } from './security-form.js';

/** How people log in: session idle timeout, the LDAP directory, single sign-on providers. */
export function AuthenticationSection({ canChange }: { canChange: boolean }) {
  const choices = useChoices();
  useTitle('Authentication');
  return (
    <section aria-labelledby="authentication-title">
      <h2 id="authentication-title" className="section-title">
        Authentication
      </h2>
      {choices.error && <Alert>{choices.error}</Alert>}
      <SecurityForm canChange={canChange} />
      {choices.loaded && (
        <>
          <LdapPanel choices={choices} canChange={canChange} />
          <OidcProviders choices={choices} canChange={canChange} />
        </>
      )}
    </section>
  );
}
