import type { PackageDetail, PackageSummary, PackageVersion, Step } from '@pons/protocol';
import { bytes, dash, when } from '../output/format.js';
import { renderPairs, renderTable } from '../output/table.js';

export function packageTable(items: readonly PackageSummary[], now: number): string {
  return renderTable(
    [
      { header: 'NAME' },
      { header: 'LATEST' },
      { header: 'PENDING' },
      { header: 'OS' },
      { header: 'SIZE', align: 'right' },
      { header: 'ENTITY' },
      { header: 'SUBMITTED' },
    ],
    items.map((p) => [
      p.name,
      p.latest ? `${p.latest.version} (r${p.latest.revision})` : '-',
      p.pending ? `${p.pending.version} (r${p.pending.revision})` : '-',
      p.os.join(','),
      bytes((p.latest ?? p.pending)?.size ?? 0),
      p.entityName,
      when(p.latest?.submittedAt, now),
    ]),
  );
}

function describeStep(step: Step): string {
  const label = step.label ? `[${step.label}] ` : '';
  switch (step.action) {
    case 'run': {
      const branches = (step.branches ?? []).map((b) => `${b.when} → ${b.goto}`).join(', ');
      const first = step.command.split('\n')[0] ?? '';
      return `${label}run ${step.shell}: ${first}${step.command.includes('\n') ? ' …' : ''}${branches ? `  {${branches}}` : ''}`;
    }
    case 'wait':
      return `${label}wait ${step.seconds} s`;
    case 'notify':
      return `${label}notify: ${step.message}`;
    case 'setenv':
      return `${label}set ${step.name}`;
    case 'unzip':
      return `${label}unzip ${step.file}${step.to ? ` to ${step.to}` : ''}`;
    case 'reboot':
      return `${label}reboot`;
    case 'success':
      return `${label}end with success`;
    case 'error':
      return `${label}end with error${step.message ? `: ${step.message}` : ''}`;
  }
}

export function versionView(version: PackageVersion, now: number): string {
  const pairs = renderPairs([
    ['Version', `${version.version} (revision ${version.revision}, ${version.status})`],
    ['Description', dash(version.description)],
    ['OS', version.os.join(', ')],
    ['Size', bytes(version.size)],
    ['Created', `${when(version.createdAt, now)} by ${version.createdBy}`],
    ['Submitted', version.submittedAt ? `${when(version.submittedAt, now)} by ${version.submittedBy ?? '?'}` : 'not yet (pending)'],
    ['Digest', version.digest ?? '-'],
  ]);
  const files =
    version.files.length === 0
      ? '\nFiles: none\n'
      : `\nFiles:\n${renderTable(
          [{ header: 'NAME' }, { header: 'SIZE', align: 'right' }, { header: 'SHA-256' }],
          version.files.map((f) => [f.name, bytes(f.size), f.sha256]),
          '  ',
        )}`;
  const sequences = version.os
    .map((os) => {
      const steps = version.sequences[os] ?? [];
      return `\nSteps (${os}):\n${steps.length === 0 ? '  none\n' : steps.map((s, i) => `  ${i + 1}. ${describeStep(s)}`).join('\n')}\n`;
    })
    .join('');
  return `${pairs}${files}${sequences}`;
}

export function packageView(pkg: PackageDetail, now: number): string {
  const head = renderPairs([
    ['Package', pkg.name],
    ['ID', pkg.id],
    ['Entity', pkg.entityName],
  ]);
  const versions = renderTable(
    [
      { header: 'REV', align: 'right' },
      { header: 'VERSION' },
      { header: 'STATUS' },
      { header: 'SIZE', align: 'right' },
      { header: 'SUBMITTED' },
    ],
    pkg.versions.map((v) => [String(v.revision), v.version, v.status, bytes(v.size), when(v.submittedAt, now)]),
    '  ',
  );
  return `${head}\nVersions:\n${versions}\nCurrent version:\n${versionView(pkg.current, now)}`;
}
