import { describe, expect, it } from 'vitest';
import { parseDemoParams } from './params.ts';

const ids = ['job', 'node-failure'];

describe('demo URL parameters', () => {
  it('reads a gallery scenario, speed, time, autoplay and selection', () => {
    expect(parseDemoParams('?scenario=node-failure&speed=4&t=90.5&autoplay=1&select=pods/default/web', ids)).toEqual({
      params: { scenario: 'node-failure', speed: 4, t: 90.5, autoplay: true, selection: 'pods/default/web' },
      warnings: [],
    });
    expect(parseDemoParams('', ids)).toEqual({ params: {}, warnings: [] });
    expect(parseDemoParams('autoplay=0&select=nodes/worker-1', ids).params).toEqual({ autoplay: false, selection: 'nodes/worker-1' });
  });

  it('drops bad values with a warning and keeps the rest', () => {
    expect(parseDemoParams('?scenario=nope&speed=1000&t=-1&autoplay=maybe&select=<script>&speed2=1&t=0x10', ids)).toEqual({
      params: {},
      warnings: [
        'no gallery scenario named "nope"',
        'speed must be a number from 0.25 to 100, got "1000"',
        't must be a number of seconds from 0 to 2592000, got "-1"',
        'autoplay must be 1 or 0, got "maybe"',
        'select must look like pods/default/web, got "<script>"',
        'unknown parameter "speed2"',
      ],
    });
    expect(parseDemoParams('t=1e3', ids).warnings).toEqual(['t must be a number of seconds from 0 to 2592000, got "1e3"']);
  });

  it('reads the language and the fault hooks switch', () => {
    expect(parseDemoParams('?lang=zh&faults=1&empty=1', ids)).toEqual({ params: { lang: 'zh', faults: true, empty: true }, warnings: [] });
    expect(parseDemoParams('?lang=fr', ids).warnings).toEqual(['lang must be en or zh, got "fr"']);
  });
});
