import type { SlaServices } from '@sla/language';

/** Language services created ahead of time (the start-up snapshot's, snapshot-entry.ts), given out once. */
let prepared: SlaServices | undefined;

/** Hands `services` (fresh, nothing loaded into them) to the next command that asks for services. */
export function prepareSlaServices(services: SlaServices): void {
    prepared = services;
}

/**
 * Fresh language services for one command: those prepared ahead of time when there are, else
 * new ones (`createSlaServices(SlaNodeFileSystem).Sla`, as loadSlaFiles makes without services).
 */
export async function cliSlaServices(): Promise<SlaServices> {
    const services = prepared;
    prepared = undefined;
    if (services !== undefined) return services;
    const { createSlaServices } = await import('@sla/language');
    const { SlaNodeFileSystem } = await import('@sla/language/node');
    return createSlaServices(SlaNodeFileSystem).Sla;
}
