import type cliProgress from 'cli-progress';

/**
 * A progress bar on stderr for long evaluations, only when stderr is a terminal (never in
 * pipes, CI logs or tests), and only once reading takes more than a moment. The bar's
 * library is loaded only then.
 */
export async function createProgressReporter(): Promise<{ update: (done: number, total: number) => void; stop: () => void }> {
    if (!process.stderr.isTTY) return { update: () => undefined, stop: () => undefined };
    const { default: cliProgress } = await import('cli-progress');
    const started = Date.now();
    let bar: cliProgress.SingleBar | undefined;
    return {
        update(done, total) {
            if (!bar) {
                if (Date.now() - started < 500 || total <= 0) return;
                bar = new cliProgress.SingleBar({
                    stream: process.stderr,
                    format: 'Reading data [{bar}] {percentage}% | {value}/{total} MB',
                    hideCursor: true
                }, cliProgress.Presets.shades_classic);
                bar.start(Math.ceil(total / 1e6), 0);
            }
            bar.update(Math.floor(done / 1e6));
        },
        stop() {
            bar?.stop();
        }
    };
}
