/** `sla explain`: the whole agreement in plain-language Markdown, built from the hover wording. */
import { escapeMarkdown as md, markdownCode } from '@sla/engine';
import { AstUtils, type AstNode } from 'langium';
import {
    isAgreement, isCalendar, isClause, isCredit, isCreditAmount, isCreditsCap, isDataset, isElapsed, isFee, isInternalTarget, isKpi, isMaintenance, isObjective, isParty,
    isNumberLiteral, isService, isTimeslices, isTimezoneDeclaration, isUptime, isValidity, isWindow, isAggregate, isShare, type Agreement, type Document,
    isExclusion, isFiscalYear, isPlanChoice, isPlanList, isTermination, isTierCondition
} from '../generated/ast.js';
import { exclusionMarkdown, planChoiceMarkdown, planListMarkdown, terminationMarkdown } from './terms-text.js';
import type { SlaTypeComputer } from '../types/type-computer.js';
import { creditMarkdown, creditsCapMarkdown } from './credit-text.js';
import { datasetMarkdown } from './dataset-text.js';
import { calendarMarkdown, clauseMarkdown, feeMarkdown, fiscalYearMarkdown, maintenanceMarkdown, timezoneMarkdown, validityMarkdown } from './declaration-text.js';
import { GLOSSARY, glossaryMarkdown, type GlossaryEntry } from './glossary.js';
import { datasetsReader } from '../model/kpi-reads.js';
import { serviceFee } from '../model/fees.js';
import { kpiMarkdown } from './kpi-text.js';
import { objectiveMarkdown } from './objective-text.js';
import { eachObjectiveMarkdown } from './each-objective-text.js';
import { isScoreType, type Objective } from '../generated/ast.js';
import { isEachObjective } from '../model/each-objective.js';
import { explainClient } from './template-text.js';
import { agreementContext, rememberingAgreementContexts } from './agreement-context.js';
import { declaredElsewhere, usedDeclarations } from './used-declarations.js';

function promiseMarkdown(node: Objective, types: SlaTypeComputer): string {
    return isEachObjective(node) ? eachObjectiveMarkdown(node, types) : objectiveMarkdown(node, types);
}

/** Demotes `**Title**` headings of hover text to plain bold lines inside a section (hovers and explain share text). */
function section(title: string, blocks: string[]): string[] {
    return blocks.length === 0 ? [] : [`## ${title}`, '', ...blocks.flatMap(b => [b, ''])];
}

/** `declared`: the declarations the agreement uses from elsewhere (an imported maintenance needs its entry too). */
function usedGlossary(agreement: Agreement, declared: AstNode[] = []): GlossaryEntry[] {
    const used = new Set<keyof typeof GLOSSARY>();
    const outside = declared.filter(node => AstUtils.getContainerOfType(node, isAgreement) !== agreement);
    for (const node of [agreement, ...outside].flatMap(root => [...AstUtils.streamAst(root)])) {
        if (isWindow(node)) used.add(node.rolling ? 'rollingWindow' : 'calendarWindow');
        else if (isAggregate(node)) used.add(node.function === 'percentile' ? 'percentile' : 'aggregate');
        else if (isShare(node)) used.add('aggregate');
        else if (isUptime(node)) {
            used.add('uptime');
            if (node.exclusions.length > 0) used.add('excluding');
            if (node.available.length > 0) used.add('countedAsAvailable');
            if (node.calendar) used.add('businessHours');
        } else if (isTimeslices(node)) {
            used.add('timeslices');
        } else if (isElapsed(node)) {
            used.add('elapsed');
            used.add(node.calendar ? 'businessHours' : 'wallClock');
            if (node.pauses) used.add('pauses');
        } else if (isScoreType(node)) {
            used.add('score');
        } else if (isObjective(node)) {
            used.add('objective');
            if (isEachObjective(node)) used.add('eachObjective');
            if (node.target?.unit === '%') used.add('errorBudget');
            if (node.scope) used.add('forEach');
            if (node.minimumSample) used.add('minimumSample');
            if (node.inForceFrom !== undefined || node.steps.length > 0) used.add('objectiveTerm');
            if (node.minimum || node.defaultRule) used.add('serviceLevelDefault');
            if (node.improvement) used.add('continuousImprovement');
        } else if (isTierCondition(node) && node.missed) used.add('objectiveTerm');
        else if (isTierCondition(node) && node.default) used.add('serviceLevelDefault'); else if (isNumberLiteral(node) && node.unit?.startsWith('business ')) used.add('businessDays');
        else if (isCredit(node)) used.add('serviceCredit');
        else if (isCreditsCap(node)) {
            used.add('creditsCap');
            if (node.pool) used.add('atRiskAllocation');
        } else if (isCreditAmount(node) && node.ofAtRisk) used.add('atRiskAllocation');
        else if (isInternalTarget(node)) used.add('internalTarget');
        else if (isMaintenance(node)) used.add('maintenance');
        else if (isExclusion(node)) used.add('exclusion');
        else if (isTermination(node)) {
            used.add('termination');
            if (node.defaults) used.add('serviceLevelDefault');
        }
        else if (isClause(node) && node.procedural) used.add('procedural');
        else if (isPlanList(node)) used.add('plan');
    }
    used.add('validity');
    used.add('timezone');
    return (Object.keys(GLOSSARY) as (keyof typeof GLOSSARY)[]).filter(k => used.has(k)).map(k => GLOSSARY[k]);
}

/** Appends one line at a time: a spread of 200,000 lines into push() overflows the stack. */
function append(out: string[], lines: readonly string[]): void {
    for (const line of lines) out.push(line);
}

export function explainAgreement(agreement: Agreement, types: SlaTypeComputer, reads = datasetsReader()): string {
    const out: string[] = [`# ${agreement.name}${agreement.title ? ` — ${md(agreement.title)}` : ''}`, ''];
    const parties = agreement.members.filter(isParty).map(p => `- ${p.role ? p.role.charAt(0).toUpperCase() + p.role.slice(1) : md(p.customRole ?? '')}: ${p.name}${p.title ? ` (${md(p.title)})` : ''}`);
    if (parties.length > 0) append(out, ['## Parties', '', ...parties, '']);
    const terms: string[] = [];
    for (const member of agreement.members) {
        if (isValidity(member)) terms.push(validityMarkdown(member));
        else if (isTimezoneDeclaration(member)) terms.push(timezoneMarkdown(member));
        else if (isFiscalYear(member)) terms.push(fiscalYearMarkdown(member));
        else if (isFee(member)) terms.push(feeMarkdown(member));
    }
    append(out, section('Term, time zone and fee', terms));
    append(out, section('Plans', agreement.members.filter(isPlanList).map(planListMarkdown)));
    // Every calendar, maintenance and dataset the agreement uses, also those of an imported file or a template's catalogue.
    const used = usedDeclarations(agreement);
    const zone = agreementContext(agreement.members[0] ?? agreement).zone;
    const where = (node: AstNode, text: string) => {
        const file = declaredElsewhere(node, agreement);
        if (file === undefined) return text;
        const [title, ...rest] = text.split('\n');
        return [`${title} (declared in ${markdownCode(file)})`, ...rest].join('\n');
    };
    append(out, section('Working calendars', used.calendars.map(c => where(c, calendarMarkdown(c, zone)))));
    append(out, section('Maintenance', used.maintenance.map(m => where(m, maintenanceMarkdown(m, zone)))));
    append(out, section('Data', used.datasets.map(d => where(d, datasetMarkdown(d, declaredElsewhere(d, agreement), agreement)))));
    const topKpis = agreement.members.filter(isKpi);
    const topPromises = agreement.members.filter(isObjective);
    const topCredits = agreement.members.filter(isCredit);
    if (topKpis.length + topPromises.length + topCredits.length > 0) {
        append(out, section('Promises', topPromises.map(o => `- ${promiseMarkdown(o, types)}`)));
        append(out, section('How each KPI is measured', topKpis.map(k => kpiMarkdown(k, types, reads))));
        append(out, section('Service credits', topCredits.map(creditMarkdown)));
    }
    for (const service of agreement.members.filter(isService)) {
        out.push(`## Service ${service.name}${service.title ? ` — ${md(service.title)}` : ''}`, '');
        const fee = serviceFee(service);
        if (fee) append(out, [feeMarkdown(fee), '']);
        const promises = service.members.filter(isObjective).map(o => `- ${promiseMarkdown(o, types)}`);
        if (promises.length > 0) append(out, ['### Promises', '', ...promises, '']);
        const kpis = service.members.filter(isKpi).map(k => kpiMarkdown(k, types, reads));
        if (kpis.length > 0) append(out, ['### How each KPI is measured', '', ...kpis.flatMap(k => [k, ''])]);
        const credits = service.members.filter(isCredit).map(creditMarkdown);
        if (credits.length > 0) append(out, ['### Service credits', '', ...credits.flatMap(c => [c, ''])]);
        // The service's own cap on all its credits (a tower's at-risk amount).
        const caps = service.members.filter(isCreditsCap).map(creditsCapMarkdown);
        if (caps.length > 0) append(out, ['### All credits of the service together', '', ...caps.flatMap(c => [c, ''])]);
        const clauses = service.members.filter(isClause).map(clauseMarkdown);
        if (clauses.length > 0) append(out, ['### Clauses', '', ...clauses.flatMap(c => [c, ''])]);
        const serviceTerms = [...service.members.filter(isPlanChoice).map(planChoiceMarkdown), ...service.members.filter(isExclusion).map(exclusionMarkdown)];
        if (serviceTerms.length > 0) append(out, ['### Plan and exclusions', '', ...serviceTerms.flatMap(c => [c, ''])]);
        const rights = service.members.filter(isTermination).map(terminationMarkdown);
        if (rights.length > 0) append(out, ['### Termination rights', '', ...rights.flatMap(c => [c, ''])]);
        const internal = service.members.filter(isInternalTarget).map(t => `- ${objectiveMarkdown(t, types)}`);
        if (internal.length > 0) append(out, ['### Internal targets', '', ...internal, '']);
    }
    append(out, section('All credits together', agreement.members.filter(isCreditsCap).map(creditsCapMarkdown)));
    append(out, section('Exclusions', agreement.members.filter(isExclusion).map(exclusionMarkdown)));
    append(out, section('Termination rights', agreement.members.filter(isTermination).map(terminationMarkdown)));
    append(out, section('Clauses', agreement.members.filter(isClause).map(clauseMarkdown)));
    const internal = agreement.members.filter(isInternalTarget).map(t => `- ${objectiveMarkdown(t, types)}`);
    if (internal.length > 0) append(out, ['## Internal targets', '', ...internal, '']);
    append(out, ['## Glossary', '', ...usedGlossary(agreement, [...used.calendars, ...used.maintenance, ...used.datasets]).map(e => `- ${glossaryMarkdown(e)}`), '']);
    return out.join('\n').replace(/\n{3,}/g, '\n\n').trimEnd() + '\n';
}

/** Every agreement of a document; a file of shared definitions only explains what it declares. */
export function explainDocument(document: Document, types: SlaTypeComputer): string {
    return rememberingAgreementContexts(() => explainWholeDocument(document, types));
}

function explainWholeDocument(document: Document, types: SlaTypeComputer): string {
    const agreements = document.elements.filter(isAgreement);
    const reads = datasetsReader();
    if (agreements.length > 0) return agreements.map(a => explainClient(a, resolved => explainAgreement(resolved, types, reads)) ?? explainAgreement(a, types, reads)).join('\n');
    const blocks: string[] = [];
    for (const element of document.elements) {
        if (isCalendar(element)) blocks.push(calendarMarkdown(element));
        else if (isMaintenance(element)) blocks.push(maintenanceMarkdown(element));
        else if (isDataset(element)) blocks.push(datasetMarkdown(element));
        else if (isKpi(element)) blocks.push(kpiMarkdown(element, types, reads));
    }
    return ['# Shared definitions', '', ...blocks.flatMap(b => [b, ''])].join('\n').trimEnd() + '\n';
}
