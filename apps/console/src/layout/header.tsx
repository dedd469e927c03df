import type { CurrentUser } from '@pons/protocol';
import { useLiveState } from '../live/live.js';
import { Link, useLocation } from '../router.js';
import { navItems } from './nav.js';

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
        {navItems(user).map((item) => (
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
