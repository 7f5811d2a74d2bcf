import type { Module } from 'langium';
import type { PartialLangiumServices } from 'langium/lsp';
import type { SlaServices } from '../sla-module.js';
import { registerFallbackSyntaxChecks } from './fallback-syntax.js';

/**
 * Validation services of the SLA language. The checks themselves live in files split by
 * concern (windows, units, credits, …) and are registered in `registerValidationChecks`.
 */
export const SlaValidationModule: Module<SlaServices, PartialLangiumServices> = {};

/** Registers every check of DIAGNOSTICS.md with Langium's validation registry. */
export function registerValidationChecks(services: SlaServices): void {
    registerFallbackSyntaxChecks(services);
}
