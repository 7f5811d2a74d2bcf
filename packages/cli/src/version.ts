/** The version `sla --version` prints, and the tool version SARIF logs name (packages/cli/package.json's). */
export const SLA_VERSION = '0.1.0';
