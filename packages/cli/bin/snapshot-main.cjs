// The script node runs when bin/sla.js starts it from the CLI's start-up snapshot
// (src/snapshot-entry.ts): `node --snapshot-blob out/bundle/sla.blob bin/snapshot-main.cjs BIN ARGS…`.
// The heap holds the loaded CLI; this puts back the command line as bin/sla.js had it
// (node, BIN, ARGS…) and runs it.
'use strict';
const path = require('node:path');

const main = globalThis.__SLA_SNAPSHOT_MAIN__;
if (typeof main !== 'function') {
    process.stderr.write('sla: the start-up snapshot is not the CLI\'s (rebuild with npm run build)\n');
    process.exit(2);
}
process.argv.splice(1, 2, process.argv[2]);
// import() works in this script, not in code from the snapshot: the bundle's dynamic imports (the
// optional database clients) come here (esbuild.mjs).
main(path.join(__dirname, '..', 'out', 'bundle', 'sla-snapshot.cjs'), (specifier) => import(specifier));
