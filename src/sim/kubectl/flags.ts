/**
 * Command-line flags as kubectl's cobra/pflag parse them: `--name=value`, `--name value`,
 * `-n value`, `-nvalue`, bool flags alone or as `--name=false`, `--` ending the flags, and
 * cobra's own messages for a flag it does not know or a value that is missing.
 */
export interface FlagSpec {
  name: string;
  short?: string;
  type: 'string' | 'bool' | 'int' | 'stringArray';
  /** pflag's NoOptDefVal: the value when the flag is given without one (`--dry-run`). */
  noOptDefault?: string;
}

export class FlagError extends Error {}

export interface ParsedFlags {
  args: string[];
  values: Map<string, string[]>;
  /** How many args came before `--` (cobra's ArgsLenAtDash), or -1 when there was none. */
  argsLenAtDash?: number;
}

export const GLOBAL_FLAGS: FlagSpec[] = [
  { name: 'namespace', short: 'n', type: 'string' },
  { name: 'help', short: 'h', type: 'bool' },
  { name: 'context', type: 'string' },
  { name: 'kubeconfig', type: 'string' },
  { name: 'v', short: 'v', type: 'int' },
];

export function parseFlags(words: string[], specs: FlagSpec[]): ParsedFlags {
  const all = [...specs, ...GLOBAL_FLAGS];
  const args: string[] = [];
  const values = new Map<string, string[]>();
  let dashAt = -1;
  const set = (spec: FlagSpec, value: string) => {
    if (spec.type === 'int' && !/^-?\d+$/.test(value)) throw new FlagError(`invalid argument "${value}" for "${spec.short ? `-${spec.short}, ` : ''}--${spec.name}" flag: strconv.ParseInt: parsing "${value}": invalid syntax`);
    if (spec.type === 'bool' && !['true', 'false', '1', '0', 't', 'f', 'TRUE', 'FALSE', 'True', 'False'].includes(value)) {
      throw new FlagError(`invalid argument "${value}" for "${spec.short ? `-${spec.short}, ` : ''}--${spec.name}" flag: strconv.ParseBool: parsing "${value}": invalid syntax`);
    }
    const list = values.get(spec.name) ?? [];
    list.push(value);
    values.set(spec.name, list);
  };
  for (let i = 0; i < words.length; i++) {
    const w = words[i]!;
    if (w === '--') {
      dashAt = args.length;
      args.push(...words.slice(i + 1));
      break;
    }
    if (w.startsWith('--') && w.length > 2) {
      const eq = w.indexOf('=');
      const name = eq < 0 ? w.slice(2) : w.slice(2, eq);
      const spec = all.find((s) => s.name === name);
      if (!spec) throw new FlagError(`unknown flag: --${name}`);
      if (eq >= 0) set(spec, w.slice(eq + 1));
      else if (spec.type === 'bool') set(spec, 'true');
      else if (spec.noOptDefault !== undefined) set(spec, spec.noOptDefault);
      else if (i + 1 < words.length) set(spec, words[++i]!);
      else throw new FlagError(`flag needs an argument: --${name}`);
      continue;
    }
    if (w.startsWith('-') && w.length > 1 && !/^-\d/.test(w)) {
      // A group of shorthands: bools may be combined (-Ao is not valid, -A is); the first
      // non-bool takes the rest of the word, or the next word, as its value.
      for (let j = 1; j < w.length; j++) {
        const c = w[j]!;
        const spec = all.find((s) => s.short === c);
        if (!spec) throw new FlagError(`unknown shorthand flag: '${c}' in ${w}`);
        if (spec.type === 'bool') {
          if (w[j + 1] === '=') {
            set(spec, w.slice(j + 2));
            break;
          }
          set(spec, 'true');
          continue;
        }
        const rest = w.slice(j + 1).replace(/^=/, '');
        if (rest !== '') set(spec, rest);
        else if (spec.noOptDefault !== undefined) set(spec, spec.noOptDefault);
        else if (i + 1 < words.length) set(spec, words[++i]!);
        else throw new FlagError(`flag needs an argument: '${c}' in -${c}`);
        break;
      }
      continue;
    }
    args.push(w);
  }
  return { args, values, argsLenAtDash: dashAt };
}

export function flagString(parsed: ParsedFlags, name: string, fallback = ''): string {
  const v = parsed.values.get(name);
  return v === undefined ? fallback : v[v.length - 1]!;
}

export function flagBool(parsed: ParsedFlags, name: string): boolean {
  const v = flagString(parsed, name, 'false');
  return ['true', '1', 't', 'TRUE', 'True'].includes(v);
}

export function flagStrings(parsed: ParsedFlags, name: string): string[] {
  return parsed.values.get(name) ?? [];
}

export function hasFlag(parsed: ParsedFlags, name: string): boolean {
  return parsed.values.has(name);
}
