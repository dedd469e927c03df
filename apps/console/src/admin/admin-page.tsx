import { can } from '../auth/permissions.js';
import { useCurrentSession } from '../auth/current-user.js';
import { AuthenticationSection } from '../authentication/authentication-section.js';
import { EntitiesSection } from '../entities/entities-section.js';
import { ProfilesSection } from '../profiles/profiles-section.js';
import { Link } from '../router.js';
import { adminPath, type AdminSection } from '../routes.js';
import { NoAccess } from '../ui/no-access.js';
import { UserPage } from '../users/user-page.js';
import { UsersSection } from '../users/users-section.js';

const SECTIONS: { section: AdminSection; label: string }[] = [
  { section: 'entities', label: 'Entities' },
  { section: 'users', label: 'Users' },
  { section: 'profiles', label: 'Profiles' },
  { section: 'authentication', label: 'Authentication' },
];

/** Administration: its sub-navigation and the section shown. Read-only for users with admin read-only. */
export function AdminPage({ section, userId }: { section: AdminSection; userId?: string }) {
  const { user } = useCurrentSession();
  if (!can(user, 'admin', 'ro')) return <NoAccess title="Administration" what="administration" />;
  const canChange = can(user, 'admin', 'rw');
  return (
    <section aria-labelledby="admin-title">
      <div className="toolbar">
        <h1 id="admin-title">Administration</h1>
        <nav className="subnav" aria-label="Administration">
          {SECTIONS.map((item) => (
            <Link
              key={item.section}
              to={adminPath(item.section)}
              className={item.section === section ? 'active' : undefined}
              aria-current={item.section === section && !userId ? 'page' : undefined}
            >
              {item.label}
            </Link>
          ))}
        </nav>
        {!canChange && <span className="muted">Read-only: your profile can look, not change.</span>}
      </div>
      {section === 'entities' && <EntitiesSection canChange={canChange} />}
      {section === 'users' &&
        (userId ? <UserPage key={userId} userId={userId} canChange={canChange} /> : <UsersSection canChange={canChange} />)}
      {section === 'profiles' && <ProfilesSection canChange={canChange} />}
      {section === 'authentication' && <AuthenticationSection canChange={canChange} />}
    </section>
  );
}
