import type { AccessLevel, Feature, Grants } from '@pons/protocol';
import { Features } from '@pons/protocol/pure';

/** How each feature reads in the console, in the protocol's order. */
export const FEATURE_LABELS: Record<Feature, string> = {
  dashboard: 'Dashboard',
  inventory: 'Inventory',
  groups: 'Groups',
  packaging: 'Packaging',
  deployment: 'Deployment',
  remote: 'Remote control',
  imaging: 'Imaging',
  updates: 'Updates',
  security: 'Security',
  history: 'History',
  enrollment: 'Enrollment',
  admin: 'Administration',
};

/** Every feature, in the protocol's order. */
export const FEATURES: readonly Feature[] = Features;

export const LEVELS: { value: AccessLevel | null; label: string }[] = [
  { value: null, label: 'None' },
  { value: 'ro', label: 'Read-only' },
  { value: 'rw', label: 'Read-write' },
];

export const levelText = (level: AccessLevel | undefined): string => LEVELS.find((l) => l.value === (level ?? null))?.label ?? 'None';

/** The grants with one feature set to a level, or removed for none. */
export function withLevel(grants: Grants, feature: Feature, level: AccessLevel | null): Grants {
  const next: Grants = { ...grants };
  if (level) next[feature] = level;
  else delete next[feature];
  return next;
}

/** Whether `level` stays within `max` (none is always allowed). */
export function within(level: AccessLevel | null, max: AccessLevel | undefined): boolean {
  if (level === null) return true;
  return max === 'rw' || (max === 'ro' && level === 'ro');
}
