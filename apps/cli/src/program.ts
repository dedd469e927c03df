import { Command, CommanderError, Option } from 'commander';
import { registerApiTokens } from './commands/api-tokens.js';
import { registerAudit } from './commands/audit.js';
import { registerAuth } from './commands/auth.js';
import { registerEnrollToken } from './commands/enroll-token.js';
import { registerEntities } from './commands/entities.js';
import { registerDeploy } from './commands/deploy.js';
import { registerPackages } from './commands/packages.js';
import { registerGroups } from './commands/groups.js';
import { registerMachines } from './commands/machines.js';
import { registerUsers } from './commands/users.js';
import { registerTunnel } from './commands/tunnel.js';
import { Context, type Io } from './context.js';
import { describeError, ExitCode } from './errors.js';
import { CLI_VERSION } from './version.js';

const GENERAL_HELP = `
Examples:
  pons login --server https://pons.example.org:8443 --ca-fingerprint sha256:3f9a…
  pons machines list --status offline
  pons enroll-token create --expires 7d --max-uses 100
  pons package create Tool 1.0 --os linux --steps steps.json
  pons deploy create Tool --machines web-01 --watch
  pons users create alice --role Paris=Technician
  pons tokens create nightly-report --permission inventory=ro
  pons audit --action user. --since 24h

Also: "pons server" runs the server and "pons agent" the agent; see their own --help.

Environment:
  PONS_SERVER      server address, as --server
  PONS_CLI_CONFIG  credentials file (default ~/.config/pons/credentials.json)
  PONS_DEBUG=1     print stack traces on errors

Exit codes:
    0  ok
    1  other error
    2  usage error: unknown option, invalid value
    3  not logged in, wrong credentials or code, revoked API token, or the password must be changed
    4  not found
    5  forbidden by your profile
    6  conflict, or a hostname that names several machines
    7  server unreachable or not trusted (CA fingerprint mismatch)
    8  banned after too many failed attempts
  130  interrupted at a prompt (Ctrl-C)`;

export function createProgram(ctx: Context): Command {
  const program = new Command('pons')
    .description(
      'Administer a Pons server from the command line: machines, inventory, enrollment tokens, packages, deployments, users, entities, API tokens, audit log.',
    )
    .version(CLI_VERSION, '-v, --version', 'print the version of this CLI')
    .addOption(new Option('--server <url>', 'server address, instead of the one saved at login').env('PONS_SERVER'))
    .configureHelp({ showGlobalOptions: true })
    .configureOutput({
      writeOut: (text) => ctx.io.stdout.write(text),
      writeErr: (text) => ctx.io.stderr.write(text),
      outputError: (text, write) => write(`pons: ${text.replace(/^error: /, '')}`),
    })
    .showHelpAfterError('(add --help for usage)')
    .exitOverride()
    .addHelpText('after', GENERAL_HELP);
  registerAuth(program, ctx);
  registerMachines(program, ctx);
  registerEnrollToken(program, ctx);
  registerEntities(program, ctx);
  registerPackages(program, ctx);
  registerGroups(program, ctx);
  registerDeploy(program, ctx);
  registerUsers(program, ctx);
  registerApiTokens(program, ctx);
  registerAudit(program, ctx);
  registerTunnel(program, ctx);
  return program;
}

function commanderExit(error: CommanderError): ExitCode {
  if (error.code === 'commander.helpDisplayed' || error.code === 'commander.version') return ExitCode.ok;
  // Everything else commander reports (unknown option, bad value, missing argument, no
  // sub-command) is a usage error; it has already printed the message.
  return ExitCode.usage;
}

/** Runs one `pons` invocation and returns its exit code; never throws. */
export async function run(argv: string[], io: Io): Promise<ExitCode> {
  const program = createProgram(new Context(io));
  try {
    await program.parseAsync(argv);
    return ExitCode.ok;
  } catch (error) {
    if (error instanceof CommanderError) return commanderExit(error);
    const report = describeError(error);
    io.stderr.write(`pons: ${report.message}\n${report.hint ? `hint: ${report.hint}\n` : ''}`);
    if (io.env.PONS_DEBUG === '1' && error instanceof Error) io.stderr.write(`${error.stack ?? ''}\n`);
    return report.exitCode;
  }
}
