// Before `npm test`: the SQL tests start throw-away PostgreSQL 15 and ClickHouse servers
// (packages/engine/test/sql-servers). On a fresh Debian machine their packages are installed
// here, so README's test command works as it stands; elsewhere this says what to install.
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';

const onPath = (command) => {
    try {
        execFileSync('sh', ['-c', `command -v ${command}`], { stdio: 'ignore' });
        return true;
    } catch {
        return false;
    }
};

const missing = [];
if (!existsSync('/usr/lib/postgresql/15/bin/initdb')) missing.push('postgresql-15');
if (!onPath('clickhouse-server')) missing.push('clickhouse-server');
if (!onPath('clickhouse-client')) missing.push('clickhouse-client');

if (missing.length > 0) {
    const canInstall = process.getuid?.() === 0 && onPath('apt-get');
    if (!canInstall) {
        console.error(`The SQL tests need ${missing.join(', ')} (Debian packages). Install them, e.g. sudo apt-get install -y ${missing.join(' ')}, then run npm test again.`);
        process.exit(1);
    }
    console.log(`Installing ${missing.join(', ')} for the SQL tests (apt-get)…`);
    execFileSync('apt-get', ['update', '-qq'], { stdio: 'inherit' });
    execFileSync('apt-get', ['install', '-y', '-qq', ...missing], { stdio: 'inherit', env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' } });
}
