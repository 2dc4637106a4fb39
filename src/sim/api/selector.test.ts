import { describe, expect, it } from 'vitest';
import { formatSelector, fromLabelSelector, matches, parseSelector, SelectorParseError } from './selector.ts';

describe('label selectors', () => {
  const labels = { app: 'web', tier: 'frontend', env: 'prod' };

  it('parses and matches the equality-based forms', () => {
    expect(matches(parseSelector('app=web'), labels)).toBe(true);
    expect(matches(parseSelector('app==web,tier=frontend'), labels)).toBe(true);
    expect(matches(parseSelector('app!=web'), labels)).toBe(false);
    expect(matches(parseSelector('app!=db'), labels)).toBe(true);
    expect(matches(parseSelector('missing!=x'), labels)).toBe(true);
  });

  it('parses and matches the set-based forms', () => {
    expect(matches(parseSelector('env in (prod, staging)'), labels)).toBe(true);
    expect(matches(parseSelector('env notin (prod)'), labels)).toBe(false);
    expect(matches(parseSelector('tier'), labels)).toBe(true);
    expect(matches(parseSelector('!tier'), labels)).toBe(false);
    expect(matches(parseSelector('!missing,app in (web)'), labels)).toBe(true);
    expect(matches(parseSelector(''), labels)).toBe(true);
  });

  it('rejects malformed selectors with apimachinery-style messages', () => {
    expect(() => parseSelector('env in prod')).toThrow(new SelectorParseError("found 'prod', expected: '('"));
    expect(() => parseSelector('a=b c')).toThrow(SelectorParseError);
  });

  it('converts LabelSelector objects and formats them as kubectl prints them', () => {
    const sel = fromLabelSelector({ matchLabels: { tier: 'frontend', app: 'web' }, matchExpressions: [{ key: 'env', operator: 'In', values: ['staging', 'prod'] }] });
    expect(formatSelector(sel)).toBe('app=web,tier=frontend,env in (prod,staging)');
    expect(matches(sel, labels)).toBe(true);
  });
});
