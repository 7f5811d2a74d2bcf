/**
 * Garbage on the server's stdin (random bytes, a negative or non-numeric Content-Length, a
 * body that is not JSON) must not leave the server alive but deaf: it either answers a valid
 * request sent afterwards, or exits with a non-zero code and says why on stderr, so that the
 * client restarts it (issue 13, item 8).
 */
import { spawn } from 'node:child_process';
import * as path from 'node:path';
import { describe, expect, test } from 'vitest';
import { random } from '../../packages/language/test/random.js';

const root = path.resolve(__dirname, '../..');
const server = path.join(root, 'packages/language/out/main.js');

function frame(message: object): Buffer {
    const body = Buffer.from(JSON.stringify(message), 'utf8');
    return Buffer.concat([Buffer.from(`Content-Length: ${body.length}\r\n\r\n`, 'ascii'), body]);
}

const INITIALIZE = frame({ jsonrpc: '2.0', id: 1, method: 'initialize', params: { processId: null, rootUri: null, capabilities: {} } });

function randomBytes(seed: number, length: number): Buffer {
    const next = random(seed);
    return Buffer.from(Array.from({ length }, () => Math.floor(next() * 256)));
}

const GARBAGE: Array<[string, Buffer]> = [
    ['random bytes', randomBytes(13, 2_000)],
    ['more random bytes', randomBytes(8, 300)],
    ['Content-Length: -5', Buffer.from('Content-Length: -5\r\n\r\n')],
    ['abc', Buffer.from('abc')],
    ['Content-Length: 1e12', Buffer.from('Content-Length: 1e12\r\n\r\n')],
    ['Content-Length: abc', Buffer.from('Content-Length: abc\r\n\r\n{}')],
    ['a header without Content-Length', Buffer.from('Content-Type: text/plain\r\n\r\n')],
    ['a body that is not JSON', Buffer.from('Content-Length: 5\r\n\r\nhello')]
];

type Outcome = { answered: true } | { answered: false; code: number | null; stderr: string };

/** Sends garbage then a valid initialize; waits for the answer or the exit. */
function afterGarbage(garbage: Buffer, timeoutMs = 15_000): Promise<Outcome> {
    return new Promise((resolve, reject) => {
        const child = spawn(process.execPath, [server, '--stdio'], { stdio: 'pipe' });
        let stdout = '';
        let stderr = '';
        const timer = setTimeout(() => {
            child.kill();
            reject(new Error(`neither an answer nor an exit within ${timeoutMs} ms; stderr: ${stderr}`));
        }, timeoutMs);
        child.stdout.on('data', chunk => {
            stdout += chunk;
            // The answer to request 1, whatever else was written before it.
            if (/"id":1[,}]/.test(stdout) && /"result"/.test(stdout)) {
                clearTimeout(timer);
                child.kill();
                resolve({ answered: true });
            }
        });
        child.stderr.on('data', chunk => { stderr += chunk; });
        child.on('exit', code => {
            clearTimeout(timer);
            resolve({ answered: false, code, stderr });
        });
        child.stdin.on('error', () => { /* the server may exit before all is written */ });
        child.stdin.write(garbage);
        setTimeout(() => child.stdin.write(INITIALIZE), 200);
    });
}

describe('garbage on stdin', () => {
    test.each(GARBAGE)('%s: answered, or exit with a code and a reason', async (_name, garbage) => {
        const outcome = await afterGarbage(garbage);
        if (!outcome.answered) {
            expect(outcome.code).not.toBe(0);
            expect(outcome.code).not.toBeNull();
            expect(outcome.stderr).toMatch(/SLA language server: exiting: (unreadable input on stdin|a message on stdin stayed incomplete)/);
        }
    }, 20_000);

    test('a clean session still answers (the watch does not get in the way)', async () => {
        expect(await afterGarbage(Buffer.alloc(0))).toEqual({ answered: true });
    }, 20_000);
});
