import type { Command } from 'commander';

export function registerValidateCommand(program: Command): void {
    program.command('validate').description('(not implemented yet)').action(() => {
        throw new Error('sla validate is not implemented yet');
    });
}
