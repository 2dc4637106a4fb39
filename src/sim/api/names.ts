import type { Prng } from '../kernel/prng.ts';

/** apimachinery's rand alphabet: no vowels (no words) and no confusable 0/1/3. */
export const ALPHANUMS = 'bcdfghjklmnpqrstvwxz2456789';

/** `apiserver/pkg/storage/names`: maxNameLength 63, randomLength 5, so the base keeps 58. */
export function generateName(base: string, rng: Prng): string {
  const trimmed = base.length > 58 ? base.slice(0, 58) : base;
  const parts = [trimmed];
  for (let i = 0; i < 5; i++) parts.push(ALPHANUMS[rng.intBelow(ALPHANUMS.length)]!);
  return parts.join('');
}

/** A random (version 4) UUID drawn from the simulation's PRNG, as the API server gives uids. */
export function newUid(rng: Prng): string {
  const hex = (n: number) => n.toString(16).padStart(8, '0');
  const a = hex(rng.nextUint32());
  const b = hex(rng.nextUint32());
  const c = hex(rng.nextUint32());
  const d = hex(rng.nextUint32());
  const variant = ((parseInt(c[0]!, 16) & 0x3) | 0x8).toString(16);
  // join builds the string flat (a template's result is a tree of concatenations, several times
  // larger, and every object keeps its uid for its lifetime).
  return [a, '-', b.slice(0, 4), '-4', b.slice(5, 8), '-', variant, c.slice(1, 4), '-', c.slice(4, 8), d].join('');
}
