import { describe, expect, it } from 'vitest';
import { browserLanguage, message } from './i18n.ts';

describe('i18n', () => {
  it('fills placeholders in each language', () => {
    expect(message('en', 'linkLength', { n: 548 })).toBe('548 characters; it replays this history up to now.');
    expect(message('zh', 'linkLength', { n: 548 })).toBe('548 个字符；打开它会重放到目前为止的这段历史。');
  });

  it('starts in Chinese for a Chinese browser', () => {
    expect(browserLanguage(['zh-CN', 'en'])).toBe('zh');
    expect(browserLanguage(['en-US', 'zh-TW'])).toBe('en');
    expect(browserLanguage(['en-US'])).toBe('en');
    expect(browserLanguage([])).toBe('en');
  });
});
