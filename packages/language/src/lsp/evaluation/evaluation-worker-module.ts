/**
 * Where the evaluation worker is, beside the running language server:
 * - bundled (esbuild, CommonJS: sla-language-server.cjs, or the VS Code extension's
 *   out/server.cjs): `evaluation-worker.cjs` in the same folder (both esbuild.mjs write it);
 * - as tsc built it (ES modules, `node out/main.js`): out/lsp/evaluation/evaluation-worker.js.
 */
import { dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';

/** The file name of the evaluation worker's bundle, beside the server's bundle. */
const EVALUATION_WORKER_BUNDLE = 'evaluation-worker.cjs';

export function evaluationWorkerModule(): URL {
    // `__filename` exists in CommonJS only, that is in a bundle; there it names the bundle.
    if (typeof __filename === 'string') return pathToFileURL(join(dirname(__filename), EVALUATION_WORKER_BUNDLE));
    return new URL('./evaluation-worker.js', import.meta.url);
}
