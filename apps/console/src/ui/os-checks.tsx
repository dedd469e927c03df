import { packageOses, type PackageOs } from '@pons/protocol';

export const OS_NAMES: Record<PackageOs, string> = { linux: 'Linux', windows: 'Windows', macos: 'macOS' };

/** `Linux, Windows`, in the usual order. */
export const osList = (os: readonly PackageOs[]): string =>
  packageOses
    .filter((o) => os.includes(o))
    .map((o) => OS_NAMES[o])
    .join(', ');

/** The systems a package targets, as a group of checkboxes. */
export function OsChecks({
  value,
  onChange,
  disabled = false,
}: {
  value: readonly PackageOs[];
  onChange: (os: PackageOs[]) => void;
  disabled?: boolean;
}) {
  const toggle = (os: PackageOs, on: boolean) => onChange(packageOses.filter((o) => (o === os ? on : value.includes(o))));
  return (
    <fieldset className="checks" disabled={disabled}>
      <legend>Systems</legend>
      {packageOses.map((os) => (
        <label key={os} className="check">
          <input type="checkbox" checked={value.includes(os)} onChange={(e) => toggle(os, e.target.checked)} />
          {OS_NAMES[os]}
        </label>
      ))}
    </fieldset>
  );
}
