import { createHash } from 'node:crypto';
import { createReadStream, createWriteStream, existsSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { pipeline } from 'node:stream/promises';
import type { Command } from 'commander';
import { Checks, packageOses, type PackageOs, Sequences, Validator } from '@pons/protocol';
import type { Context } from '../context.js';
import { CliError, ExitCode } from '../errors.js';
import { responses } from '../http/responses.js';
import { maxLength, positiveInteger } from '../options.js';
import { bytes, plural } from '../output/format.js';
import { packageTable, packageView, versionView } from '../views/packages-view.js';

const pkgPath = (ref: string, rest = '') => `/api/v1/packages/${encodeURIComponent(ref)}${rest}`;

const EXAMPLES = `
Examples:
  pons package create "Firefox ESR" 128.5 --os linux,windows --steps firefox-steps.json
  pons package edit "Firefox ESR" 128.6 --steps firefox-steps.json
  pons package upload "Firefox ESR" firefox.tar.bz2 install.sh
  pons package submit "Firefox ESR"
  pons package show "Firefox ESR"
  pons package export "Firefox ESR" --output firefox.pons.tar
  pons package import firefox.pons.tar

A steps file holds one sequence per OS, as JSON:
  { "linux": [ { "action": "run", "shell": "sh", "command": "sh @@@PACKAGE_DIRECTORY_ABS_MACHINE@@@/install.sh",
                 "branches": [ { "when": "==3010", "goto": "END_SUCCESS" } ] } ] }`;

function osList(text: string): PackageOs[] {
  const list = text.split(',').map((s) => s.trim().toLowerCase());
  for (const os of list)
    if (!(packageOses as string[]).includes(os)) throw new CliError(`--os takes ${packageOses.join(', ')}; got "${os}"`, ExitCode.usage);
  return list as PackageOs[];
}

function jsonFile<T>(file: string, what: string, check: Validator<never>): T {
  let value: unknown;
  try {
    value = JSON.parse(readFileSync(file, 'utf8'));
  } catch (error) {
    throw new CliError(`${file} could not be read as JSON: ${(error as Error).message}`, ExitCode.usage);
  }
  const valid = check.validate(value);
  if (!valid.ok) throw new CliError(`${file} is not a valid ${what}: ${valid.message}`, ExitCode.usage);
  return value as T;
}

const sequencesCheck = () => new Validator(Sequences) as unknown as Validator<never>;
const checksCheck = () => new Validator(Checks) as unknown as Validator<never>;

interface EditOptions {
  os?: string;
  description?: string;
  steps?: string;
  checks?: string;
  entity?: string;
  json?: boolean;
}

function editBody(options: EditOptions): Record<string, unknown> {
  return {
    ...(options.description !== undefined ? { description: options.description } : {}),
    ...(options.os ? { os: osList(options.os) } : {}),
    ...(options.steps ? { sequences: jsonFile(options.steps, 'steps file', sequencesCheck()) } : {}),
    ...(options.checks ? { checks: jsonFile(options.checks, 'checks file', checksCheck()) } : {}),
  };
}

async function sha256File(file: string): Promise<string> {
  const hash = createHash('sha256');
  for await (const chunk of createReadStream(file)) hash.update(chunk as Buffer);
  return hash.digest('hex');
}

export function registerPackages(program: Command, ctx: Context): void {
  const packages = program
    .command('package')
    .alias('packages')
    .description('create, fill, submit, export and import software packages')
    .addHelpText('after', EXAMPLES);

  packages
    .command('create')
    .description('create a package; its first version stays pending until you submit it')
    .argument('<name>', 'package name')
    .argument('<version>', 'version label, such as 1.0 or 128.5.0esr')
    .requiredOption('--os <list>', 'target systems: linux, windows, macos (comma-separated)')
    .option('--description <text>', 'what it installs', maxLength(4000))
    .option('--steps <file>', 'JSON file with the step sequence of each OS')
    .option('--checks <file>', 'JSON file with the command that tells, per OS, whether the package is installed')
    .option('--entity <entity>', 'entity (id or name) that owns it (default: root)', maxLength(128))
    .option('--json', 'print the JSON the API returns')
    .action(async (name: string, version: string, options: EditOptions, command: Command) => {
      const { client } = ctx.session(command);
      const body = { name, version, ...editBody(options), ...(options.entity ? { entity: options.entity } : {}) };
      const created = await client.call('POST', '/api/v1/packages', responses.package, body);
      if (options.json) return ctx.json(created);
      ctx.out(`Created package ${created.name} (${created.id}), version ${created.current.version} pending.`);
      ctx.out(
        `Next: "pons package upload ${JSON.stringify(created.name)} FILE…", then "pons package submit ${JSON.stringify(created.name)}".`,
      );
    });

  packages
    .command('edit')
    .description('change the pending version (a submitted one is never changed: this starts the next)')
    .argument('<package>', 'package name or id')
    .argument('[version]', 'a new version label')
    .option('--os <list>', 'target systems: linux, windows, macos')
    .option('--description <text>', 'what it installs', maxLength(4000))
    .option('--steps <file>', 'JSON file with the step sequence of each OS')
    .option('--checks <file>', 'JSON file with the installed-check command of each OS')
    .option('--json', 'print the JSON the API returns')
    .action(async (ref: string, version: string | undefined, options: EditOptions, command: Command) => {
      const body = { ...editBody(options), ...(version ? { version } : {}) };
      if (Object.keys(body).length === 0)
        throw new CliError('nothing to change', ExitCode.usage, 'give a version, --os, --description, --steps or --checks');
      const { client } = ctx.session(command);
      const pkg = await client.call('PATCH', pkgPath(ref), responses.package, body);
      if (options.json) return ctx.json(pkg);
      ctx.out(`${pkg.name}: version ${pkg.current.version} (revision ${pkg.current.revision}) is pending.`);
    });

  packages
    .command('upload')
    .description('add files to the pending version (a file of the same name is replaced)')
    .argument('<package>', 'package name or id')
    .argument('<files...>', 'files to upload')
    .option('--as <name>', 'name inside the package, for a single file (may contain folders: conf/app.ini)')
    .action(async (ref: string, files: string[], options: { as?: string }, command: Command) => {
      if (options.as && files.length > 1) throw new CliError('--as names one file; upload the others separately', ExitCode.usage);
      for (const file of files) if (!existsSync(file)) throw new CliError(`${file}: no such file`, ExitCode.usage);
      const { client } = ctx.session(command);
      for (const file of files) {
        const name = options.as ?? path.basename(file);
        // Hashed here first, so the server refuses the file if it changes on the way.
        const sha256 = await sha256File(file);
        const stored = await client.upload(
          'PUT',
          pkgPath(ref, `/files/${name.split('/').map(encodeURIComponent).join('/')}`),
          responses.packageFile,
          createReadStream(file),
          {
            'x-content-sha256': sha256,
            'content-length': String(statSync(file).size),
          },
        );
        ctx.out(`${stored.name}  ${bytes(stored.size)}  sha256:${stored.sha256}`);
      }
    });

  packages
    .command('submit')
    .description('check the pending version and freeze it: deployments can then use it')
    .argument('<package>', 'package name or id')
    .option('--json', 'print the JSON the API returns')
    .action(async (ref: string, options: { json?: boolean }, command: Command) => {
      const { client } = ctx.session(command);
      const version = await client.call('POST', pkgPath(ref, '/submit'), responses.packageVersion);
      if (options.json) return ctx.json(version);
      ctx.out(
        `Submitted version ${version.version} (revision ${version.revision}), ${plural(version.files.length, 'file')}, ${bytes(version.size)}; digest ${version.digest ?? ''}.`,
      );
    });

  packages
    .command('list')
    .description('list packages')
    .option('--search <text>', 'part of the name', maxLength(128))
    .option('--json', 'print the JSON the API returns')
    .action(async (options: { search?: string; json?: boolean }, command: Command) => {
      const { client } = ctx.session(command);
      const list = await client.call(
        'GET',
        `/api/v1/packages${options.search ? `?q=${encodeURIComponent(options.search)}` : ''}`,
        responses.packageList,
      );
      if (options.json) return ctx.json(list);
      if (list.items.length > 0) ctx.out(packageTable(list.items, ctx.now()));
      ctx.out(plural(list.total, 'package'));
    });

  packages
    .command('show')
    .description('show a package: its versions, files and steps')
    .argument('<package>', 'package name or id')
    .option('--revision <n>', 'one version, by revision number', positiveInteger())
    .option('--json', 'print the JSON the API returns')
    .action(async (ref: string, options: { revision?: number; json?: boolean }, command: Command) => {
      const { client } = ctx.session(command);
      if (options.revision) {
        const version = await client.call('GET', pkgPath(ref, `/versions/${options.revision}`), responses.packageVersion);
        return options.json ? ctx.json(version) : ctx.out(versionView(version, ctx.now()));
      }
      const pkg = await client.call('GET', pkgPath(ref), responses.package);
      return options.json ? ctx.json(pkg) : ctx.out(packageView(pkg, ctx.now()));
    });

  packages
    .command('export')
    .description('write a submitted version to one archive (manifest and files)')
    .argument('<package>', 'package name or id')
    .option('--revision <n>', 'the revision to export (default: the latest submitted)', positiveInteger())
    .requiredOption('--output <file>', 'where to write the archive')
    .action(async (ref: string, options: { revision?: number; output: string }, command: Command) => {
      const { client } = ctx.session(command);
      const revision = options.revision ?? (await client.call('GET', pkgPath(ref), responses.package)).latest?.revision;
      if (!revision)
        throw new CliError(`${ref} has no submitted version to export`, ExitCode.conflict, `run "pons package submit ${ref}" first`);
      const res = await client.open(pkgPath(ref, `/versions/${revision}/export`));
      await pipeline(res, createWriteStream(options.output));
      ctx.out(`Wrote ${options.output} (${bytes(statSync(options.output).size)}).`);
    });

  packages
    .command('import')
    .description('import an archive made by "pons package export", as a submitted version')
    .argument('<archive>', 'the archive file')
    .option('--entity <entity>', 'entity (id or name) that owns it (default: root)', maxLength(128))
    .option('--json', 'print the JSON the API returns')
    .action(async (archive: string, options: { entity?: string; json?: boolean }, command: Command) => {
      if (!existsSync(archive)) throw new CliError(`${archive}: no such file`, ExitCode.usage);
      const { client } = ctx.session(command);
      const query = options.entity ? `?entity=${encodeURIComponent(options.entity)}` : '';
      const version = await client.upload('POST', `/api/v1/packages/import${query}`, responses.packageVersion, createReadStream(archive), {
        'content-length': String(statSync(archive).size),
      });
      if (options.json) return ctx.json(version);
      ctx.out(
        `Imported version ${version.version} (revision ${version.revision}), ${plural(version.files.length, 'file')}, digest ${version.digest ?? ''}.`,
      );
    });
}
