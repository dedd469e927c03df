import type { ReactNode } from 'react';
import { Link } from '../router.js';

/** The way back to the list a page belongs to. */
export function Crumbs({ to, children }: { to: string; children: ReactNode }) {
  return (
    <nav className="crumbs" aria-label="Breadcrumb">
      <Link to={to}>{children}</Link> <span aria-hidden="true">/</span>
    </nav>
  );
}
