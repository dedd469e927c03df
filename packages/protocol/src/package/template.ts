/**
 * Template variables replaced in a step's command and values before it runs. Medulla's names are
 * kept so that its packagers' scripts work unchanged; each has a short name too.
 */
export interface TemplateValues {
  /** Absolute path of the package directory on the machine. */
  packageDir: string;
  /** The deployment this job belongs to. */
  deploymentId: string;
  /** The return code of the last command that ran in this job ('' before the first). */
  lastExitCode: number | null;
}

const NAMES: Array<[RegExp, (v: TemplateValues) => string]> = [
  [/@@@PACKAGE_DIRECTORY_ABS_MACHINE@@@|\{\{\s*packageDir\s*\}\}/g, (v) => v.packageDir],
  [/@@@SESSION_ID@@@|\{\{\s*deploymentId\s*\}\}/g, (v) => v.deploymentId],
  [/@@@PREC_RETURNCODE@@@|\{\{\s*lastExitCode\s*\}\}/g, (v) => (v.lastExitCode === null ? '' : String(v.lastExitCode))],
];

export const templateVariableNames = ['packageDir', 'deploymentId', 'lastExitCode'] as const;

export function applyTemplate(text: string, values: TemplateValues): string {
  let out = text;
  for (const [pattern, value] of NAMES) out = out.replace(pattern, () => value(values));
  return out;
}
