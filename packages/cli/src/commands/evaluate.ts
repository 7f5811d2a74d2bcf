import type { Command } from 'commander';

export function registerEvaluateCommand(program: Command): void {
    program.command('evaluate').description('(not implemented yet)').action(() => {
        throw new Error('sla evaluate is not implemented yet');
    });
}
