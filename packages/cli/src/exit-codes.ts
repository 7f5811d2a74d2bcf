/** Exit codes of docs/cli.md, shared by every command. */
export const EXIT_OK = 0;
/** validate: errors found; evaluate: at least one objective breached. */
export const EXIT_FINDINGS = 1;
/** The command could not run: missing file, bad flag, document with errors, unreadable data. */
export const EXIT_BAD_INPUT = 2;
