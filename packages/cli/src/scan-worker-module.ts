import { existsSync } from 'node:fs';

/** The scan worker bundled beside the CLI bundle (esbuild.mjs makes both in one run). */
export const BUNDLED_SCAN_WORKER = 'sla-scan-worker.mjs';

/**
 * The module of the engine's scan worker thread: when this code runs from the CLI bundle
 * (out/bundle/sla.mjs), the worker bundled beside it, which starts faster than the engine's
 * ≈ 100 modules and is made from the same compiled code; otherwise the engine's own.
 */
export function scanWorkerModule(here: string = import.meta.url): URL {
    const bundled = new URL(`./${BUNDLED_SCAN_WORKER}`, here);
    return existsSync(bundled) ? bundled : new URL(import.meta.resolve('@sla/engine/scan-worker'));
}
