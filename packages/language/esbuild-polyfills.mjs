// Langium's parser library uses Object.groupBy and Map.groupBy (ES2024). Clients may start
// the server with an older Node (Debian's Node 20, code-server's extension host): both
// bundles of the server (this package's and the VS Code extension's) define them when missing.
export const groupByPolyfill = `if (typeof Object.groupBy !== 'function') {
  Object.groupBy = function (items, keyOf) { const groups = Object.create(null); let i = 0;
    for (const item of items) { const key = keyOf(item, i++); (groups[key] ??= []).push(item); } return groups; };
}
if (typeof Map.groupBy !== 'function') {
  Map.groupBy = function (items, keyOf) { const groups = new Map(); let i = 0;
    for (const item of items) { const key = keyOf(item, i++); if (!groups.has(key)) groups.set(key, []); groups.get(key).push(item); } return groups; };
}`;
