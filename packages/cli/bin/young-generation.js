// `sla` runs with V8's young generation capped, as the language server ships
// (`--max-semi-space-size=8`, packages/language/src/lsp/server-node-options.ts). Without it V8
// grows the young generation to two 64 MB halves as soon as a program allocates fast, as a
// portfolio evaluation does, and keeps that memory committed: `sla evaluate` of 400 client
// agreements over a 10M-row log peaked at 556–565 MB RSS without the flag and at 404 MB with
// it, and ran faster (docs/cli.md, "Memory"). V8 reads the flag only when the process starts,
// so a process started without it starts itself again with it.

/** The Node option `sla` runs with. */
export const YOUNG_GENERATION_OPTION = '--max-semi-space-size=8';

/** Set in the relaunched process: it never relaunches again, whatever its command line says. */
const RELAUNCHED = 'SLA_RELAUNCHED';

/**
 * Whether this process must start again with {@link YOUNG_GENERATION_OPTION}: not when it was
 * started with any `--max-semi-space-size` (a user's own choice wins), on its command line or
 * in NODE_OPTIONS, and not in the relaunched process itself.
 */
export function needsRelaunch(execArgv = process.execArgv, env = process.env) {
    if (env[RELAUNCHED] !== undefined) return false;
    const given = [...execArgv, ...(env.NODE_OPTIONS ?? '').split(/\s+/)];
    return !given.some(option => /^--max[-_]semi[-_]space[-_]size(=|$)/.test(option));
}

/**
 * Starts this script again on the same Node with the option (and `moreNodeOptions`, such as the
 * start-up snapshot's `--snapshot-blob PATH`), the same arguments, environment
 * and standard streams. On Node 23.11+ (POSIX) the process image is replaced (process.execve):
 * same process id, exit code and signals as a plain start, no second process left waiting.
 * Elsewhere a child process is started with the streams inherited; its exit code (or the signal
 * that ended it) is passed on, and SIGINT/SIGTERM/SIGHUP sent to this process reach it.
 * Returns only if the relaunch could not happen (then `sla` runs here, unchanged).
 */
export async function relaunchWithYoungGenerationCap(moreNodeOptions = []) {
    const args = [YOUNG_GENERATION_OPTION, ...process.execArgv, ...moreNodeOptions, ...process.argv.slice(1)];
    const env = { ...process.env, [RELAUNCHED]: '1' };
    if (typeof process.execve === 'function') {
        try {
            process.execve(process.execPath, [process.execPath, ...args], env);
        } catch {
            // e.g. not permitted here: fall through to a child process.
        }
    }
    const { spawn } = await import('node:child_process');
    let child;
    try {
        child = spawn(process.execPath, args, { stdio: 'inherit', env, windowsHide: true });
    } catch {
        return;
    }
    const started = await new Promise(resolve => {
        child.once('spawn', () => resolve(true));
        child.once('error', () => resolve(false));
    });
    if (!started) return;
    const forward = signal => () => child.kill(signal);
    const handlers = ['SIGINT', 'SIGTERM', 'SIGHUP'].map(signal => [signal, forward(signal)]);
    for (const [signal, handler] of handlers) process.on(signal, handler);
    const [code, signal] = await new Promise(resolve => child.once('exit', (c, s) => resolve([c, s])));
    for (const [name, handler] of handlers) process.off(name, handler);
    if (signal !== null) {
        // Ended by a signal: end the same way (a shell then shows 130 for Ctrl-C, as without a relaunch).
        process.kill(process.pid, signal);
        await new Promise(resolve => setTimeout(resolve, 1000));
    }
    process.exit(code ?? 1);
}
