/**
 * Evaluation reads the data files an agreement names: in a workspace the user has not
 * trusted, a malicious .sla could point it at any file. Why it is refused, and how to
 * allow it, or undefined when evaluation may run.
 */
export function evaluationBlockedReason(isTrusted: boolean): string | undefined {
    if (isTrusted) return undefined;
    return 'SLA evaluation is disabled in Restricted Mode: it reads the data files the agreement names, '
        + 'and this workspace is not trusted. Trust the workspace (command "Workspaces: Manage Workspace Trust") to evaluate.';
}
