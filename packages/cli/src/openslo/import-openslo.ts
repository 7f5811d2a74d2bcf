/**
 * OpenSLO v1 objects back into an agreement (docs/cli.md, "sla import openslo"). The
 * objectives are read from OpenSLO's own fields — budgeting method, ratio or threshold
 * metric, `op`/`value`/`target`, time window — as the export writes them (see
 * export-openslo.ts for each reading); the agreement's other terms (parties, validity,
 * fee, credits, calendars, maintenance, datasets) come from this project's annotations.
 * Metric sources must be of type `SLA` (queries in the SLA formula language): a PromQL
 * or Datadog query cannot become a formula, and is refused by name rather than guessed.
 */
import { ANNOTATION_PREFIX, SLA_SOURCE_TYPE, type OpenSloObject, type SliSpec, type SloSpec } from './openslo-document.js';
import { objectiveProblem, readObjective, type Place } from './objective-reading.js';
import { MONTHS, fiscalYearMonth, fiscalYearOfWindows, windowText, type FiscalYear } from './time-window.js';
import { carriedCredits, creditsInWrittenOrder, inWrittenOrder, type CarriedCredit } from './written-order.js';
import { withPlanLine } from './plan-targets.js';

/** What stops the import: a message, and the document and key it is about (for its file, line and column). */
export interface ImportProblem {
    message: string;
    at?: Place;
}

export class OpenSloImportError extends Error {
    constructor(readonly problems: ImportProblem[]) {
        super(problems.map(problem => problem.message).join('\n'));
    }
}

export interface ImportOptions {
    /** Why a formula (a query, an annotation's formula) is not one formula of the language; undefined when it is. */
    formulaProblem?: (formula: string) => string | undefined;
}

const A = (name: string): string => `${ANNOTATION_PREFIX}${name}`;

interface ServiceBody {
    title?: string;
    /** The service's own fee. */
    head: string[];
    /** Objectives and internal targets, in order. */
    promises: string[];
    /** A statement with targets per plan, by its text with the SLO's plan left out: where it is in `promises`, its `by plan { … }` so far (one SLO per plan under `plan from F`). */
    planStatements: Map<string, { index: number; byPlan: string }>;
    credits: CarriedCredit[];
    /** Caps on all credits, exclusions, termination rights. */
    terms: string[];
    kpis: Map<string, string>;
}

const emptyBody = (title?: string, head: string[] = []): ServiceBody => ({ title, head, promises: [], planStatements: new Map(), credits: [], terms: [], kpis: new Map() });

export function importOpenSlo(read: OpenSloObject[], fallbackName: string, options: ImportOptions = {}): { text: string; warnings: string[] } {
    const problems: ImportProblem[] = [];
    const warnings: string[] = [];
    const objects = inWrittenOrder(read);
    const byKind = (kind: string) => objects.filter(object => object.kind === kind);
    const services = byKind('Service');
    const slis = new Map(byKind('SLI').map(sli => [sli.metadata.name, sli]));
    const dataSources = byKind('DataSource');
    const slos = byKind('SLO');
    for (const object of objects) {
        if (!['Service', 'SLO', 'SLI', 'DataSource'].includes(object.kind)) warnings.push(`${object.kind} ${object.metadata?.name ?? ''}: not imported (an agreement has no ${object.kind})`);
    }

    // The agreement's terms travel on its Services (each carries them); a Service written by hand may give only the validity.
    const agreementService = services.find(s => s.metadata.annotations?.[A('agreement')] !== undefined)
        ?? services.find(s => s.metadata.annotations?.[A('validity')] !== undefined);
    const agreementNotes = agreementService?.metadata.annotations ?? {};
    const agreementName = agreementNotes[A('agreement')] ?? pascalName(fallbackName);
    if (agreementService !== undefined && agreementNotes[A('agreement')] === undefined) {
        warnings.push(`no Service has the annotation ${A('agreement')}: the agreement is named ${agreementName} after ${fallbackName}; add '${A('agreement')}: NAME' to Service ${agreementService.metadata.name} to name it.`);
    }
    const bodies = new Map<string, ServiceBody>();
    const topLevel = emptyBody();
    const serviceNames = new Map<string, string | undefined>();
    for (const service of services) {
        const notes = service.metadata.annotations ?? {};
        if (notes[A('agreement-level')] === 'true') {
            serviceNames.set(service.metadata.name, undefined);
        } else {
            const name = notes[A('service')] ?? pascalName(service.metadata.displayName ?? service.metadata.name);
            serviceNames.set(service.metadata.name, name);
            // The service's own fee and plan, among its members.
            const head = [notes[A('service-fee')], notes[A('service-plan')]].filter((line): line is string => line !== undefined);
            // The description is the service's title, unless the export says the service has none (`sla-language/service-untitled`).
            const title = notes[A('service-untitled')] === 'true' ? undefined : (service.spec as { description?: string }).description;
            bodies.set(name, emptyBody(title, head));
        }
    }
    const bodyOf = (name: string | undefined): ServiceBody => {
        if (name === undefined) return topLevel;
        if (!bodies.has(name)) bodies.set(name, emptyBody());
        return bodies.get(name)!;
    };
    const definitions = new Map<string, string>();
    // Calendars and maintenance an exclusion takes out, carried on the Service (those a KPI reads come with its SLI).
    for (const [key, value] of Object.entries(agreementNotes)) {
        if (key.startsWith(A('calendar.')) || key.startsWith(A('maintenance.'))) definitions.set(key, value);
    }
    let zone: string | undefined = agreementNotes[A('timezone')];
    const fiscalYearNote = agreementNotes[A('fiscal-year')];
    const declaredFiscalMonth = fiscalYearMonth(fiscalYearNote);
    if (fiscalYearNote !== undefined && declaredFiscalMonth === undefined) {
        problems.push({ message: `the annotation ${A('fiscal-year')} '${fiscalYearNote}' is not a fiscal year: write e.g. 'fiscal year from february'.`, at: { object: agreementService!, path: ['metadata', 'annotations', A('fiscal-year')] } });
    }
    const fiscalYear: FiscalYear | undefined = declaredFiscalMonth !== undefined
        ? { month: declaredFiscalMonth, source: `the Service annotation ${A('fiscal-year')}` }
        : fiscalYearOfWindows(slos.map(slo => ({ window: (slo.spec as unknown as SloSpec).timeWindow?.[0], slo: slo.metadata.name })));
    let fiscalWindows = false;
    const checked = (formula: string, place: Place, shown = formula): string | undefined => {
        const problem = options.formulaProblem?.(formula);
        if (problem === undefined) return formula;
        const read = shown === formula ? '' : ` (read as ${formula})`;
        problems.push({ message: `${place.object.kind} ${place.object.metadata.name}: '${shown}' is not a formula of the SLA language${read}: ${problem}`, at: place });
        return undefined;
    };

    for (const slo of slos) {
        const where = `SLO ${slo.metadata.name}`;
        const fail = (message: string, ...path: Array<string | number>): void => {
            problems.push({ message: `${where}: ${message}`, at: { object: slo, path } });
        };
        const spec = slo.spec as unknown as SloSpec;
        const inline = (spec as { indicator?: OpenSloObject }).indicator;
        const sli = spec.indicatorRef !== undefined ? slis.get(spec.indicatorRef) : inline;
        if (!sli) {
            fail(`its SLI '${spec.indicatorRef ?? ''}' is not among the documents.`, 'spec', spec.indicatorRef !== undefined ? 'indicatorRef' : 'indicator');
            continue;
        }
        const sliPlace: Place = spec.indicatorRef !== undefined ? { object: sli, path: [] } : { object: slo, path: ['spec', 'indicator'] };
        const objective = spec.objectives?.[0];
        const timeWindow = spec.timeWindow?.[0];
        if (!objective || !timeWindow) {
            fail('needs one objective and one time window.', 'spec', !objective ? 'objectives' : 'timeWindow');
            continue;
        }
        if ((spec.objectives?.length ?? 0) > 1) warnings.push(`${where}: only its first objective is imported (an agreement objective has one target).`);
        const notes = slo.metadata.annotations ?? {};
        const window = windowText(timeWindow, fiscalYear, notes[A('window')]);
        if ('problem' in window) {
            fail(window.problem, 'spec', 'timeWindow', 0, ...window.key);
            continue;
        }
        if (window.fiscal) fiscalWindows = true;
        const calendarZone = timeWindow.calendar?.timeZone;
        zone ??= calendarZone;
        if (calendarZone !== undefined && calendarZone !== zone) {
            fail(`its calendar is in ${calendarZone}, the agreement in ${zone}: the calendar windows of an agreement are all in its time zone. Write timeZone: ${zone}.`, 'spec', 'timeWindow', 0, 'calendar', 'timeZone');
            continue;
        }
        const targetProblem = objectiveProblem(spec);
        if (targetProblem !== undefined) {
            fail(targetProblem.message, ...targetProblem.path);
            continue;
        }
        const sliNotes = sli.metadata.annotations ?? {};
        const kpiName = sliNotes[A('kpi')] ?? pascalName(sli.metadata.displayName ?? sli.metadata.name);
        const slicesName = slicesKpiName(slo.metadata.name, kpiName);
        const reading = readObjective(sli.spec as SliSpec, spec, notes, sliNotes, { slo: { object: slo, path: [] }, sli: sliPlace, ratioName: kpiName, slicesName, checked });
        if (reading === undefined) continue;
        if (typeof reading === 'string') {
            fail(reading, 'spec');
            continue;
        }
        if ('problem' in reading) {
            problems.push({ message: `${where}: ${reading.problem}`, at: reading.at });
            continue;
        }
        if (reading.warning !== undefined) warnings.push(`${where}: ${reading.warning}`);
        const serviceName = serviceNames.has(spec.service) ? serviceNames.get(spec.service) : pascalName(spec.service);
        const body = bodyOf(serviceName);
        // The KPI is declared where it was: its service, or the agreement's level (one KPI, whichever services' objectives
        // use it); without either annotation (OpenSLO written by hand) in the objective's service. An objective elsewhere names it qualified.
        const kpiService = sliNotes[A('kpi-agreement-level')] === 'true' ? undefined : sliNotes[A('kpi-service')] ?? serviceName;
        const kpiBody = bodyOf(kpiService);
        const declare = (name: string, description: string | undefined, formula: string): void => {
            const kpi = kpiText(name, description, name === kpiName ? sliNotes : {}, formula);
            const known = kpiBody.kpis.get(name);
            if (known !== undefined && known !== kpi) fail(`KPI ${name} is read in two different ways by the SLOs that use it.`, 'spec', 'indicatorRef');
            kpiBody.kpis.set(name, kpi);
        };
        // A hand-written Timeslices SLO on a ratio: the ratio is a KPI of its own, which the slices KPI reads by name.
        if (reading.ratio !== undefined) declare(kpiName, (sli.spec as SliSpec).description, reading.ratio);
        const objectiveKpi = reading.ratio !== undefined ? slicesName : kpiName;
        declare(objectiveKpi, reading.ratio !== undefined ? spec.description : (sli.spec as SliSpec).description, reading.formula);
        const kpiReference = kpiService !== undefined && kpiService !== serviceName ? `${kpiService}.${objectiveKpi}` : objectiveKpi;
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
        const statement = `${internal ? 'internal target' : 'objective'} ${items}${kpiReference}`;
        const rest = ` per ${window.text}${extras.join('')}`;
        const byPlan = notes[A('by-plan')];
        const targetPlan = notes[A('target-plan')];
        if (byPlan !== undefined && targetPlan !== undefined) {
            // A target per plan: the statement once (under `plan from F`, one SLO per plan), each plan's line as its SLO says.
            const key = JSON.stringify([statement, byPlan, rest]);
            const known = body.planStatements.get(key);
            const lines = withPlanLine(known?.byPlan ?? byPlan, targetPlan, reading.comparison, reading.target);
            if (lines === undefined) {
                fail(`the annotation ${A('target-plan')} names the plan ${targetPlan}, which has no line in ${A('by-plan')}: add '${targetPlan}: ${reading.comparison} ${reading.target}' to it.`, 'metadata', 'annotations', A('by-plan'));
                continue;
            }
            if (lines.changed !== undefined) warnings.push(`${where}: the plan ${targetPlan}'s line in ${A('by-plan')} was '${lines.changed}', its objective says ${reading.comparison} ${reading.target}: written as the objective says.`);
            const promise = `${statement} ${lines.text}${rest}`;
            if (known !== undefined) {
                known.byPlan = lines.text;
                body.promises[known.index] = promise;
            } else {
                body.planStatements.set(key, { index: body.promises.length, byPlan: lines.text });
                body.promises.push(promise);
            }
        } else {
            body.promises.push(`${statement} ${reading.comparison} ${reading.target}${rest}`);
        }
        body.credits.push(...carriedCredits(notes));
    }

    const declaredDatasets: string[] = [];
    for (const source of dataSources) {
        const spec = source.spec as { type?: string; connectionDetails?: { declaration?: string } };
        if (spec.type !== SLA_SOURCE_TYPE || typeof spec.connectionDetails?.declaration !== 'string') {
            problems.push({ message: `DataSource ${source.metadata.name}: of type '${spec.type ?? ''}' without an SLA dataset declaration; declare the dataset by hand.`, at: { object: source, path: ['spec'] } });
            continue;
        }
        declaredDatasets.push(spec.connectionDetails.declaration);
    }
    if (agreementNotes[A('validity')] === undefined) {
        problems.push({
            message: `no validity: no Service has the annotation ${A('validity')} (e.g. '${A('validity')}: valid from 2026-01-01 to 2026-12-31'); an agreement needs one: add it to a Service's metadata.annotations.`,
            ...(services[0] !== undefined ? { at: { object: services[0], path: ['metadata'] } } : {})
        });
    }
    if (problems.length > 0) throw new OpenSloImportError(problems);
    if (fiscalYear !== undefined && declaredFiscalMonth === undefined && fiscalWindows) {
        warnings.push(`${fiscalYear.source} is in ${MONTHS[fiscalYear.month - 1]}: imported as 'fiscal year from ${MONTHS[fiscalYear.month - 1]}' with 'per fiscal …' windows.`);
    }

    const lines: string[] = [`agreement ${agreementName}${agreementNotes[A('agreement-title')] !== undefined ? ` ${quote(agreementNotes[A('agreement-title')]!)}` : ''} {`];
    const push = (block: string | undefined): void => {
        if (block !== undefined) lines.push(...block.split('\n').map(line => (line === '' ? '' : `    ${line}`)));
    };
    push(agreementNotes[A('parties')]);
    push(agreementNotes[A('validity')]);
    push(`timezone ${quote(zone ?? 'UTC')}`);
    if (fiscalYear !== undefined && (declaredFiscalMonth !== undefined || fiscalWindows)) push(`fiscal year from ${MONTHS[fiscalYear.month - 1]}`);
    push(agreementNotes[A('fee')]);
    push(agreementNotes[A('client-scope')]);
    // The plans and the plan in effect: which line of each `by plan { … }` is in force.
    push(agreementNotes[A('plans')]);
    push(agreementNotes[A('plan')]);
    // The caps on all credits together: the agreement's as they are, a service's (`Mail: credits capped at …`) in that service.
    for (const cap of (agreementNotes[A('credits-cap')] ?? '').split('\n').filter(line => line !== '')) {
        const owner = /^(\w+): (credits .*)$/.exec(cap);
        const body = owner === null ? undefined : bodies.get(owner[1]!);
        if (owner !== null && body !== undefined) body.terms.push(owner[2]!);
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
            if (body !== undefined) body.terms.push('', ...entry.text.split('\n'));
            else push(entry.text);
        }
    }
    const helperKpis = [...definitions].filter(([key]) => key.startsWith(A('kpi-definition.'))).map(([, value]) => value);
    const members = (body: ServiceBody): string[] => [
        ...[...body.kpis.values()].flatMap(kpi => ['', ...kpi.split('\n')]),
        // A statement with targets per plan spreads over lines (`by plan { … }`).
        '', ...body.head, ...body.promises.flatMap(promise => promise.split('\n')),
        // Each credit once, in the order written: the cap on all credits together pays them in it.
        ...creditsInWrittenOrder(body.credits).flatMap(credit => ['', ...credit.split('\n')]),
        ...(body.terms.length > 0 && body.terms[0] !== '' ? [''] : []), ...body.terms
    ];
    // Each helper KPI where it was declared: in its service, else at the agreement's level; once (an SLI's own KPI is declared already).
    const topHelpers: string[] = [];
    for (const helper of helperKpis) {
        const { owner, text } = ownedKpi(helper);
        const name = /^kpi (\w+)/.exec(text)?.[1] ?? '';
        const body = owner === undefined ? undefined : bodyOf(owner);
        if (body !== undefined) {
            if (!body.kpis.has(name)) body.kpis.set(name, text);
        } else if (![...bodies.values(), topLevel].some(other => other.kpis.has(name))) {
            topHelpers.push(text);
        }
    }
    for (const [name, body] of bodies) {
        lines.push('');
        push(`service ${name}${body.title !== undefined ? ` ${quote(body.title)}` : ''} {`);
        // The body starts with its first member: the blank line before each group separates it from the one before.
        const written = members(body);
        while (written[0] === '') written.shift();
        for (const line of written) push(line === '' ? '' : `    ${line}`);
        push('}');
    }
    for (const helper of topHelpers) {
        lines.push('');
        push(helper);
    }
    if (topLevel.kpis.size + topLevel.promises.length + topLevel.credits.length + topLevel.terms.length > 0) {
        for (const line of members(topLevel)) push(line);
    }
    lines.push('}');
    return { text: `${lines.join('\n').replace(/\n{3,}/g, '\n\n')}\n`, warnings };
}

/** The name of the KPI a Timeslices SLO written by hand is measured by: the SLO's (`good-hours` → `GoodHours`), distinct from its SLI's. */
function slicesKpiName(sloName: string, ratioName: string): string {
    const name = pascalName(sloName);
    return name === ratioName ? `${name}Slices` : name;
}

function kpiText(name: string, description: string | undefined, notes: Record<string, string>, formula: string): string {
    const head = [`kpi ${name}`, ...(description !== undefined ? [quote(description)] : []),
        ...(notes[A('kpi-unit')] !== undefined ? [`unit ${notes[A('kpi-unit')]}`] : []),
        ...(notes[A('kpi-owner')] !== undefined ? [`owner ${quote(notes[A('kpi-owner')]!)}`] : [])].join(' ');
    const [first, ...rest] = formula.split('\n');
    return [`${head} =`, `    ${first}`, ...rest.map(line => `    ${line}`)].join('\n');
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
