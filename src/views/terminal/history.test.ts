import { describe, expect, it } from 'vitest';
import { FRESH_CURSOR, stepHistory } from './history.ts';

describe('stepHistory', () => {
  const history = ['kubectl get pods', 'kubectl get nodes', 'kubectl get svc'];

  it('walks back from the newest command and stops at the oldest', () => {
    const a = stepHistory(history, FRESH_CURSOR, 'kubectl de', 'up');
    expect(a?.text).toBe('kubectl get svc');
    const b = stepHistory(history, a!.cursor, a!.text, 'up');
    const c = stepHistory(history, b!.cursor, b!.text, 'up');
    expect(c?.text).toBe('kubectl get pods');
    expect(stepHistory(history, c!.cursor, c!.text, 'up')).toBeNull();
  });

  it('walks forward and restores the line being typed past the newest', () => {
    const a = stepHistory(history, FRESH_CURSOR, 'kubectl de', 'up')!;
    const b = stepHistory(history, a.cursor, a.text, 'up')!;
    const c = stepHistory(history, b.cursor, b.text, 'down')!;
    expect(c.text).toBe('kubectl get svc');
    const d = stepHistory(history, c.cursor, c.text, 'down')!;
    expect(d).toEqual({ cursor: { index: null, draft: '' }, text: 'kubectl de' });
    expect(stepHistory(history, d.cursor, d.text, 'down')).toBeNull();
  });

  it('does nothing with an empty history', () => {
    expect(stepHistory([], FRESH_CURSOR, 'x', 'up')).toBeNull();
    expect(stepHistory([], FRESH_CURSOR, 'x', 'down')).toBeNull();
  });
});
