/**
 * URL parameters for demos and slides: `?scenario=<gallery id>&speed=4&t=90&autoplay=1&select=pods/default/web`.
 * Untrusted like links: each value is checked and a bad one is dropped with a warning, never
 * fatal, so a typo in a slide's URL still opens the page.
 */
import { LIMITS } from '../scenarios/validate.ts';

export interface DemoParams {
  /** A gallery entry's id. */
  scenario?: string;
  speed?: number;
  /** Virtual seconds to jump to. */
  t?: number;
  autoplay?: boolean;
  /** `pods/default/web` style. */
  selection?: string;
  /** The lessons' language. */
  lang?: 'en' | 'zh';
  /** `faults=1`: fault-injection hooks for tests and demos (see src/app/restore.ts). */
  faults?: boolean;
  /** `empty=1`: start with an empty cluster instead of the welcome scenario or the saved work. */
  empty?: boolean;
}

const KNOWN = ['scenario', 'speed', 't', 'autoplay', 'select', 'lang', 'faults', 'empty'];

/** Reads `location.search` (with or without `?`); `galleryIds` are the ids `scenario` may name. */
export function parseDemoParams(search: string, galleryIds: readonly string[]): { params: DemoParams; warnings: string[] } {
  const q = new URLSearchParams(search.startsWith('?') ? search.slice(1) : search);
  const params: DemoParams = {};
  const warnings: string[] = [];
  const scenario = q.get('scenario');
  if (scenario !== null) {
    if (galleryIds.includes(scenario)) params.scenario = scenario;
    else warnings.push(`no gallery scenario named ${JSON.stringify(scenario.slice(0, 64))}`);
  }
  const speed = q.get('speed');
  if (speed !== null) {
    const n = decimal(speed);
    if (n !== undefined && n >= LIMITS.speedMin && n <= LIMITS.speedMax) params.speed = n;
    else warnings.push(`speed must be a number from ${LIMITS.speedMin} to ${LIMITS.speedMax}, got ${JSON.stringify(speed.slice(0, 32))}`);
  }
  const t = q.get('t');
  if (t !== null) {
    const n = decimal(t);
    if (n !== undefined && n >= 0 && n <= LIMITS.atMax) params.t = n;
    else warnings.push(`t must be a number of seconds from 0 to ${LIMITS.atMax}, got ${JSON.stringify(t.slice(0, 32))}`);
  }
  const autoplay = q.get('autoplay');
  if (autoplay !== null) {
    if (['', '1', 'true', 'yes'].includes(autoplay)) params.autoplay = true;
    else if (['0', 'false', 'no'].includes(autoplay)) params.autoplay = false;
    else warnings.push(`autoplay must be 1 or 0, got ${JSON.stringify(autoplay.slice(0, 32))}`);
  }
  const select = q.get('select');
  if (select !== null) {
    // resource/namespace/name or resource/name (cluster-scoped), each part a plain Kubernetes name.
    if (/^[a-z0-9.-]{1,63}(\/[a-z0-9.-]{1,253}){1,2}$/.test(select)) params.selection = select;
    else warnings.push(`select must look like pods/default/web, got ${JSON.stringify(select.slice(0, 64))}`);
  }
  const lang = q.get('lang');
  if (lang !== null) {
    if (lang === 'en' || lang === 'zh') params.lang = lang;
    else warnings.push(`lang must be en or zh, got ${JSON.stringify(lang.slice(0, 32))}`);
  }
  if (q.get('faults') === '1') params.faults = true;
  if (q.get('empty') === '1') params.empty = true;
  for (const key of new Set(q.keys())) if (!KNOWN.includes(key)) warnings.push(`unknown parameter ${JSON.stringify(key.slice(0, 32))}`);
  return { params, warnings };
}

/** A plain decimal (`90`, `2.5`): Number() would also take `0x10`, `1e3` and ``. */
function decimal(s: string): number | undefined {
  return /^\d{1,9}(\.\d{1,6})?$/.test(s) ? Number(s) : undefined;
}
