import type { LdapTestResult } from '@pons/protocol';

/** Each stage of the connection test (connect, TLS, bind, search…), with how it went and the server's message. */
export function LdapTestSteps({ result }: { result: LdapTestResult }) {
  return (
    <div className="test-result" role="status">
      <p className={result.ok ? 'test-ok' : 'test-failed'}>
        <strong>{result.ok ? 'The connection works.' : 'The connection failed.'}</strong>
      </p>
      <ol className="test-steps" aria-label="Connection test steps">
        {result.steps.map((step, index) => (
          <li key={`${index}:${step.stage}`} data-testid={`ldap-step-${step.stage}`}>
            <span className={`badge ${step.ok ? 'tone-success' : 'tone-failure'}`}>{step.ok ? 'ok' : 'failed'}</span>
            <strong>{step.stage}</strong>
            <span>{step.message}</span>
          </li>
        ))}
      </ol>
    </div>
  );
}
