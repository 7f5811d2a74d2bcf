import { Command, CommanderError } from 'commander';
import { registerDiffCommand } from './commands/diff.js';
import { registerEvaluateCommand } from './commands/evaluate.js';
import { registerExplainCommand } from './commands/explain.js';
import { registerFormatCommand } from './commands/format.js';
import { registerInitCommand } from './commands/init.js';
import { registerOpenSloCommands } from './commands/openslo.js';
import { registerSchemaCommand } from './commands/schema.js';
import { registerValidateCommand } from './commands/validate.js';
import { registerSqlCommand } from './commands/sql.js';
import { EXIT_BAD_INPUT } from './exit-codes.js';
import { SLA_VERSION } from './version.js';
import { isPipeClosed, tolerateClosedPipes } from './closed-pipe.js';
import { isSystemError, systemErrorReason } from './system-error.js';

/** Runs the `sla` command line `argv` (as process.argv: node, script, arguments); sets process.exitCode. */
export async function runCli(argv: readonly string[]): Promise<void> {
    tolerateClosedPipes();
    const program = new Command()
        .name('sla')
        .description('Validate, evaluate, explain, compare and format Service Level Agreements written in the SLA language; start one with init, exchange objectives with OpenSLO; print the JSON Schemas of the JSON outputs.')
        .version(SLA_VERSION)
        .exitOverride()
        .showHelpAfterError();

    registerValidateCommand(program);
    registerEvaluateCommand(program);
    registerExplainCommand(program);
    registerDiffCommand(program);
    registerFormatCommand(program);
    registerInitCommand(program);
    registerOpenSloCommands(program);
    registerSqlCommand(program);
    registerSchemaCommand(program);

    try {
        await program.parseAsync([...argv]);
    } catch (error) {
        if (error instanceof CommanderError) {
            // Help and version exit 0; a bad flag or a missing argument is "could not run" (docs/cli.md).
            process.exitCode = error.exitCode === 0 ? 0 : EXIT_BAD_INPUT;
        } else {
            // The reader of the output went away (`| head`): the command's own exit code stands.
            if (isPipeClosed(error)) return;
            // A system error no command foresaw: Node's wording without its code in front, the code after it.
            process.stderr.write(`sla: ${systemErrorReason(error)}${isSystemError(error) ? ` (${error.code})` : ''}\n`);
            process.exitCode = EXIT_BAD_INPUT;
        }
    }
}
