import { AstUtils, type ValidationAcceptor, type ValidationChecks } from 'langium';
import { checkZoneName } from '@sla/engine';
import {
    isCalendar, isElapsed, isFee, isMaintenance, isService, isTimezoneDeclaration, isUptime, isWindow, type Agreement, type SlaAstType,
    type TimezoneDeclaration
} from '../generated/ast.js';
import type { Range } from 'vscode-languageserver-types';
import { fix, insertAfterNode, replaceNode, type QuickFix } from './quick-fix.js';
import { keywordNode, propertyNode, report, theNamed } from './report.js';
import { isCalendarAligned } from '../model/windows.js';

/** Time zones: calendar windows, calendars and maintenance need one, and it must be a real zone. */
export function timezoneChecks(): ValidationChecks<SlaAstType> {
    return {
        TimezoneDeclaration: checkZoneDeclaration,
        Agreement: checkAgreementHasZone
    };
}

function checkZoneDeclaration(declaration: TimezoneDeclaration, accept: ValidationAcceptor): void {
    if (declaration.zone === undefined) return;
    const zone = unquote(declaration.zone);
    const verdict = checkZoneName(zone);
    // `Etc/GMT+1` is UTC−01:00: the POSIX sign, the opposite of what readers take it for.
    const etc = /^Etc\/GMT([+-])(\d{1,2})$/.exec(zone);
    if (verdict.kind === 'ok' && etc && etc[2] !== '0') {
        report(accept, 'timezone-unknown',
            `"${zone}" is UTC${etc[1] === '+' ? '−' : '+'}${etc[2]!.padStart(2, '0')}:00, not UTC${etc[1]}${etc[2]!.padStart(2, '0')}:00: in the Etc zones the sign is inverted (POSIX), which readers of a contract will not expect. Prefer a city zone (Region/City) that keeps this offset.`,
            { node: declaration, property: 'zone' }, { severity: 'warning' });
        return;
    }
    if (verdict.kind === 'ok') return;
    // Looked up only for a fix: finding a property's token walks the declaration's syntax nodes.
    const zoneNode = propertyNode(declaration, 'zone');
    const fixes = zoneNode ? verdict.suggestions.map((name, i) => fix(`Use "${name}"`, [replaceNode(zoneNode, `"${name}"`)], i === 0)) : [];
    const suggestion = verdict.suggestions.length > 0 ? ` Did you mean ${verdict.suggestions.map(s => `"${s}"`).join(' or ')}?` : '';
    if (verdict.kind === 'abbreviation') {
        report(accept, 'timezone-unknown',
            `"${zone}" is a fixed abbreviation zone: readers take it for the local time of a city, but it does not follow that city's daylight-saving rules and politics. Prefer a city zone (Region/City).${suggestion}`,
            { node: declaration, property: 'zone' }, { severity: 'warning', fixes });
        return;
    }
    report(accept, 'timezone-unknown',
        `"${zone}" is not an IANA time zone name, so no one can say when a day or month starts. Write a zone like "Europe/Berlin" or "UTC".${suggestion}`,
        { node: declaration, property: 'zone' }, { fixes });
}

/**
 * `timezone UTC`: a bare name after `timezone` is read as a template's timezone parameter.
 * When no parameter has that name and it is a zone (or close to one), the zone was meant:
 * what to say, and fixes that write it in quotes over `range` (the name). Undefined when the
 * name is nothing like a zone.
 */
export function unquotedZone(name: string, range: Range): { message: string; fixes: QuickFix[] } | undefined {
    const verdict = checkZoneName(name);
    const zones = verdict.kind === 'unknown' ? verdict.suggestions : [name];
    if (zones.length === 0) return undefined;
    const message = verdict.kind === 'unknown'
        ? `'${name}' is not a time zone, and no timezone parameter of that name is declared. A time zone is an IANA name in quotes: write e.g. 'timezone "${zones[0]}"'.`
        : `A time zone is written in quotes: write 'timezone "${name}"'. Without them, '${name}' is read as the name of a template's timezone parameter, and none is declared.`;
    return { message, fixes: zones.map((zone, i) => fix(`Write '"${zone}"'`, [{ range, newText: `"${zone}"` }], i === 0)) };
}

function checkAgreementHasZone(agreement: Agreement, accept: ValidationAcceptor): void {
    const declarations = agreement.members.filter(isTimezoneDeclaration);
    if (declarations.length > 0) return;
    const reason = whyZoneNeeded(agreement);
    if (!reason) return;
    const brace = keywordNode(agreement, '{');
    const nameNode = propertyNode(agreement, 'name');
    if (!nameNode) return;
    const indent = ' '.repeat((agreement.$cstNode?.range.start.character ?? 0) + 4);
    const { misplaced, zones } = zonesWrittenIn(agreement);
    const misplacedIn = misplaced ? AstUtils.getContainerOfType(misplaced, isService) : undefined;
    const advice = misplaced && misplacedIn
        ? `The service '${misplacedIn.name}' states '${misplaced.$cstNode?.text.trim() ?? `timezone "${misplaced.zone}"`}', which belongs to the agreement: move it there.`
        : `Add 'timezone "${zones[0] ?? 'Europe/Berlin'}"' (or your zone) to the agreement.`;
    // The zones written in the file first: a month that starts in UTC instead of Berlin moves every
    // window by one or two hours. One written zone (else UTC when none is) is the preferred fix, but
    // not while a misplaced one is there: moving that one (sla/member-misplaced) settles this too.
    const candidates = [...new Set([...zones, 'UTC'])];
    const preferred = !misplaced && zones.length <= 1;
    report(accept, 'timezone-missing',
        `The agreement has no time zone, but ${reason}: when does a day or a month start? ${advice}`,
        { node: agreement, property: 'name' },
        { fixes: brace ? candidates.map((zone, i) => fix(`Add timezone "${zone}"`, [insertAfterNode(brace, `\n${indent}timezone "${zone}"`)], preferred && i === 0)) : [] });
}

/**
 * The zones (in quotes) written inside the agreement's services, calendars and maintenance, in
 * order and once each, and the first written in a service, where it is misplaced (misplaced-members.ts).
 */
function zonesWrittenIn(agreement: Agreement): { misplaced?: TimezoneDeclaration; zones: string[] } {
    const written = AstUtils.streamAllContents(agreement).filter(isTimezoneDeclaration)
        .filter(declaration => isService(declaration.$container) || isCalendar(declaration.$container) || isMaintenance(declaration.$container))
        .toArray();
    const zones = written.filter(declaration => declaration.parameter === undefined && declaration.zone && checkZoneName(declaration.zone).kind === 'ok')
        .map(declaration => declaration.zone);
    return { misplaced: written.find(declaration => isService(declaration.$container)), zones: [...new Set(zones)] };
}

/** What in the agreement depends on local time, for the message; undefined when nothing does. */
function whyZoneNeeded(agreement: Agreement): string | undefined {
    for (const node of AstUtils.streamAst(agreement)) {
        if (isWindow(node) && isCalendarAligned(node)) return `${node.$cstNode ? `'${node.$cstNode.text}'` : 'a calendar window'} is aligned to the calendar`;
        // `fee 2000 EUR` is per calendar month (language reference § 3.4), as if written out.
        if (isFee(node) && node.amount && !node.window) return `the fee${node.$cstNode ? ` '${node.$cstNode.text}'` : ''} is per calendar month`;
        if (isCalendar(node) && node.timezones.length === 0) return `${theNamed('calendar', node.name)} has working hours`;
        if (isMaintenance(node) && node.timezones.length === 0 && node.slots.length > 0) return `${theNamed('maintenance', node.name)} has local times`;
        // In a template a reference may name a parameter (`parameter hours calendar`) instead
        // of a calendar or maintenance: whose zone is then unknown until a client fills it in.
        const calendar = (isElapsed(node) || isUptime(node)) ? node.calendar?.ref : undefined;
        if (isCalendar(calendar) && calendar.timezones.length === 0) {
            return `${theNamed('calendar', calendar.name)} is used`;
        }
        if (isUptime(node) && [...node.exclusions, ...node.available].some(e => isMaintenance(e.ref) && e.ref.timezones.length === 0 && e.ref.slots.length > 0)) {
            return node.exclusions.some(e => isMaintenance(e.ref) && e.ref.timezones.length === 0 && e.ref.slots.length > 0)
                ? 'a maintenance window is excluded' : 'a maintenance window is counted as available';
        }
    }
    return undefined;
}

function unquote(text: string): string {
    return text.length >= 2 && text.startsWith('"') && text.endsWith('"') ? text.slice(1, -1) : text;
}
