/**
 * Node options to start the language server with. Clients pass them on the command line
 * (`node --max-semi-space-size=8 sla-language-server.cjs --stdio`); the VS Code extension
 * passes them as `execArgv`.
 *
 * V8 sizes its young generation for throughput: on a 64-bit Node without pointer compression
 * it grows to two 64 MB semi-spaces once a program allocates fast, as the server does while
 * it builds a workspace. That memory stays committed for the life of the process. The server
 * keeps its data in the old generation, so a smaller young generation costs little: on the
 * 400-file benchmark the peak RSS is 343–353 MB with it and 417–454 MB without, and the
 * workspace build takes about as long (`npm run bench:lsp` prints both). V8 reads this flag only at start-up, so the
 * server cannot set it on itself.
 */
export const SERVER_NODE_OPTIONS: readonly string[] = ['--max-semi-space-size=8'];

/**
 * The options of {@link SERVER_NODE_OPTIONS} this process was started without, looking at its
 * command line (`process.execArgv`) and at `NODE_OPTIONS`. The server says so in its log: a
 * client that starts it plainly gets a working server that uses more memory.
 */
export function missingServerNodeOptions(execArgv: readonly string[], nodeOptions = ''): string[] {
    const given = new Set([...execArgv, ...nodeOptions.split(/\s+/)]);
    return SERVER_NODE_OPTIONS.filter(option => !given.has(option));
}
