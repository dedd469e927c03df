#!/usr/bin/env node
// `npm test`: installs the Debian packages the tests need when they are missing, builds every
// program (the end-to-end tests run the real built binaries), then runs every test project.
// Extra arguments go to a single vitest run, e.g. `npm test -- --project unit`.
import { execSync, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';

const DEBIAN_PACKAGES = [
  { binary: '/usr/bin/chromium', pkg: 'chromium', why: 'console tests in a real browser' },
  { binary: '/usr/sbin/slapd', pkg: 'slapd', why: 'LDAP login against a real directory' },
  { binary: '/usr/bin/Xvfb', pkg: 'xvfb', why: 'a display for the remote desktop tests' },
  { binary: '/usr/bin/x11vnc', pkg: 'x11vnc', why: 'the VNC server the remote desktop tests reach' },
  { binary: '/usr/bin/xsetroot', pkg: 'x11-xserver-utils', why: 'painting the test display a known colour' },
  { binary: '/usr/bin/fusioninventory-agent', pkg: 'fusioninventory-agent', why: 'inventories from a real FusionInventory agent' },
];

function run(command, args, options = {}) {
  const result = spawnSync(command, args, { stdio: 'inherit', ...options });
  if (result.status !== 0) process.exit(result.status ?? 1);
}

function ensureDebianPackages() {
  const missing = DEBIAN_PACKAGES.filter((p) => !existsSync(p.binary));
  if (missing.length === 0) return;
  const names = missing.map((p) => p.pkg);
  if (process.getuid?.() !== 0) {
    console.error(
      `npm test: missing Debian packages ${names.join(', ')} (${missing.map((p) => p.why).join('; ')}); run as root or install them.`,
    );
    process.exit(1);
  }
  console.log(`npm test: installing ${names.join(', ')} ...`);
  execSync('apt-get update -qq', { stdio: 'inherit' });
  execSync(`DEBIAN_FRONTEND=noninteractive apt-get install -y -qq ${names.join(' ')}`, { stdio: 'inherit' });
}

ensureDebianPackages();
if (!process.env.PONS_TEST_DATABASE_URL) {
  console.log('\nnpm test: PONS_TEST_DATABASE_URL is not set, so the PostgreSQL runs are SKIPPED (.ci/run sets it).\n');
}
run('npx', ['tsc', '-b']);
run('npm', ['run', 'build', '-w', '@pons/console']);
const extra = process.argv.slice(2);
if (extra.length > 0) run('npx', ['vitest', 'run', ...extra]);
else {
  // One project after the other: the end-to-end tests measure timings and should not share the
  // two cores with the integration suite.
  for (const project of ['unit', 'integration', 'e2e']) run('npx', ['vitest', 'run', '--project', project]);
}
