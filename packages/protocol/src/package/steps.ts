import { Type, type Static } from '@sinclair/typebox';

/**
 * The steps of a package's sequence, as Medulla's xmppdeploy.json knows them (run a command,
 * branch on its return code, reboot, wait, notify, set an environment variable, unzip, end with
 * success or error), written so that each step says plainly what it does.
 */

/** A step's name, the target of a branch. `END_SUCCESS` and `END_ERROR` are reserved, as in Medulla. */
export const StepLabel = Type.String({ pattern: '^[A-Za-z_][A-Za-z0-9_.-]{0,63}$', description: 'A name branches can jump to' });
export { END_ERROR, END_SUCCESS } from './labels.js';

/**
 * A return-code test, as Medulla writes them: `0` or `==0`, `!=0`, `<n`, `<=n`, `>n`, `>=n`,
 * `IN 1,2,3`, `OUT 1,2`. See `parseReturnCodeCondition`.
 */
export const ReturnCodeCondition = Type.String({
  pattern: '^\\s*(?:(?:==|!=|<=|>=|<|>)?\\s*-?\\d{1,10}|(?:IN|OUT)\\s*-?\\d{1,10}(?:\\s*,\\s*-?\\d{1,10}){0,63})\\s*$',
  description: 'A test on the return code: 0, ==0, !=0, <n, <=n, >n, >=n, IN a,b, OUT a,b',
});

/** How a command is run: through a shell of the target OS, or as a program with arguments. */
export const Shell = Type.Union([
  Type.Literal('sh'),
  Type.Literal('bash'),
  Type.Literal('powershell'),
  Type.Literal('cmd'),
  Type.Literal('exec'),
]);

/** A file name inside the package directory: relative, forward slashes, no `..`. */
export const PackageFileName = Type.String({
  minLength: 1,
  maxLength: 255,
  pattern: '^(?!.*(?:^|/)\\.\\.?(?:/|$))[^/\\\\:*?"<>|\\x00-\\x1f][^\\\\:*?"<>|\\x00-\\x1f]*$',
  description: 'A relative path inside the package directory (forward slashes, no "..")',
});

const base = {
  label: Type.Optional(StepLabel),
  /** Where to go after this step succeeded, instead of the next step. */
  next: Type.Optional(StepLabel),
  comment: Type.Optional(Type.String({ maxLength: 500 })),
};

export const Branch = Type.Object(
  { when: ReturnCodeCondition, goto: StepLabel },
  { additionalProperties: false, description: 'Jump to `goto` when the return code passes `when`' },
);

export const RunStep = Type.Object(
  {
    ...base,
    action: Type.Literal('run'),
    shell: Shell,
    /** The script or command line; template variables are replaced before it runs. */
    command: Type.String({ minLength: 1, maxLength: 65_536 }),
    /** Killed (with every process it started) past this many seconds; Medulla's default is 800. */
    timeoutS: Type.Optional(Type.Integer({ minimum: 1, maximum: 7 * 86_400, description: '800 when absent' })),
    /** Return codes that mean success when no branch matched; `[0]` unless given. */
    successCodes: Type.Optional(Type.Array(Type.Integer(), { minItems: 1, maxItems: 64 })),
    /** Tried in order before `successCodes`; the first that matches decides where to go. */
    branches: Type.Optional(Type.Array(Branch, { maxItems: 32 })),
    /** Where to go when the step fails (a code not in `successCodes`, or a timeout) instead of failing the job. */
    onFailure: Type.Optional(StepLabel),
  },
  { additionalProperties: false },
);

export const RebootStep = Type.Object(
  {
    ...base,
    action: Type.Literal('reboot'),
    /** Said to the logged-in user before the machine restarts. */
    message: Type.Optional(Type.String({ maxLength: 500 })),
    delayS: Type.Optional(Type.Integer({ minimum: 0, maximum: 3600, description: '0 when absent' })),
  },
  { additionalProperties: false },
);

export const WaitStep = Type.Object(
  { ...base, action: Type.Literal('wait'), seconds: Type.Integer({ minimum: 1, maximum: 86_400 }) },
  { additionalProperties: false },
);

export const NotifyStep = Type.Object(
  {
    ...base,
    action: Type.Literal('notify'),
    title: Type.Optional(Type.String({ maxLength: 200 })),
    message: Type.String({ minLength: 1, maxLength: 2000 }),
  },
  { additionalProperties: false },
);

export const SetEnvStep = Type.Object(
  {
    ...base,
    action: Type.Literal('setenv'),
    name: Type.String({ pattern: '^[A-Za-z_][A-Za-z0-9_]{0,127}$' }),
    value: Type.String({ maxLength: 8192 }),
  },
  { additionalProperties: false },
);

export const UnzipStep = Type.Object(
  {
    ...base,
    action: Type.Literal('unzip'),
    file: PackageFileName,
    /** A directory relative to the package directory; the package directory itself when absent. */
    to: Type.Optional(PackageFileName),
  },
  { additionalProperties: false },
);

export const SuccessStep = Type.Object({ ...base, action: Type.Literal('success') }, { additionalProperties: false });

export const ErrorStep = Type.Object(
  { ...base, action: Type.Literal('error'), message: Type.Optional(Type.String({ maxLength: 2000 })) },
  { additionalProperties: false },
);

export const Step = Type.Union([RunStep, RebootStep, WaitStep, NotifyStep, SetEnvStep, UnzipStep, SuccessStep, ErrorStep]);

export type StepLabel = Static<typeof StepLabel>;
export type Shell = Static<typeof Shell>;
export type Branch = Static<typeof Branch>;
export type RunStep = Static<typeof RunStep>;
export type RebootStep = Static<typeof RebootStep>;
export type Step = Static<typeof Step>;
export type StepAction = Step['action'];

export const DEFAULT_STEP_TIMEOUT_S = 800;
