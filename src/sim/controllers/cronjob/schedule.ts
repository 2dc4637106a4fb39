/**
 * Cron schedules as the CronJob controller parses them: `cron.ParseStandard` from
 * github.com/robfig/cron/v3 (parser.go, spec.go), all in UTC. Five fields (minute hour
 * day-of-month month day-of-week) with `*`, `?`, ranges, steps (star-slash-5, `1-30/2`, `5/15`), lists,
 * month and weekday names, and the descriptors `@yearly` `@annually` `@monthly` `@weekly`
 * `@daily` `@midnight` `@hourly` and `@every <duration>`. `spec.timeZone` / `CRON_TZ=` are not
 * supported: every schedule is read in UTC (the kubeadm cluster's kube-controller-manager TZ).
 */

export interface Schedule {
  /** The first activation strictly after `unixMs` (Unix ms), or undefined within five years. */
  next(unixMs: number): number | undefined;
}

interface Bounds {
  min: number;
  max: number;
  names?: Record<string, number>;
}

const MONTH_NAMES: Record<string, number> = { jan: 1, feb: 2, mar: 3, apr: 4, may: 5, jun: 6, jul: 7, aug: 8, sep: 9, oct: 10, nov: 11, dec: 12 };
const DOW_NAMES: Record<string, number> = { sun: 0, mon: 1, tue: 2, wed: 3, thu: 4, fri: 5, sat: 6 };
const FIELDS: readonly Bounds[] = [
  { min: 0, max: 59 },
  { min: 0, max: 23 },
  { min: 1, max: 31 },
  { min: 1, max: 12, names: MONTH_NAMES },
  { min: 0, max: 6, names: DOW_NAMES },
];
const DESCRIPTORS: Record<string, string> = {
  '@yearly': '0 0 1 1 *',
  '@annually': '0 0 1 1 *',
  '@monthly': '0 0 1 * *',
  '@weekly': '0 0 * * 0',
  '@daily': '0 0 * * *',
  '@midnight': '0 0 * * *',
  '@hourly': '0 * * * *',
};

export class ScheduleParseError extends Error {}

/** One field: the allowed values, and whether it was `*` / `?` (robfig's starBit). */
interface Field {
  values: Set<number>;
  star: boolean;
}

/** Parses a schedule; throws ScheduleParseError with robfig's messages. */
export function parseSchedule(spec: string): Schedule {
  const text = spec.trim();
  if (text.length === 0) throw new ScheduleParseError('empty spec string');
  if (text.startsWith('TZ=') || text.startsWith('CRON_TZ=')) throw new ScheduleParseError('time zones are not supported by this simulation');
  if (text.startsWith('@every ')) return everySchedule(text.slice(7).trim());
  const expanded = text.startsWith('@') ? DESCRIPTORS[text] : text;
  if (expanded === undefined) throw new ScheduleParseError(`unrecognized descriptor: ${text}`);
  const parts = expanded.split(/\s+/);
  if (parts.length !== 5) throw new ScheduleParseError(`expected exactly 5 fields, found ${parts.length}: [${parts.join(' ')}]`);
  const fields = parts.map((p, i) => parseField(p, FIELDS[i]!));
  return { next: (unixMs) => nextTime(fields, unixMs) };
}

function parseField(text: string, b: Bounds): Field {
  const values = new Set<number>();
  let star = false;
  for (const expr of text.split(',')) {
    const [range, stepText, extra] = expr.split('/');
    if (extra !== undefined) throw new ScheduleParseError(`too many slashes: ${expr}`);
    let start: number;
    let end: number;
    let isStar = false;
    if (range === '*' || range === '?') {
      start = b.min;
      end = b.max;
      isStar = true;
    } else {
      const [lo, hi, more] = range!.split('-');
      if (more !== undefined) throw new ScheduleParseError(`too many hyphens: ${expr}`);
      start = parseValue(lo!, b);
      end = hi === undefined ? start : parseValue(hi, b);
    }
    let step = 1;
    if (stepText !== undefined) {
      step = parseNumber(stepText);
      // "N/step" means "N-max/step".
      if (!isStar && !range!.includes('-')) end = b.max;
      if (step > 1) isStar = false;
    }
    if (start < b.min) throw new ScheduleParseError(`beginning of range (${start}) below minimum (${b.min}): ${expr}`);
    if (end > b.max) throw new ScheduleParseError(`end of range (${end}) above maximum (${b.max}): ${expr}`);
    if (start > end) throw new ScheduleParseError(`beginning of range (${start}) beyond end of range (${end}): ${expr}`);
    if (step === 0) throw new ScheduleParseError(`step of range should be a positive number: ${expr}`);
    for (let v = start; v <= end; v += step) values.add(v);
    star ||= isStar;
  }
  return { values, star };
}

function parseValue(text: string, b: Bounds): number {
  const named = b.names?.[text.toLowerCase()];
  return named ?? parseNumber(text);
}

function parseNumber(text: string): number {
  if (!/^\d+$/.test(text)) throw new ScheduleParseError(`failed to parse int from ${text}`);
  return Number(text);
}

function everySchedule(text: string): Schedule {
  const m = /^(?:(\d+)h)?(?:(\d+)m)?(?:(\d+)s)?$/.exec(text);
  if (!m || text === '') throw new ScheduleParseError(`failed to parse duration @every ${text}`);
  // robfig's ConstantDelaySchedule rounds to whole seconds, at least one.
  const ms = Math.max(1000, ((Number(m[1] ?? 0) * 60 + Number(m[2] ?? 0)) * 60 + Number(m[3] ?? 0)) * 1000);
  return { next: (unixMs) => Math.floor(unixMs / 1000) * 1000 + ms };
}

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

/** SpecSchedule.Next over UTC: jump month, day, hour, minute until all match (five-year limit). */
function nextTime(f: Field[], unixMs: number): number | undefined {
  const [minute, hour, dom, month, dow] = f as [Field, Field, Field, Field, Field];
  let t = Math.floor(unixMs / MINUTE) * MINUTE + MINUTE;
  const limit = t + 5 * 366 * DAY;
  while (t <= limit) {
    const days = Math.floor(t / DAY);
    const c = civil(days);
    if (!month.values.has(c.month)) {
      t = (c.month === 12 ? daysFrom(c.year + 1, 1, 1) : daysFrom(c.year, c.month + 1, 1)) * DAY;
      continue;
    }
    const weekday = (((days + 4) % 7) + 7) % 7; // 1970-01-01 was a Thursday.
    const domMatch = dom.values.has(c.day);
    const dowMatch = dow.values.has(weekday);
    const dayMatch = dom.star || dow.star ? domMatch && dowMatch : domMatch || dowMatch;
    if (!dayMatch) {
      t = (days + 1) * DAY;
      continue;
    }
    const h = Math.floor((t % DAY) / HOUR);
    if (!hour.values.has(h)) {
      t = Math.floor(t / HOUR) * HOUR + HOUR;
      continue;
    }
    const m = Math.floor((t % HOUR) / MINUTE);
    if (!minute.values.has(m)) {
      t += MINUTE;
      continue;
    }
    return t;
  }
  return undefined;
}

/** Howard Hinnant's civil_from_days. */
function civil(z0: number): { year: number; month: number; day: number } {
  const z = z0 + 719468;
  const era = Math.floor(z / 146097);
  const doe = z - era * 146097;
  const yoe = Math.floor((doe - Math.floor(doe / 1460) + Math.floor(doe / 36524) - Math.floor(doe / 146096)) / 365);
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const day = doy - Math.floor((153 * mp + 2) / 5) + 1;
  const month = mp < 10 ? mp + 3 : mp - 9;
  return { year: yoe + era * 400 + (month <= 2 ? 1 : 0), month, day };
}

/** Howard Hinnant's days_from_civil. */
function daysFrom(year: number, month: number, day: number): number {
  const y = month <= 2 ? year - 1 : year;
  const era = Math.floor(y / 400);
  const yoe = y - era * 400;
  const doy = Math.floor((153 * (month + (month > 2 ? -3 : 9)) + 2) / 5) + day - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return era * 146097 + doe - 719468;
}
