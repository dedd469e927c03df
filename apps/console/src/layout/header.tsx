import type { CurrentUser } from '@pons/protocol';
import { useLiveState } from '../live/live.js';
import { Link, useLocation } from '../router.js';

const NAV = [
  { to: '/machines', label: 'Machines', active: (path: string) => path === '/' || path.startsWith('/machines') },
  { to: '/packages', label: 'Packages', active: (path: string) => path.startsWith('/packages') },
  { to: '/deployments', label: 'Deployments', active: (path: string) => path.startsWith('/deployments') },
  { to: '/enrollment', label: 'Enrollment', active: (path: string) => path.startsWith('/enrollment') },
];

const LIVE_TEXT = { connecting: 'Connecting…', live: 'Live', reconnecting: 'Reconnecting…', stopped: 'Offline' } as const;

export function Header({ user, onLogOut }: { user: CurrentUser; onLogOut: () => Promise<void> }) {
  const { path } = useLocation();
  const liveState = useLiveState();
  return (
    <header className="topbar">
      <Link to="/machines" className="brand">
        Pons
      </Link>
      <nav aria-label="Main">
        {NAV.map((item) => (
          <Link
            key={item.to}
            to={item.to}
            className={item.active(path) ? 'active' : undefined}
            aria-current={item.active(path) ? 'page' : undefined}
          >
            {item.label}
          </Link>
        ))}
        <a href="/api/docs" target="_blank" rel="noreferrer">
          API docs
        </a>
      </nav>
      <span className={`live live-${liveState}`} title="Live updates from the server" data-testid="live-state">
        {LIVE_TEXT[liveState]}
      </span>
      <span className="user" title={user.superAdmin ? 'Super administrator' : undefined}>
        {user.username}
      </span>
      <button type="button" className="ghost" onClick={() => void onLogOut()}>
        Log out
      </button>
    </header>
  );
}
