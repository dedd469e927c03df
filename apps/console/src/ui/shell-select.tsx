import type { Shell } from '@pons/protocol';

export const SHELLS = [
  { value: 'sh', label: 'sh' },
  { value: 'bash', label: 'bash' },
  { value: 'powershell', label: 'PowerShell' },
  { value: 'cmd', label: 'cmd' },
  { value: 'exec', label: 'program (no shell)' },
] as const;

/** The shell a command runs through, as a package step or a quick action chooses it. */
export function ShellSelect({ value, onChange }: { value: Shell; onChange: (shell: Shell) => void }) {
  return (
    <label>
      Shell
      <select value={value} onChange={(e) => onChange(e.target.value as Shell)}>
        {SHELLS.map((shell) => (
          <option key={shell.value} value={shell.value}>
            {shell.label}
          </option>
        ))}
      </select>
    </label>
  );
}
