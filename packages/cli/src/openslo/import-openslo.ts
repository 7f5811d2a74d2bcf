/**
 * OpenSLO v1 objects back into an agreement (docs/cli.md, "sla import openslo"). The
 * objectives are read from OpenSLO's own fields — budgeting method, ratio or threshold
 * metric, `op`/`value`/`target`, time window — as the export writes them (see
 * export-openslo.ts for each reading); the agreement's other terms (parties, validity,
 * fee, credits, calendars, maintenance, datasets) come from this project's annotations.
 * Metric sources must be of type `SLA` (queries in the SLA formula language): a PromQL
 * or Datadog query cannot become a formula, and is refused by name rather than guessed.
 */
import {
    ANNOTATION_PREFIX, SLA_SOURCE_TYPE, comparisonOf,
    type MetricSource, type OpenSloObject, type SliSpec, type SloSpec, type TimeWindow
} from './openslo-document.js';
import { decimalComplementOf100, decimalTextOf, decimalTimes100 } from './decimal-text.js';

export class OpenSloImportError extends Error {
    constructor(readonly problems: string[]) {
        super(problems.join('\n'));
    }
}

const A = (name: string): string => `${ANNOTATION_PREFIX}${name}`;
const ROLLING_WORDS: Record<string, string> = { m: 'minutes', h: 'hours', d: 'days', w: 'weeks' };
const CALENDAR_WORDS: Record<string, string> = { d: 'day', w: 'week', M: 'month', Q: 'quarter', Y: 'year' };

interface ServiceBody {
    title?: string;
    lines: string[];
    kpis: Map<string, string>;
}

export function importOpenSlo(objects: OpenSloObject[], fallbackName: string): { text: string; warnings: string[] } {
    const problems: string[] = [];
    const warnings: string[] = [];
    const byKind = (kind: string) => objects.filter(object => object.kind === kind);
    const services = byKind('Service');
    const slis = new Map(byKind('SLI').map(sli => [sli.metadata.name, sli]));
    const dataSources = byKind('DataSource');
    for (const object of objects) {
        if (!['Service', 'SLO', 'SLI', 'DataSource'].includes(object.kind)) warnings.push(`${object.kind} ${object.metadata?.name ?? ''}: not imported (an agreement has no ${object.kind})`);
    }

    const agreementNotes = services.find(s => s.metadata.annotations?.[A('agreement')] !== undefined)?.metadata.annotations ?? {};
    const agreementName = agreementNotes[A('agreement')] ?? pascalName(fallbackName);
    const bodies = new Map<string, ServiceBody>();
    const topLevel: ServiceBody = { lines: [], kpis: new Map() };
    const serviceNames = new Map<string, string | undefined>();
    for (const service of services) {
        const notes = service.metadata.annotations ?? {};
        if (notes[A('agreement-level')] === 'true') {
            serviceNames.set(service.metadata.name, undefined);
        } else {
            const name = notes[A('service')] ?? pascalName(service.metadata.displayName ?? service.metadata.name);
            serviceNames.set(service.metadata.name, name);
            // The service's own fee, among its members.
            const fee = notes[A('service-fee')];
            bodies.set(name, { title: (service.spec as { description?: string }).description, lines: fee === undefined ? [] : [fee], kpis: new Map() });
        }
    }
    const definitions = new Map<string, string>();
    // Calendars and maintenance an exclusion takes out, carried on the Service (those a KPI reads come with its SLI).
    for (const [key, value] of Object.entries(agreementNotes)) {
        if (key.startsWith(A('calendar.')) || key.startsWith(A('maintenance.'))) definitions.set(key, value);
    }
    let zone: string | undefined = agreementNotes[A('timezone')];

    for (const slo of byKind('SLO')) {
        const where = `SLO ${slo.metadata.name}`;
        const spec = slo.spec as unknown as SloSpec;
        const sli = spec.indicatorRef !== undefined ? slis.get(spec.indicatorRef) : (spec as { indicator?: OpenSloObject }).indicator;
        if (!sli) {
            problems.push(`${where}: its SLI '${spec.indicatorRef ?? ''}' is not among the documents.`);
            continue;
        }
        const objective = spec.objectives?.[0];
        const timeWindow = spec.timeWindow?.[0];
        if (!objective || !timeWindow) {
            problems.push(`${where}: needs one objective and one time window.`);
            continue;
        }
        if ((spec.objectives?.length ?? 0) > 1) warnings.push(`${where}: only its first objective is imported (an agreement objective has one target).`);
        const window = windowText(timeWindow);
        if (!window) {
            problems.push(`${where}: time window '${timeWindow.duration}' has no SLA window (rolling m/h/d/w, calendar 1d/1w/1M/1Q/1Y).`);
            continue;
        }
        zone ??= timeWindow.calendar?.timeZone;
        const notes = slo.metadata.annotations ?? {};
        const sliNotes = sli.metadata.annotations ?? {};
        const reading = readObjective(sli.spec as SliSpec, spec, notes, sliNotes);
        if (typeof reading === 'string') {
            problems.push(`${where}: ${reading}`);
            continue;
        }
        const serviceName = serviceNames.has(spec.service) ? serviceNames.get(spec.service) : pascalName(spec.service);
        if (serviceName !== undefined && !bodies.has(serviceName)) bodies.set(serviceName, { lines: [], kpis: new Map() });
        const body = serviceName === undefined ? topLevel : bodies.get(serviceName)!;
        const kpiName = sliNotes[A('kpi')] ?? pascalName(sli.metadata.displayName ?? sli.metadata.name);
        // The KPI is declared where it was (its service); an objective elsewhere names it qualified.
        const kpiService = sliNotes[A('kpi-service')] ?? serviceName;
        if (kpiService !== undefined && !bodies.has(kpiService)) bodies.set(kpiService, { lines: [], kpis: new Map() });
        const kpiBody = kpiService === undefined ? topLevel : bodies.get(kpiService)!;
        const kpiReference = kpiService !== undefined && kpiService !== serviceName ? `${kpiService}.${kpiName}` : kpiName;
        const kpi = kpiText(kpiName, (sli.spec as SliSpec).description, sliNotes, reading.formula);
        const known = kpiBody.kpis.get(kpiName);
        if (known !== undefined && known !== kpi) problems.push(`${where}: KPI ${kpiName} is read in two different ways by the SLOs that use it.`);
        kpiBody.kpis.set(kpiName, kpi);
        for (const [key, value] of Object.entries(sliNotes)) {
            if (key.startsWith(A('calendar.')) || key.startsWith(A('maintenance.'))) definitions.set(key, value);
            // A KPI the formula uses, a service's after its name (`Datastore: kpi ErrorRate …`): one per service and name.
            if (key.startsWith(A('kpi-definition.'))) definitions.set(`${key}@${ownedKpi(value).owner ?? ''}`, value);
        }
        const internal = slo.metadata.labels?.['sla-commitment'] === 'internal';
        const extras = [
            ...(notes[A('for-each')] !== undefined ? [` for each ${notes[A('for-each')]}`] : []),
            ...(notes[A('minimum-sample')] !== undefined ? [` ${notes[A('minimum-sample')]!}`] : []),
            // A promise over the term, as written after the window: `from 2026-04-01, >= 99.7% from 2027-01-01` (a step alone follows a comma).
            ...(!internal && notes[A('term')] !== undefined ? [notes[A('term')]!.startsWith('from ') ? ` ${notes[A('term')]}` : `, ${notes[A('term')]}`] : []),
            ...(internal && notes[A('owner')] !== undefined ? [` owner ${quote(notes[A('owner')]!)}`] : [])
        ];
        const items = !internal && notes[A('each')] !== undefined ? `${notes[A('each')]} ` : '';
        body.lines.push(`${internal ? 'internal target' : 'objective'} ${items}${kpiReference} ${reading.comparison} ${reading.target} per ${window}${extras.join('')}`);
        if (notes[A('credit')] !== undefined) body.lines.push('', notes[A('credit')]!);
    }

    const declaredDatasets: string[] = [];
    for (const source of dataSources) {
        const spec = source.spec as { type?: string; connectionDetails?: { declaration?: string } };
        if (spec.type !== SLA_SOURCE_TYPE || typeof spec.connectionDetails?.declaration !== 'string') {
            problems.push(`DataSource ${source.metadata.name}: of type '${spec.type ?? ''}' without an SLA dataset declaration; declare the dataset by hand.`);
            continue;
        }
        declaredDatasets.push(spec.connectionDetails.declaration);
    }
    if (agreementNotes[A('validity')] === undefined) problems.push(`no validity: the Service annotation ${A('validity')} (e.g. 'valid from 2026-01-01 to 2026-12-31') is missing; an agreement needs one.`);
    if (problems.length > 0) throw new OpenSloImportError(problems);

    const lines: string[] = [`agreement ${agreementName}${agreementNotes[A('agreement-title')] !== undefined ? ` ${quote(agreementNotes[A('agreement-title')]!)}` : ''} {`];
    const push = (block: string | undefined): void => {
        if (block !== undefined) lines.push(...block.split('\n').map(line => (line === '' ? '' : `    ${line}`)));
    };
    push(agreementNotes[A('parties')]);
    push(agreementNotes[A('validity')]);
    push(`timezone ${quote(zone ?? 'UTC')}`);
    push(agreementNotes[A('fee')]);
    push(agreementNotes[A('client-scope')]);
    // The caps on all credits together: the agreement's as they are, a service's (`Mail: credits capped at …`) in that service.
    for (const cap of (agreementNotes[A('credits-cap')] ?? '').split('\n').filter(line => line !== '')) {
        const owner = /^(\w+): (credits .*)$/.exec(cap);
        const body = owner === null ? undefined : bodies.get(owner[1]!);
        if (owner !== null && body !== undefined) body.lines.push(owner[2]!);
        else push(cap);
    }
    for (const [key, value] of definitions) {
        if (!key.startsWith(A('kpi-definition.'))) {
            lines.push('');
            push(value);
        }
    }
    for (const declaration of declaredDatasets) {
        lines.push('');
        push(declaration);
    }
    if (agreementNotes[A('clauses')] !== undefined) {
        lines.push('');
        push(agreementNotes[A('clauses')]);
    }
    // Exclusions and termination rights: the agreement's here, a service's (`Mail: termination …`) in that service.
    for (const key of [A('exclusions'), A('terminations')]) {
        const entries = ownedEntries(agreementNotes[key]);
        if (entries.some(entry => entry.owner === undefined || !bodies.has(entry.owner))) lines.push('');
        for (const entry of entries) {
            const body = entry.owner === undefined ? undefined : bodies.get(entry.owner);
            if (body !== undefined) body.lines.push('', ...entry.text.split('\n'));
            else push(entry.text);
        }
    }
    const helperKpis = [...definitions].filter(([key]) => key.startsWith(A('kpi-definition.'))).map(([, value]) => value);
    const members = (body: ServiceBody): string[] => [...[...body.kpis.values()].flatMap(kpi => ['', ...kpi.split('\n')]), '', ...body.lines];
    // Each helper KPI where it was declared: in its service, else at the agreement's level; once (an SLI's own KPI is declared already).
    const topHelpers: string[] = [];
    for (const helper of helperKpis) {
        const { owner, text } = ownedKpi(helper);
        const name = /^kpi (\w+)/.exec(text)?.[1] ?? '';
        if (owner !== undefined && !bodies.has(owner)) bodies.set(owner, { lines: [], kpis: new Map() });
        const body = owner === undefined ? undefined : bodies.get(owner)!;
        if (body !== undefined) {
            if (!body.kpis.has(name)) body.kpis.set(name, text);
        } else if (![...bodies.values(), topLevel].some(other => other.kpis.has(name))) {
            topHelpers.push(text);
        }
    }
    for (const [name, body] of bodies) {
        lines.push('');
        push(`service ${name}${body.title !== undefined ? ` ${quote(body.title)}` : ''} {`);
        for (const line of members(body)) push(line === '' ? '' : `    ${line}`);
        push('}');
    }
    for (const helper of topHelpers) {
        lines.push('');
        push(helper);
    }
    if (topLevel.kpis.size + topLevel.lines.length > 0) {
        for (const line of members(topLevel)) push(line);
    }
    lines.push('}');
    return { text: `${lines.join('\n').replace(/\n{3,}/g, '\n\n')}\n`, warnings };
}

/** The formula, comparison and target an SLO says, read from OpenSLO's fields. */
function readObjective(sli: SliSpec, slo: SloSpec, notes: Record<string, string>, sliNotes: Record<string, string>): { formula: string; comparison: string; target: string } | string {
    // A KPI measured in slices (`slices(…)`): OpenSLO's slice budgeting says less than the formula, which travels as written.
    const sliced = /^(>=|>|<=|<)\s*(.+)$/.exec(notes[A('promise')] ?? '');
    if (notes[A('slices')] !== undefined && sliced) return { formula: notes[A('slices')]!, comparison: sliced[1]!, target: sliced[2]! };
    const objective = slo.objectives[0]!;
    const percent = objective.targetPercent !== undefined ? decimalTextOf(objective.targetPercent)
        : objective.target !== undefined ? decimalTimes100(decimalTextOf(objective.target)) : undefined;
    const unit = notes[A('unit')];
    if (sli.ratioMetric) {
        const { good, bad, total } = sli.ratioMetric;
        const numerator = good ?? bad;
        if (!numerator || !total) return 'a ratioMetric needs good or bad, and total (raw ratios are not imported).';
        const [top, bottom] = [query(numerator.metricSource), query(total.metricSource)];
        if (typeof top !== 'string') return top.problem;
        if (typeof bottom !== 'string') return bottom.problem;
        if (percent === undefined) return 'its objective has neither target nor targetPercent.';
        const formula = sliNotes[A('formula')] ?? `${top} / ${bottom}`;
        // OpenSLO's target is the share of good events: a bad/total SLI is an upper bound on the bad share.
        return good
            ? { formula, comparison: notes[A('comparison')] ?? '>=', target: `${percent}%` }
            : { formula, comparison: notes[A('comparison')] ?? '<=', target: `${decimalComplementOf100(percent)}%` };
    }
    if (sli.thresholdMetric) {
        const source = query(sli.thresholdMetric.metricSource);
        if (typeof source !== 'string') return source.problem;
        const comparison = objective.op !== undefined ? comparisonOf(objective.op) : undefined;
        if (!comparison || objective.value === undefined) return 'a thresholdMetric objective needs op (lte, lt, gte, gt) and value.';
        const value = decimalTextOf(objective.value);
        if (slo.budgetingMethod === 'Occurrences') {
            // At least p % of the values within the threshold: the p-th percentile (nearest rank) is within it.
            if (percent === undefined) return 'its objective has neither target nor targetPercent.';
            return { formula: `percentile(${percent}, ${source})`, comparison, target: `${value}${unit !== undefined ? ` ${unit}` : ''}` };
        }
        if (slo.budgetingMethod === 'Timeslices') {
            const wholeWindow = objective.timeSliceWindow !== undefined && objective.timeSliceWindow === slo.timeWindow[0]?.duration;
            if (wholeWindow) {
                // One slice per window: the KPI's value over the window against the threshold.
                const target = unit === '%' ? `${decimalTimes100(value)}%` : unit !== undefined ? `${value} ${unit}` : value;
                return { formula: source, comparison, target };
            }
            // Short slices, each good when up all along: the share of good time, as `uptime(…)`.
            if (percent === undefined) return 'its objective has neither target nor targetPercent.';
            return { formula: source, comparison: notes[A('comparison')] ?? '>=', target: `${percent}%` };
        }
        return `budgetingMethod ${slo.budgetingMethod} is not imported (Occurrences and Timeslices are).`;
    }
    return 'its SLI has neither ratioMetric nor thresholdMetric.';
}

function query(source: MetricSource | undefined): string | { problem: string } {
    if (source?.type !== SLA_SOURCE_TYPE || typeof source.spec?.query !== 'string') {
        return { problem: `a metric source of type '${source?.type ?? ''}' is not a formula of the SLA language; write the KPI by hand (only type ${SLA_SOURCE_TYPE} is imported).` };
    }
    return source.spec.query;
}

function kpiText(name: string, description: string | undefined, notes: Record<string, string>, formula: string): string {
    const head = [`kpi ${name}`, ...(description !== undefined ? [quote(description)] : []),
        ...(notes[A('kpi-unit')] !== undefined ? [`unit ${notes[A('kpi-unit')]}`] : []),
        ...(notes[A('kpi-owner')] !== undefined ? [`owner ${quote(notes[A('kpi-owner')]!)}`] : [])].join(' ');
    const [first, ...rest] = formula.split('\n');
    return [`${head} =`, `    ${first}`, ...rest.map(line => `    ${line}`)].join('\n');
}

function windowText(window: TimeWindow): string | undefined {
    const match = /^(\d+)([mhdwMQY])$/.exec(window.duration ?? '');
    if (!match) return undefined;
    const [, count, postfix] = match as unknown as [string, string, string];
    if (window.isRolling) {
        const word = ROLLING_WORDS[postfix];
        return word ? `rolling ${count} ${count === '1' ? word.slice(0, -1) : word}` : undefined;
    }
    const word = CALENDAR_WORDS[postfix];
    return word && count === '1' ? `calendar ${word}` : undefined;
}

/** A string literal of the SLA language. */
function quote(value: string): string {
    return `"${value.replace(/\\/g, '\\\\').replace(/"/g, '\\"').replace(/\n/g, '\\n')}"`;
}

/** `web-shop` → `WebShop`: a name of the language from an OpenSLO object name. */
function pascalName(name: string): string {
    const pascal = name.split(/[^A-Za-z0-9]+/).filter(Boolean).map(word => word[0]!.toUpperCase() + word.slice(1)).join('');
    return /^[A-Za-z_]/.test(pascal) ? pascal : `X${pascal}`;
}

/** A KPI definition carried in `sla-language/kpi-definition.NAME`: a service's after its name (`Datastore: kpi ErrorRate …`). */
function ownedKpi(annotation: string): { owner?: string; text: string } {
    const owned = /^(\w+): (kpi\b[\s\S]*)$/.exec(annotation);
    return owned === null ? { text: annotation } : { owner: owned[1]!, text: owned[2]! };
}

/**
 * The entries of an annotation of exclusions or termination rights: one per declaration, a
 * service's after its name (`Mail: termination …`); a line that starts no declaration continues
 * the one before (a declaration written over several lines).
 */
function ownedEntries(annotation: string | undefined): Array<{ owner?: string; text: string }> {
    const entries: Array<{ owner?: string; text: string }> = [];
    for (const line of (annotation ?? '').split('\n')) {
        if (line.trim() === '') continue;
        const owned = /^(\w+): ((?:exclusion|termination)\b.*)$/.exec(line);
        if (owned !== null) entries.push({ owner: owned[1]!, text: owned[2]! });
        else if (/^(?:exclusion|termination)\b/.test(line) || entries.length === 0) entries.push({ text: line });
        else entries[entries.length - 1]!.text += `\n${line}`;
    }
    return entries;
}
