export type { ConnectionConfig, SqlConnection, SqlDialectName, SqlQuery, SqlQueryOptions, SqlResult, SqlValue } from './sql-connection.js';
export { evaluateWithEngines, needsEngines, type EngineEvaluateOptions, type FileEngine } from './evaluate-with-engines.js';
export { openDuckDb, loadDuckDb } from './duckdb-connection.js';
export { quoteIdentifier, SQL_DIALECTS } from './sql-dialect.js';
export { openServerConnection, defaultPasswordEnv } from './server-connection.js';
export { SqlConnectionError, type SqlErrorKind } from './sql-error.js';
export { compileAgreementQueries, formatCompiledQueries, type CompiledQuery } from './compile-agreement.js';
export { nearestRankK } from './pushdown.js';
export { evaluatePortfolioWithEngines } from './portfolio-with-engines.js';
