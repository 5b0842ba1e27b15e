import { describe, expect, it } from 'vitest';
import { describeError, InputError, LabelError } from '../src/errors.js';

describe('errors', () => {
  it('carry the file and the reason in one line', () => {
    const e = new InputError('pages/a.html', 'empty file');
    expect(e.message).toBe('pages/a.html: empty file');
    expect(e.file).toBe('pages/a.html');
    expect(describeError(e)).toBe('pages/a.html: empty file');
  });
  it('name the line of a labels file', () => {
    const e = new LabelError('labels.jsonl', 7, 'missing field "file"');
    expect(e.message).toBe('labels.jsonl:7: missing field "file"');
  });
  it('reduce a foreign error to its first line', () => {
    expect(describeError(new Error('boom\n  at x'), 'f.txt')).toBe('f.txt: boom');
  });
});
