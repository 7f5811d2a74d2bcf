import type { Command } from 'commander';

export function registerExplainCommand(program: Command): void {
    program.command('explain').description('(not implemented yet)').action(() => {
        throw new Error('sla explain is not implemented yet');
    });
}
