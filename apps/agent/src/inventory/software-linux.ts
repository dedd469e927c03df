import { execFile } from 'node:child_process';
import type { InventorySoftware } from '@pons/protocol';

function run(command: string, args: string[], timeoutMs = 60_000): Promise<string> {
  return new Promise((resolve, reject) => {
    execFile(command, args, { timeout: timeoutMs, maxBuffer: 64 * 1024 * 1024, env: { ...process.env, LC_ALL: 'C' } }, (error, stdout) =>
      error ? reject(new Error(error.message)) : resolve(stdout),
    );
  });
}

const cap = (text: string | undefined, max: number) => (text ? text.slice(0, max) : undefined);

/** Parses `dpkg-query -W -f '${Package}\t${Version}\t${Architecture}\t${Maintainer}\t${Installed-Size}\t${db:Status-Abbrev}\n'`. */
export function parseDpkg(output: string): InventorySoftware[] {
  const out: InventorySoftware[] = [];
  for (const line of output.split('\n')) {
    const [name, version, arch, maintainer, sizeKb, status] = line.split('\t');
    if (!name || !status?.startsWith('ii')) continue;
    const size = Number(sizeKb);
    out.push({
      name: cap(name, 512)!,
      ...(version ? { version: cap(version, 256) } : {}),
      ...(arch ? { arch: cap(arch, 64) } : {}),
      ...(maintainer ? { publisher: cap(maintainer, 512) } : {}),
      ...(Number.isFinite(size) && sizeKb !== '' ? { sizeBytes: size * 1024 } : {}),
      source: 'dpkg',
    });
  }
  return out;
}

/** Parses `rpm -qa --qf '%{NAME}\t%{VERSION}-%{RELEASE}\t%{ARCH}\t%{VENDOR}\t%{SIZE}\t%{INSTALLTIME}\n'`. */
export function parseRpm(output: string): InventorySoftware[] {
  const out: InventorySoftware[] = [];
  for (const line of output.split('\n')) {
    const [name, version, arch, vendor, size, installTime] = line.split('\t');
    if (!name) continue;
    const seconds = Number(installTime);
    out.push({
      name: cap(name, 512)!,
      ...(version ? { version: cap(version, 256) } : {}),
      ...(arch && arch !== '(none)' ? { arch: cap(arch, 64) } : {}),
      ...(vendor && vendor !== '(none)' ? { publisher: cap(vendor, 512) } : {}),
      ...(size && Number.isFinite(Number(size)) ? { sizeBytes: Number(size) } : {}),
      ...(Number.isFinite(seconds) && seconds > 0 ? { installedAt: new Date(seconds * 1000).toISOString() } : {}),
      source: 'rpm',
    });
  }
  return out;
}

/** Installed packages from dpkg, else rpm; throws when neither package manager is present. */
export async function linuxSoftware(): Promise<InventorySoftware[]> {
  try {
    return parseDpkg(
      await run('dpkg-query', [
        '-W',
        '-f',
        '${Package}\\t${Version}\\t${Architecture}\\t${Maintainer}\\t${Installed-Size}\\t${db:Status-Abbrev}\\n',
      ]),
    );
  } catch (dpkgError) {
    try {
      return parseRpm(
        await run('rpm', ['-qa', '--qf', '%{NAME}\\t%{VERSION}-%{RELEASE}\\t%{ARCH}\\t%{VENDOR}\\t%{SIZE}\\t%{INSTALLTIME}\\n']),
      );
    } catch {
      throw new Error(`neither dpkg nor rpm could list packages (${(dpkgError as Error).message.split('\n')[0]})`);
    }
  }
}
