// Starts and stops a scratch code-server (a real VS Code: workbench in the browser,
// extension host in Node) that writes nothing outside its own temporary folder.
import { spawn, spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, openSync, rmSync, writeFileSync } from 'node:fs';
import { freePort } from '../free-port.mjs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CODE_SERVER_ENTRY, SYSTEM_NODE, assertToolsInstalled } from './paths.mjs';

/**
 * A fresh set of HOME/XDG/config/user-data/extensions folders under one temp dir.
 * `settings` are added to the user settings.json.
 */
export function createScratchDirs(label = 'run', settings = {}) {
    const root = mkdtempSync(join(tmpdir(), `sla-e2e-${label}-`));
    const dirs = {
        root,
        home: join(root, 'home'),
        xdgConfig: join(root, 'xdg-config'),
        xdgData: join(root, 'xdg-data'),
        xdgCache: join(root, 'xdg-cache'),
        userData: join(root, 'user-data'),
        extensions: join(root, 'extensions'),
        config: join(root, 'config.yaml'),
        log: join(root, 'code-server.log')
    };
    for (const dir of [dirs.home, dirs.xdgConfig, dirs.xdgData, dirs.xdgCache, dirs.extensions, join(dirs.userData, 'User')]) {
        mkdirSync(dir, { recursive: true });
    }
    writeFileSync(dirs.config, 'auth: none\ncert: false\n');
    // No welcome page, tour, trust prompt or update check to cover the editor in tests.
    writeFileSync(join(dirs.userData, 'User/settings.json'), JSON.stringify({
        'workbench.startupEditor': 'none',
        'workbench.tips.enabled': false,
        'workbench.enableExperiments': false,
        'security.workspace.trust.enabled': false,
        'telemetry.telemetryLevel': 'off',
        'extensions.autoUpdate': false,
        'extensions.autoCheckUpdates': false,
        'update.mode': 'none',
        'git.openRepositoryInParentFolders': 'never',
        ...settings
    }, null, 2));
    return dirs;
}

/** The environment code-server and its extension host run with: scratch HOME/XDG, system Node first. */
export function codeServerEnv(dirs, extra = {}) {
    return {
        ...process.env,
        HOME: dirs.home,
        XDG_CONFIG_HOME: dirs.xdgConfig,
        XDG_DATA_HOME: dirs.xdgData,
        XDG_CACHE_HOME: dirs.xdgCache,
        // npm scripts put the repo's Node 24 first on PATH; code-server's native modules need Node 20.
        PATH: `/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin`,
        ...extra
    };
}

function commonArgs(dirs) {
    return ['--config', dirs.config, '--user-data-dir', dirs.userData, '--extensions-dir', dirs.extensions];
}

/** `code-server --install-extension file.vsix` into the scratch extensions dir. */
export function installExtension(dirs, vsixPath) {
    assertToolsInstalled();
    const result = spawnSync(SYSTEM_NODE, [CODE_SERVER_ENTRY, ...commonArgs(dirs), '--install-extension', vsixPath], {
        env: codeServerEnv(dirs), encoding: 'utf8', timeout: 120_000
    });
    const output = `${result.stdout ?? ''}${result.stderr ?? ''}`;
    if (result.status !== 0) throw new Error(`installing ${vsixPath} failed (exit ${result.status}):\n${output}`);
    return output;
}

async function waitForHealth(url, child, timeoutMs) {
    const deadline = Date.now() + timeoutMs;
    while (Date.now() < deadline) {
        if (child.exitCode !== null) throw new Error(`code-server exited with code ${child.exitCode} before answering /healthz`);
        try {
            const response = await fetch(`${url}/healthz`);
            if (response.ok) return;
        } catch {
            // not listening yet
        }
        await new Promise((resolve) => setTimeout(resolve, 200));
    }
    throw new Error(`code-server did not answer ${url}/healthz within ${timeoutMs} ms`);
}

/**
 * Starts code-server on a free port, in its own process group (so that stop() also ends
 * the extension hosts and language servers it spawned). Resolves once /healthz answers.
 * @param {{ label?: string, settings?: object, dirs?: ReturnType<typeof createScratchDirs>, env?: Record<string,string>, keepScratch?: boolean }} options
 */
export async function startCodeServer(options = {}) {
    assertToolsInstalled();
    const dirs = options.dirs ?? createScratchDirs(options.label, options.settings);
    const port = await freePort(); // below the range outgoing connections draw from (test/free-port.mjs)
    const url = `http://127.0.0.1:${port}`;
    const logFd = openSync(dirs.log, 'a');
    const child = spawn(SYSTEM_NODE, [
        CODE_SERVER_ENTRY, ...commonArgs(dirs),
        '--auth', 'none', '--bind-addr', `127.0.0.1:${port}`,
        '--disable-telemetry', '--disable-update-check', '--disable-workspace-trust', '--disable-getting-started-override'
    ], { env: codeServerEnv(dirs, options.env), detached: true, stdio: ['ignore', logFd, logFd] });
    const exited = new Promise((resolve) => child.once('exit', resolve));

    let stopped = false;
    const stop = async () => {
        if (stopped) return;
        stopped = true;
        process.off('exit', stopOnExit);
        killGroup(child.pid, 'SIGTERM');
        const ended = await Promise.race([exited.then(() => true), new Promise((resolve) => setTimeout(() => resolve(false), 5_000))]);
        // The group may still hold an extension host or a language server: end them all.
        killGroup(child.pid, 'SIGKILL');
        if (!ended) await exited;
        if (!options.keepScratch) rmSync(dirs.root, { recursive: true, force: true });
    };
    const stopOnExit = () => killGroup(child.pid, 'SIGKILL');
    process.on('exit', stopOnExit);

    try {
        await waitForHealth(url, child, 30_000);
    } catch (error) {
        options.keepScratch = true;
        await stop();
        throw new Error(`${error.message}; log: ${dirs.log}`);
    }
    return { url, port, dirs, pid: child.pid, stop };
}

function killGroup(pid, signal) {
    try {
        process.kill(-pid, signal);
    } catch {
        // the group is gone already
    }
}
