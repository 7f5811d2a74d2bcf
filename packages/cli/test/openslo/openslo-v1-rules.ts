/**
 * The field rules of OpenSLO v1, written from the published specification (the
 * OpenSLO/OpenSLO README, "Specification": General Schema, duration-shorthand, DataSource,
 * SLO, Objectives, SLI, Ratio Metric, Service), to check what `sla export openslo` writes
 * without a network or an external validator. Each rule cites the part of the spec it
 * comes from; `problemsOf` returns one line per broken rule, empty when the objects conform.
 */
type Json = Record<string, unknown>;

const KINDS = ['DataSource', 'SLO', 'SLI', 'AlertPolicy', 'AlertCondition', 'AlertNotificationTarget', 'Service'];
/** General Schema: metadata.name follows RFC 1123 labels. */
const RFC1123_LABEL = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;
/** General Schema: label keys and annotation name segments. */
const KEY_NAME = /^[a-zA-Z0-9]([-_.a-zA-Z0-9]*[a-zA-Z0-9])?$/;
/** General Schema: an annotation prefix is a DNS subdomain. */
const DNS_SUBDOMAIN = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;
/** Custom Data Types: duration-shorthand, a positive integer and one postfix. */
const DURATION = /^[1-9]\d*[mhdwMQY]$/;
/** SLO: calendar startTime, "date with time in 24h format, format without time zone". */
const START_TIME = /^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}$/;
const DESCRIPTION_MAX = 1050;

const isObject = (value: unknown): value is Json => typeof value === 'object' && value !== null && !Array.isArray(value);

function isIanaZone(zone: string): boolean {
    try {
        new Intl.DateTimeFormat('en', { timeZone: zone });
        return true;
    } catch {
        return false;
    }
}

export function problemsOf(objects: Json[]): string[] {
    const problems: string[] = [];
    const names = (kind: string) => new Set(objects.filter(o => o.kind === kind).map(o => (o.metadata as Json | undefined)?.name));
    const [slis, services, dataSources] = [names('SLI'), names('Service'), names('DataSource')];
    const seen = new Set<string>();
    for (const object of objects) {
        const metadata = object.metadata as Json | undefined;
        const where = `${String(object.kind)} ${String(metadata?.name)}`;
        const fail = (rule: string) => problems.push(`${where}: ${rule}`);
        // General Schema
        if (object.apiVersion !== 'openslo/v1') fail('apiVersion must be openslo/v1');
        if (!KINDS.includes(object.kind as string)) fail(`kind must be one of ${KINDS.join(', ')}`);
        if (!isObject(metadata) || typeof metadata.name !== 'string') {
            fail('metadata.name is required');
            continue;
        }
        if (metadata.name.length > 63 || !RFC1123_LABEL.test(metadata.name)) fail('metadata.name must be an RFC 1123 label (≤ 63 lower-case letters, digits, -)');
        if (seen.has(`${String(object.kind)}/${metadata.name}`)) fail('two objects of one kind share a name');
        seen.add(`${String(object.kind)}/${metadata.name}`);
        if (metadata.displayName !== undefined && typeof metadata.displayName !== 'string') fail('metadata.displayName must be a string');
        if (metadata.labels !== undefined) {
            if (!isObject(metadata.labels)) fail('metadata.labels must be a map');
            else for (const [key, value] of Object.entries(metadata.labels)) {
                if (key.length > 63 || !KEY_NAME.test(key)) fail(`label key '${key}' is not a valid key`);
                if (typeof value !== 'string' && !(Array.isArray(value) && value.every(v => typeof v === 'string'))) fail(`label '${key}' must be a string or a list of strings`);
            }
        }
        if (metadata.annotations !== undefined) {
            if (!isObject(metadata.annotations)) fail('metadata.annotations must be a map');
            else for (const [key, value] of Object.entries(metadata.annotations)) {
                const slash = key.lastIndexOf('/');
                const [prefix, name] = slash < 0 ? [undefined, key] : [key.slice(0, slash), key.slice(slash + 1)];
                if (name.length > 63 || !KEY_NAME.test(name)) fail(`annotation key '${key}': the name segment is not valid`);
                if (prefix !== undefined && (prefix.length > 253 || !DNS_SUBDOMAIN.test(prefix))) fail(`annotation key '${key}': the prefix is not a DNS subdomain`);
                if (prefix === 'openslo.com') fail(`annotation key '${key}': the openslo.com/ prefix is reserved`);
                if (typeof value !== 'string') fail(`annotation '${key}' must be a string`);
            }
        }
        const spec = object.spec;
        if (!isObject(spec)) {
            if (object.kind !== 'Service' || spec !== undefined) fail('spec must be a map');
            continue;
        }
        if (spec.description !== undefined && (typeof spec.description !== 'string' || spec.description.length > DESCRIPTION_MAX)) fail(`spec.description must be a string of at most ${DESCRIPTION_MAX} characters`);
        if (object.kind === 'DataSource') {
            // DataSource: type (predefined type) and connectionDetails.
            if (typeof spec.type !== 'string' || spec.type === '') fail('DataSource spec.type is required');
            if (!isObject(spec.connectionDetails)) fail('DataSource spec.connectionDetails is required');
        }
        if (object.kind === 'SLI') sliProblems(spec, fail, dataSources);
        if (object.kind === 'SLO') {
            if (typeof spec.service !== 'string') fail('SLO spec.service is required');
            else if (!services.has(spec.service)) fail(`SLO spec.service '${spec.service}' names no Service`);
            const inline = spec.indicator;
            if ((inline === undefined) === (spec.indicatorRef === undefined)) fail('SLO: exactly one of indicator and indicatorRef');
            if (typeof spec.indicatorRef === 'string' && !slis.has(spec.indicatorRef)) fail(`SLO indicatorRef '${spec.indicatorRef}' names no SLI`);
            const sli = typeof spec.indicatorRef === 'string'
                ? objects.find(o => o.kind === 'SLI' && (o.metadata as Json).name === spec.indicatorRef)?.spec as Json | undefined
                : (inline as Json | undefined)?.spec as Json | undefined;
            sloProblems(spec, sli, fail);
        }
    }
    return problems;
}

function metricSourceProblems(holder: unknown, path: string, fail: (rule: string) => void, dataSources: Set<unknown>): void {
    const source = isObject(holder) ? holder.metricSource : undefined;
    if (!isObject(source)) return fail(`${path}.metricSource is required`);
    if (!isObject(source.spec)) fail(`${path}.metricSource.spec is required`);
    if (source.metricSourceRef === undefined && typeof source.type !== 'string') fail(`${path}.metricSource: type is required without metricSourceRef`);
    if (source.metricSourceRef !== undefined && !dataSources.has(source.metricSourceRef)) fail(`${path}.metricSource.metricSourceRef '${String(source.metricSourceRef)}' names no DataSource`);
}

/** SLI: either thresholdMetric or ratioMetric; ratioMetric {good, total}, {bad, total} or raw with rawType. */
function sliProblems(spec: Json, fail: (rule: string) => void, dataSources: Set<unknown>): void {
    if ((spec.thresholdMetric === undefined) === (spec.ratioMetric === undefined)) return fail('SLI: exactly one of thresholdMetric and ratioMetric');
    if (spec.thresholdMetric !== undefined) return metricSourceProblems(spec.thresholdMetric, 'thresholdMetric', fail, dataSources);
    const ratio = spec.ratioMetric;
    if (!isObject(ratio)) return fail('ratioMetric must be a map');
    if (ratio.counter !== undefined && typeof ratio.counter !== 'boolean') fail('ratioMetric.counter must be true or false');
    if (ratio.good !== undefined && ratio.bad !== undefined) fail('ratioMetric: good and bad exclude each other');
    if (ratio.raw !== undefined) {
        if (ratio.good !== undefined || ratio.bad !== undefined || ratio.total !== undefined) fail('ratioMetric: raw cannot be used with good, bad or total');
        if (ratio.rawType !== 'success' && ratio.rawType !== 'failure') fail('ratioMetric: raw requires rawType success or failure');
        return metricSourceProblems(ratio.raw, 'ratioMetric.raw', fail, dataSources);
    }
    if (ratio.total === undefined) return fail('ratioMetric: total (or raw) is required');
    if (ratio.good === undefined && ratio.bad === undefined) fail('ratioMetric: good or bad is required with total');
    if (ratio.rawType !== undefined) fail('ratioMetric: rawType is only for raw');
    for (const part of ['good', 'bad', 'total'] as const) if (ratio[part] !== undefined) metricSourceProblems(ratio[part], `ratioMetric.${part}`, fail, dataSources);
}

/** SLO: timeWindow, budgetingMethod, objectives (Notes (SLO), Objectives, Notes (Objectives)). */
function sloProblems(spec: Json, sli: Json | undefined, fail: (rule: string) => void): void {
    if (spec.timeWindow !== undefined) {
        if (!Array.isArray(spec.timeWindow) || spec.timeWindow.length !== 1) fail('timeWindow is a list of exactly one item');
        else {
            const window = spec.timeWindow[0] as Json;
            if (typeof window.duration !== 'string' || !DURATION.test(window.duration)) fail(`timeWindow.duration '${String(window.duration)}' is not a duration-shorthand`);
            if (window.isRolling !== undefined && typeof window.isRolling !== 'boolean') fail('timeWindow.isRolling must be true or false');
            if (window.isRolling === true && window.calendar !== undefined) fail('a rolling time window has no calendar');
            if (window.isRolling !== true) {
                const calendar = window.calendar as Json | undefined;
                if (!isObject(calendar)) fail('a calendar-aligned time window needs calendar');
                else {
                    if (typeof calendar.startTime !== 'string' || !START_TIME.test(calendar.startTime)) fail(`calendar.startTime '${String(calendar.startTime)}' is not 'YYYY-MM-DD HH:MM:SS'`);
                    if (typeof calendar.timeZone !== 'string' || !isIanaZone(calendar.timeZone)) fail(`calendar.timeZone '${String(calendar.timeZone)}' is not an IANA zone`);
                }
            }
        }
    }
    const method = spec.budgetingMethod;
    if (method !== 'Occurrences' && method !== 'Timeslices' && method !== 'RatioTimeslices') fail('budgetingMethod must be Occurrences, Timeslices or RatioTimeslices');
    if (!Array.isArray(spec.objectives) || spec.objectives.length === 0) return fail('objectives is required');
    const threshold = sli?.thresholdMetric !== undefined;
    if (threshold && spec.objectives.length > 1) fail('with a thresholdMetric only one objective can be defined');
    for (const [i, raw] of spec.objectives.entries()) {
        const objective = raw as Json;
        const at = `objectives[${i}]`;
        if ((objective.target === undefined) === (objective.targetPercent === undefined)) fail(`${at}: exactly one of target and targetPercent`);
        if (objective.target !== undefined && !(typeof objective.target === 'number' && objective.target >= 0 && objective.target < 1)) fail(`${at}.target must be in [0.0, 1.0)`);
        if (objective.targetPercent !== undefined && !(typeof objective.targetPercent === 'number' && objective.targetPercent >= 0 && objective.targetPercent < 100)) fail(`${at}.targetPercent must be in [0.0, 100)`);
        if (threshold) {
            if (!['lte', 'gte', 'lt', 'gt'].includes(objective.op as string)) fail(`${at}.op must be lte, gte, lt or gt with a thresholdMetric`);
            if (typeof objective.value !== 'number') fail(`${at}.value must be a number with a thresholdMetric`);
        } else if (objective.op !== undefined || objective.value !== undefined) {
            fail(`${at}: op and value are only for a thresholdMetric`);
        }
        if (method === 'Timeslices') {
            if (!(typeof objective.timeSliceTarget === 'number' && objective.timeSliceTarget > 0 && objective.timeSliceTarget <= 1)) fail(`${at}.timeSliceTarget in (0.0, 1.0] is required with Timeslices`);
        }
        if (method === 'Timeslices' || method === 'RatioTimeslices') {
            const slice = objective.timeSliceWindow;
            if (!(typeof slice === 'number' && slice > 0) && !(typeof slice === 'string' && DURATION.test(slice))) fail(`${at}.timeSliceWindow is required with ${String(method)}`);
        }
        if (objective.compositeWeight !== undefined && !(typeof objective.compositeWeight === 'number' && objective.compositeWeight > 0)) fail(`${at}.compositeWeight must be above 0`);
    }
}
