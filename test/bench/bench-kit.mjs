// Scaffolding the benchmarks share: where the repository and the CLI are, the command line,
// a seeded random generator, a chunked writer for large generated CSVs, and running the CLI
// as a child process with its wall time, CPU time and peak RSS.
import { spawn } from 'node:child_process';
import { createWriteStream, existsSync, readFileSync, renameSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
export const NODE = join(ROOT, 'node_modules/.bin/node');
export const CLI = join(ROOT, 'packages/cli/bin/sla.js');
const TIME = '/usr/bin/time';

// ---------------------------------------------------------------- command line
/**
 * The bench's options: `numbers` take a positive whole number (`10_000_000` and `10,000,000`
 * read too), `choices` one of a list or `both`, `flags` nothing. Any other `--option`, or one
 * without its value, is an error before anything runs.
 */
export function commandLine({ numbers = [], choices = [], flags = [] }, argv = process.argv.slice(2)) {
    for (let i = 0; i < argv.length; i++) {
        const arg = argv[i];
        if (!arg.startsWith('--')) continue;
        if (numbers.includes(arg) || choices.includes(arg)) {
            if (argv[i + 1] === undefined) throw new Error(`${arg} needs a value`);
            i++;
        } else if (!flags.includes(arg)) throw new Error(`unknown option ${arg}`);
    }
    return {
        number(name, fallback) {
            const index = argv.indexOf(name);
            if (index < 0) return fallback;
            const value = Number(String(argv[index + 1]).replaceAll('_', '').replaceAll(',', ''));
            if (!Number.isInteger(value) || value <= 0) throw new Error(`${name} needs a positive whole number`);
            return value;
        },
        /** The chosen values: `[value]`, all of `values` for `both`, or `fallback`. */
        choice(name, values, fallback) {
            const index = argv.indexOf(name);
            if (index < 0) return fallback;
            const value = argv[index + 1];
            if (value === 'both') return values;
            if (!values.includes(value)) throw new Error(`${name} is one of ${values.join(', ')}, both`);
            return [value];
        },
        flag: (name) => argv.includes(name)
    };
}

// ---------------------------------------------------------------- data
/** mulberry32: small seeded PRNG, so every run and machine sees the same data. */
export function prng(seed) {
    let state = seed >>> 0;
    return () => {
        state = (state + 0x6d2b79f5) >>> 0;
        let t = state;
        t = Math.imul(t ^ (t >>> 15), t | 1);
        t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
        return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
    };
}

/**
 * Writes `header` and `line(0) … line(count - 1)` (each ending in its own newline) to `path`
 * in 1 MB chunks, through `path.partial` renamed at the end, so that an interrupted run never
 * leaves a file that looks complete.
 */
export async function writeLines(path, header, count, line) {
    const partial = `${path}.partial`;
    const out = createWriteStream(partial, { highWaterMark: 1 << 22 });
    let chunk = `${header}\n`;
    for (let i = 0; i < count; i++) {
        chunk += line(i);
        if (chunk.length >= 1 << 20) {
            if (!out.write(chunk)) await new Promise((r) => out.once('drain', r));
            chunk = '';
        }
    }
    out.write(chunk);
    await new Promise((resolveEnd, reject) => {
        out.on('error', reject);
        out.end(resolveEnd);
    });
    renameSync(partial, path);
}

// ---------------------------------------------------------------- child process
/**
 * Runs `node args…` in `cwd`; wall time from spawn to exit; peak RSS and CPU (user + sys)
 * from /usr/bin/time -v, else peak RSS by polling /proc (CPU then NaN).
 */
export function runChild(args, cwd = ROOT) {
    const useTime = existsSync(TIME);
    const [command, commandArgs] = useTime ? [TIME, ['-v', NODE, ...args]] : [NODE, args];
    return new Promise((resolveRun, reject) => {
        const started = performance.now();
        const child = spawn(command, commandArgs, { cwd, stdio: ['ignore', 'pipe', 'pipe'] });
        let stdout = '';
        let stderr = '';
        child.stdout.on('data', (d) => (stdout += d));
        child.stderr.on('data', (d) => (stderr += d));
        let polledKb = 0;
        const poll = useTime
            ? undefined
            : setInterval(() => {
                  try {
                      const status = readFileSync(`/proc/${child.pid}/status`, 'utf8');
                      for (const key of ['VmHWM', 'VmRSS']) {
                          const m = new RegExp(`${key}:\\s+(\\d+) kB`).exec(status);
                          if (m) polledKb = Math.max(polledKb, Number(m[1]));
                      }
                  } catch {
                      /* exited */
                  }
              }, 20);
        child.on('error', reject);
        child.on('close', (code) => {
            const ms = performance.now() - started;
            if (poll) clearInterval(poll);
            let peakKb = polledKb;
            let exit = code;
            let cpuMs = NaN;
            if (useTime) {
                const m = /Maximum resident set size \(kbytes\): (\d+)/.exec(stderr);
                peakKb = m ? Number(m[1]) : NaN;
                const user = /User time \(seconds\): ([\d.]+)/.exec(stderr);
                const sys = /System time \(seconds\): ([\d.]+)/.exec(stderr);
                cpuMs = user && sys ? (Number(user[1]) + Number(sys[1])) * 1000 : NaN;
                const e = /Exit status: (\d+)/.exec(stderr);
                if (e) exit = Number(e[1]);
                stderr = stderr.replace(/\n?\s*Command (being timed|exited)[\s\S]*$/, '');
            }
            resolveRun({ ms, cpuMs, peakMB: (peakKb * 1024) / 1e6, exit, stdout, stderr, rssMethod: useTime ? '/usr/bin/time -v' : '/proc polling' });
        });
    });
}
