#!/usr/bin/env node
// The `pons` command: `pons server` and `pons agent` run those programs; everything else is the
// administration CLI. Each program is its own app; this launcher only picks one.
import { existsSync } from 'node:fs';
import { fileURLToPath, pathToFileURL } from 'node:url';
import path from 'node:path';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const programs = { server: 'apps/server/dist/main.js', agent: 'apps/agent/dist/main.js' };
const [first, ...rest] = process.argv.slice(2);
const program = programs[first] ? first : 'cli';
const entry = path.join(root, programs[program] ?? 'apps/cli/dist/main.js');

if (!existsSync(entry)) {
  process.stderr.write(`pons: ${path.relative(process.cwd(), entry)} is missing; run "npm run build" first.\n`);
  process.exit(1);
}
process.env.PONS_LAUNCHER ??= fileURLToPath(import.meta.url);
process.env.PONS_CONSOLE_DIR ??= path.join(root, 'apps/console/dist');
process.argv = [process.argv[0], entry, ...(program === 'cli' ? process.argv.slice(2) : rest)];
await import(pathToFileURL(entry).href);
