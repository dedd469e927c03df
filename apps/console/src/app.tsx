import { AccountPage } from './account/account-page.js';
import { AdminPage } from './admin/admin-page.js';
import { AuditPage } from './audit/audit-page.js';
import { SessionContext } from './auth/current-user.js';
import { LoginPage } from './auth/login-page.js';
import { PasswordPage } from './auth/password-page.js';
import { useSession } from './auth/use-session.js';
import { DeploymentPage } from './deployment/deployment-page.js';
import { DeploymentsPage } from './deployments/deployments-page.js';
import { NewDeploymentPage } from './deployments/new-deployment-page.js';
import { EnrollmentPage } from './enrollment/enrollment-page.js';
import { Header } from './layout/header.js';
import { MachinePage } from './machine/machine-page.js';
import { MachinesPage } from './machines/machines-page.js';
import { PackagePage } from './package/package-page.js';
import { PackagesPage } from './packages/packages-page.js';
import { RemotePage } from './remote/remote-page.js';
import { Link, useLocation } from './router.js';
import { matchRoute } from './routes.js';

export function App() {
  const { session, reload, loggedIn, logOut, signedOut } = useSession();
  switch (session.state) {
    case 'loading':
      return <p className="boot">Loading…</p>;
    case 'unreachable':
      return (
        <div className="boot">
          <p role="alert">{session.message}</p>
          <button type="button" onClick={reload}>
            Try again
          </button>
        </div>
      );
    case 'anonymous':
      return <LoginPage notice={session.notice} onLoggedIn={loggedIn} />;
    case 'user':
      if (session.user.passwordChangeRequired)
        return <PasswordPage user={session.user} onChanged={(user) => loggedIn(user)} onLogOut={logOut} />;
      return (
        <SessionContext value={{ user: session.user, reload, signedOut }}>
          <Header user={session.user} onLogOut={logOut} />
          <main className="page">
            <CurrentPage />
          </main>
        </SessionContext>
      );
  }
}

function CurrentPage() {
  const { path } = useLocation();
  const route = matchRoute(path);
  switch (route.page) {
    case 'machines':
      return <MachinesPage />;
    case 'machine':
      return <MachinePage key={route.machineId} machineId={route.machineId} />;
    case 'remote':
      return <RemotePage key={`${route.machineId}/${route.tool}`} machineId={route.machineId} tool={route.tool} />;
    case 'enrollment':
      return <EnrollmentPage />;
    case 'packages':
      return <PackagesPage />;
    case 'package':
      return <PackagePage key={route.packageId} packageId={route.packageId} />;
    case 'deployments':
      return <DeploymentsPage />;
    case 'new-deployment':
      return <NewDeploymentPage />;
    case 'deployment':
      return <DeploymentPage key={route.deploymentId} deploymentId={route.deploymentId} />;
    case 'account':
      return <AccountPage />;
    case 'audit':
      return <AuditPage />;
    case 'admin':
      return <AdminPage section={route.section} />;
    case 'admin-user':
      return <AdminPage section="users" userId={route.userId} />;
    case 'not-found':
      return (
        <section className="panel empty">
          <h1>Page not found</h1>
          <p>
            There is nothing at <code>{path}</code>. <Link to="/machines">Go to the machines</Link>.
          </p>
        </section>
      );
  }
}
