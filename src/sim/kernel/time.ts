/**
 * Calendar arithmetic without the `Date` global (the core never reads the wall clock, and a
 * lint rule keeps `Date` out of it entirely). Days-from-civil after Howard Hinnant's algorithms.
 */

/** The wall-clock instant that virtual time 0 stands for: 2024-08-13T12:00:00Z, v1.31.0's release day. */
export const EPOCH_MS = 1723550400000;

/** Formats Unix milliseconds as RFC 3339 to the second (`2024-08-13T12:00:05Z`), as metav1.Time marshals. */
export function formatRFC3339(unixMs: number): string {
  const totalSeconds = Math.floor(unixMs / 1000);
  const days = Math.floor(totalSeconds / 86400);
  const secondsOfDay = totalSeconds - days * 86400;
  const { year, month, day } = civilFromDays(days);
  const hh = Math.floor(secondsOfDay / 3600);
  const mm = Math.floor((secondsOfDay % 3600) / 60);
  const ss = secondsOfDay % 60;
  // join, not a template: V8 keeps a template's result as a tree of concatenations (some 300
  // bytes), join builds the 20 characters flat, and objects keep these strings for their lifetime.
  return [year, '-', pad2(month), '-', pad2(day), 'T', pad2(hh), ':', pad2(mm), ':', pad2(ss), 'Z'].join('');
}

/** Parses the RFC 3339 form `formatRFC3339` writes (and fractional seconds or offsets) to Unix ms. */
export function parseRFC3339(text: string): number | undefined {
  const m = /^(\d{4})-(\d{2})-(\d{2})[Tt ](\d{2}):(\d{2}):(\d{2})(\.\d+)?(Z|z|[+-]\d{2}:\d{2})$/.exec(text);
  if (!m) return undefined;
  const days = daysFromCivil(Number(m[1]), Number(m[2]), Number(m[3]));
  let ms = ((days * 24 + Number(m[4])) * 60 + Number(m[5])) * 60_000 + Number(m[6]) * 1000;
  if (m[7]) ms += Math.floor(Number(m[7]) * 1000);
  const zone = m[8]!;
  if (zone !== 'Z' && zone !== 'z') {
    const sign = zone.startsWith('-') ? -1 : 1;
    ms -= sign * (Number(zone.slice(1, 3)) * 60 + Number(zone.slice(4, 6))) * 60_000;
  }
  return ms;
}

/** RFC 1123 as Go's http.TimeFormat-like `Tue, 13 Aug 2024 12:00:00 +0000`, which kubectl describe prints. */
export function formatRFC1123Z(unixMs: number): string {
  const totalSeconds = Math.floor(unixMs / 1000);
  const days = Math.floor(totalSeconds / 86400);
  const secondsOfDay = totalSeconds - days * 86400;
  const { year, month, day } = civilFromDays(days);
  const weekday = WEEKDAYS[(((days + 4) % 7) + 7) % 7]!; // 1970-01-01 was a Thursday
  const hh = Math.floor(secondsOfDay / 3600);
  const mm = Math.floor((secondsOfDay % 3600) / 60);
  const ss = secondsOfDay % 60;
  return `${weekday}, ${pad2(day)} ${MONTHS[month - 1]} ${year} ${pad2(hh)}:${pad2(mm)}:${pad2(ss)} +0000`;
}

const WEEKDAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

function pad2(n: number): string {
  return n < 10 ? `0${n}` : String(n);
}

function civilFromDays(z: number): { year: number; month: number; day: number } {
  z += 719468;
  const era = Math.floor(z / 146097);
  const doe = z - era * 146097;
  const yoe = Math.floor((doe - Math.floor(doe / 1460) + Math.floor(doe / 36524) - Math.floor(doe / 146096)) / 365);
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const day = doy - Math.floor((153 * mp + 2) / 5) + 1;
  const month = mp < 10 ? mp + 3 : mp - 9;
  return { year: yoe + era * 400 + (month <= 2 ? 1 : 0), month, day };
}

function daysFromCivil(year: number, month: number, day: number): number {
  year -= month <= 2 ? 1 : 0;
  const era = Math.floor(year / 400);
  const yoe = year - era * 400;
  const doy = Math.floor((153 * (month + (month > 2 ? -3 : 9)) + 2) / 5) + day - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return era * 146097 + doe - 719468;
}
