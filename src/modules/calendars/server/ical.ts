/*
 * A small iCalendar (RFC 5545) reader: unfolds lines, splits properties into name, parameters and
 * value, nests components, and reads date-times as UTC, floating or in a TZID zone. It never
 * throws on content it does not know; a calendar it cannot read at all is an IcalError.
 */

export class IcalError extends Error {}

export interface IcalProperty {
  name: string;
  params: Record<string, string>;
  value: string;
}

export interface IcalComponent {
  name: string;
  properties: IcalProperty[];
  components: IcalComponent[];
}

/** Continuation lines start with a space or a tab (RFC 5545 §3.1); either line end is accepted. */
export function unfold(text: string): string[] {
  return text
    .replace(/\r\n|\r/g, '\n')
    .replace(/\n[ \t]/g, '')
    .split('\n')
    .filter((line) => line.trim() !== '');
}

/** `NAME;P1=a;P2="b;c":value`: the value starts at the first colon outside quotes. */
export function parseLine(line: string): IcalProperty {
  let quoted = false;
  let colon = -1;
  for (let i = 0; i < line.length; i++) {
    if (line[i] === '"') quoted = !quoted;
    else if (line[i] === ':' && !quoted) {
      colon = i;
      break;
    }
  }
  if (colon <= 0) throw new IcalError(`A line has no value: ${line.slice(0, 60)}`);
  const head = line.slice(0, colon).match(/(?:[^;"]|"[^"]*")+/g) ?? [];
  const params: Record<string, string> = {};
  for (const part of head.slice(1)) {
    const eq = part.indexOf('=');
    if (eq > 0) params[part.slice(0, eq).toUpperCase()] = part.slice(eq + 1).replace(/^"|"$/g, '');
  }
  return { name: (head[0] ?? '').toUpperCase(), params, value: line.slice(colon + 1) };
}

/** The calendar's components, nested as they were written; refused when BEGIN and END do not pair. */
export function parseCalendar(text: string): IcalComponent {
  const stack: IcalComponent[] = [];
  let root: IcalComponent | null = null;
  for (const line of unfold(text)) {
    const property = parseLine(line);
    if (property.name === 'BEGIN') {
      const component = { name: property.value.trim().toUpperCase(), properties: [], components: [] };
      if (stack.length) stack[stack.length - 1].components.push(component);
      else if (root) throw new IcalError('Text follows the end of the calendar');
      else root = component;
      stack.push(component);
    } else if (property.name === 'END') {
      const open = stack.pop();
      if (!open || open.name !== property.value.trim().toUpperCase())
        throw new IcalError(`END:${property.value} does not close ${open ? open.name : 'anything'}`);
    } else if (stack.length) stack[stack.length - 1].properties.push(property);
    else throw new IcalError(`${property.name} stands outside any component`);
  }
  if (!root || stack.length) throw new IcalError('The calendar is not closed (END:VCALENDAR is missing)');
  if (root.name !== 'VCALENDAR') throw new IcalError(`The text is a ${root.name}, not a VCALENDAR`);
  return root;
}

export const propertyOf = (c: IcalComponent, name: string) => c.properties.find((p) => p.name === name);
export const propertiesOf = (c: IcalComponent, name: string) => c.properties.filter((p) => p.name === name);

/** TEXT values: `\n`, `\,`, `\;` and `\\` as written by the escaping side. */
export function unescapeText(value: string): string {
  return value.replace(/\\([\\;,nN])/g, (_m, c: string) => (c === 'n' || c === 'N' ? '\n' : c));
}

/** The offset of `zone` from UTC, in minutes, at the instant `utcMs`, by the platform's time-zone data. */
function zoneOffsetMinutes(zone: string, utcMs: number): number {
  const parts = new Intl.DateTimeFormat('en-US', {
    timeZone: zone,
    hourCycle: 'h23',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    second: '2-digit',
  }).formatToParts(new Date(utcMs));
  const n = (type: string) => Number(parts.find((p) => p.type === type)?.value);
  const local = Date.UTC(n('year'), n('month') - 1, n('day'), n('hour'), n('minute'), n('second'));
  return Math.round((local - utcMs) / 60_000);
}

const knownZone = (zone: string) => {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: zone });
    return true;
  } catch {
    return false;
  }
};

/** A VTIMEZONE's offset when its name is not an IANA zone (Outlook's "W. Europe Standard Time"): its STANDARD offset. */
function declaredOffset(calendar: IcalComponent, zone: string): number | null {
  const tz = calendar.components.find((c) => c.name === 'VTIMEZONE' && propertyOf(c, 'TZID')?.value === zone);
  const standard = tz?.components.find((c) => c.name === 'STANDARD') ?? tz?.components[0];
  const to = standard ? propertyOf(standard, 'TZOFFSETTO')?.value : undefined;
  const m = to ? /^([+-])(\d{2})(\d{2})/.exec(to) : null;
  return m ? (m[1] === '-' ? -1 : 1) * (Number(m[2]) * 60 + Number(m[3])) : null;
}

export interface IcalTime {
  /** the instant, as ISO 8601 in UTC */
  iso: string;
  /** a DATE value: a whole day, without a time */
  allDay: boolean;
}

/**
 * A DATE or DATE-TIME property as an instant: `Z` is UTC; a TZID is read through Intl (or the
 * calendar's VTIMEZONE when the name is not an IANA zone); a floating time is taken as UTC.
 */
export function timeOf(calendar: IcalComponent, property: IcalProperty): IcalTime {
  const v = property.value.trim();
  const date = /^(\d{4})(\d{2})(\d{2})$/.exec(v);
  if (date) {
    return { iso: new Date(Date.UTC(+date[1], +date[2] - 1, +date[3])).toISOString(), allDay: true };
  }
  const m = /^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})(Z?)$/.exec(v);
  if (!m) throw new IcalError(`${property.name} is not a date or time: ${v.slice(0, 40)}`);
  const wall = Date.UTC(+m[1], +m[2] - 1, +m[3], +m[4], +m[5], +m[6]);
  if (Number.isNaN(wall)) throw new IcalError(`${property.name} is not a real date: ${v}`);
  const zone = property.params.TZID?.replace(/^\//, '');
  if (m[7] === 'Z' || !zone) return { iso: new Date(wall).toISOString(), allDay: false };
  let offset: number | null;
  if (knownZone(zone)) {
    // The offset at the wall time, corrected once for a change of offset between the two instants.
    offset = zoneOffsetMinutes(zone, wall);
    offset = zoneOffsetMinutes(zone, wall - offset * 60_000);
  } else offset = declaredOffset(calendar, zone);
  if (offset === null) throw new IcalError(`The time zone ${zone} is unknown`);
  return { iso: new Date(wall - offset * 60_000).toISOString(), allDay: false };
}

/** An RFC 5545 DURATION (`PT1H30M`, `P1D`, `-PT15M`) in minutes. */
export function durationMinutes(value: string): number {
  const m = /^([+-])?P(?:(\d+)W)?(?:(\d+)D)?(?:T(?:(\d+)H)?(?:(\d+)M)?(?:(\d+)S)?)?$/.exec(value.trim());
  if (!m) throw new IcalError(`DURATION is not a duration: ${value.slice(0, 40)}`);
  const minutes =
    Number(m[2] ?? 0) * 7 * 1440 +
    Number(m[3] ?? 0) * 1440 +
    Number(m[4] ?? 0) * 60 +
    Number(m[5] ?? 0) +
    Math.floor(Number(m[6] ?? 0) / 60);
  return m[1] === '-' ? -minutes : minutes;
}
