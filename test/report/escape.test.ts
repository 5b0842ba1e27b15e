import { describe, expect, it } from 'vitest';
import { embedJson, escapeHtml } from '../../src/report/escape.js';

describe('escapeHtml', () => {
  it('escapes markup characters and quotes', () => {
    expect(escapeHtml(`<a href="x" title='y'>&</a>`)).toBe('&lt;a href=&quot;x&quot; title=&#39;y&#39;&gt;&amp;&lt;/a&gt;');
  });
  it('leaves Chinese and plain text alone', () => {
    expect(escapeHtml('深圳网络公司选择3火星下拉 ok')).toBe('深圳网络公司选择3火星下拉 ok');
  });
});

describe('embedJson', () => {
  const hostile = {
    text: '</script><script>alert(1)</script><!-- <img src=x onerror=alert(2)> </style>',
    amp: 'a & b > c',
    seps: 'line\u2028para\u2029end',
    zh: '友情链接：火星下拉',
  };

  it('contains no character that could end a script element or open a comment', () => {
    const out = embedJson(hostile);
    expect(out).not.toMatch(/[<>&\u2028\u2029]/);
    expect(out).toContain('\\u003c/script\\u003e');
  });

  it('parses back to the same value', () => {
    expect(JSON.parse(embedJson(hostile))).toEqual(hostile);
    expect(JSON.parse(embedJson([1, null, 'x', { a: [0.5] }]))).toEqual([1, null, 'x', { a: [0.5] }]);
  });

  it('keeps non-ASCII text as is, so reports stay compact', () => {
    expect(embedJson('火星下拉')).toBe('"火星下拉"');
  });
});
