/** Version of the CLI, shown by `pons --version` and sent as the user agent. */
export const CLI_VERSION = '0.1.0';
