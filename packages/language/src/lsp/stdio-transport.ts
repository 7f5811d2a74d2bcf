import * as net from 'node:net';
import { SocketMessageReader, SocketMessageWriter, StreamMessageReader, StreamMessageWriter, type MessageReader, type MessageWriter } from 'vscode-languageserver/node';

/** How long the server waits for the rest of a message whose header promised more bytes. */
export const PARTIAL_MESSAGE_LIMIT_MS = 30_000;

/**
 * The stdio transport, watched: input that is not LSP framing (random bytes, a
 * `Content-Length` that is negative or not a number, a body that is not JSON) leaves
 * vscode-jsonrpc's reader waiting forever for a header it will never find. The server then
 * exits with a reason on stderr and a non-zero code, so that the client restarts it,
 * instead of living on deaf.
 */
export function watchedStdio(exit: (reason: string) => never): { reader: MessageReader; writer: MessageWriter } {
    const reader = new StreamMessageReader(process.stdin);
    const writer = new StreamMessageWriter(process.stdout);
    watch(reader, writer, 'stdin', 'stdout', exit);
    // What vscode-languageserver does for its own stdio transport: the client closing stdin ends the server.
    process.stdin.on('end', () => process.exit(1));
    process.stdin.on('close', () => process.exit(1));
    // Anything logged must not reach stdout, which carries the protocol.
    for (const method of ['log', 'info', 'debug'] as const) console[method] = (...args: unknown[]) => console.error(...args);
    return { reader, writer };
}

/**
 * The socket transport of `--socket=PORT` (the server connects to the client's port on this
 * machine, as vscode-languageserver does), watched like stdio: garbage on the socket left
 * the server connected and deaf.
 */
export function watchedSocket(port: number, exit: (reason: string) => never): { reader: MessageReader; writer: MessageWriter } {
    const socket = net.createConnection(port, '127.0.0.1');
    const reader = new SocketMessageReader(socket);
    const writer = new SocketMessageWriter(socket);
    watch(reader, writer, 'the socket', 'the socket', exit);
    socket.on('error', error => exit(`socket error: ${error.message}`));
    // The client closing the connection ends the server, as closing stdin does.
    socket.on('close', () => process.exit(1));
    return { reader, writer };
}

/** The port of `--socket=PORT` among the server's arguments, if any. */
export function socketPort(argv: readonly string[]): number | undefined {
    const argument = argv.find(arg => arg.startsWith('--socket='));
    if (!argument) return undefined;
    const port = Number(argument.slice('--socket='.length));
    return Number.isInteger(port) && port > 0 && port < 65_536 ? port : undefined;
}

function watch(reader: MessageReader, writer: MessageWriter, input: string, output: string, exit: (reason: string) => never): void {
    reader.onError(error => exit(`unreadable input on ${input}: ${error.message}`));
    reader.onPartialMessage(info => {
        if (info.waitingTime >= PARTIAL_MESSAGE_LIMIT_MS) exit(`a message on ${input} stayed incomplete for ${Math.round(info.waitingTime / 1000)} s`);
    });
    writer.onError(([error]) => exit(`cannot write to ${output}: ${error.message}`));
}

/** Logs why the server stops, then stops with code 1. */
export function exitWithReason(reason: string): never {
    process.stderr.write(`SLA language server: exiting: ${reason}\n`);
    process.exit(1);
}
