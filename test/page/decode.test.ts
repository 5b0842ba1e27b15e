import { describe, expect, it } from 'vitest';
import { decodeBytes, normalizeCharset } from '../../src/page/decode.js';
import { parsePage } from '../../src/page/index.js';
import { concat, encodeLatin1, encodeLegacy, utf8 } from './helpers/legacy-encode.js';

const ZH =
  '今天上午，市政府召开新闻发布会，介绍了今年城市交通建设的主要进展。' +
  '发布会上，有关部门负责人表示，地铁新线路将在年底前开通运营，' +
  '同时还将新增公交线路二十条，方便市民日常出行。记者了解到，' +
  '这些项目建成后，中心城区的通勤时间预计可以缩短一刻钟左右。';
const page = (head: string, body: string, title = '新闻'): string =>
  `<!doctype html><html><head>${head}<title>${title}</title></head><body><p>${body}</p></body></html>`;

describe('normalizeCharset', () => {
  it('maps GB2312 and GBK labels to gb18030 and rejects unknown labels', () => {
    expect(normalizeCharset('GB2312')).toBe('gb18030');
    expect(normalizeCharset('gbk')).toBe('gb18030');
    expect(normalizeCharset(' "Shift_JIS" ')).toBe('shift_jis');
    expect(normalizeCharset('iso-8859-1')).toBe('windows-1252');
    expect(normalizeCharset('no-such-charset')).toBeNull();
  });
});

describe('decodeBytes', () => {
  it('decodes the known GBK bytes D6 D0 CE C4 as 中文 when declared', () => {
    const bytes = concat(utf8('<meta charset="gbk"><p>'), Uint8Array.from([0xd6, 0xd0, 0xce, 0xc4]), utf8('</p>'));
    const d = decodeBytes(bytes);
    expect(d.text).toContain('<p>中文</p>');
    expect(d.charset).toBe('gb18030');
    expect(d.source).toBe('meta');
  });

  it('strips a UTF-8 BOM and reports it, even when the meta says otherwise', () => {
    const bytes = concat(Uint8Array.from([0xef, 0xbb, 0xbf]), utf8(page('<meta charset="gbk">', ZH)));
    const d = decodeBytes(bytes);
    expect(d.source).toBe('bom');
    expect(d.charset).toBe('utf-8');
    expect(d.text.startsWith('<!doctype')).toBe(true);
    expect(d.text).toContain(ZH);
  });

  it('decodes UTF-16LE with a BOM', () => {
    const body = Buffer.from(page('', ZH), 'utf16le');
    const d = decodeBytes(concat(Uint8Array.from([0xff, 0xfe]), new Uint8Array(body)));
    expect(d.charset).toBe('utf-16le');
    expect(d.text).toContain(ZH);
  });

  it('decodes UTF-16 without a BOM (LE and BE), told by where its NULs fall, and parses it as a page', () => {
    const le = new Uint8Array(Buffer.from(page('<meta charset="utf-8">', ZH), 'utf16le'));
    const be = new Uint8Array(le.length);
    for (let i = 0; i < le.length; i += 2) {
      be[i] = le[i + 1]!;
      be[i + 1] = le[i]!;
    }
    for (const [bytes, charset] of [[le, 'utf-16le'], [be, 'utf-16be']] as const) {
      const d = decodeBytes(bytes);
      expect(d).toMatchObject({ charset, source: 'sniff' });
      expect(d.text).toContain(ZH);
      const parsed = parsePage(bytes);
      expect(parsed.page.charset).toBe(charset);
      expect(parsed.page.title).toBe('新闻');
      expect(parsed.page.blocks.map((b) => b.text).join(' ')).toContain(ZH);
    }
  });

  it('prefers the HTTP Content-Type charset over the meta declaration', () => {
    const bytes = encodeLegacy(page('<meta charset="big5">', ZH), 'gbk');
    const d = decodeBytes(bytes, { contentType: 'text/html; charset=GBK' });
    expect(d.source).toBe('http');
    expect(d.charset).toBe('gb18030');
    expect(d.text).toContain(ZH);
  });

  it('uses the http-equiv content charset', () => {
    const bytes = encodeLegacy(page('<meta http-equiv="Content-Type" content="text/html; charset=gb2312">', ZH), 'gbk');
    const d = decodeBytes(bytes);
    expect(d).toMatchObject({ charset: 'gb18030', source: 'meta' });
    expect(d.text).toContain(ZH);
  });

  it('decodes Big5 and Shift_JIS when declared', () => {
    const tw = '今天天氣很好，我們一起去公園散步。';
    expect(decodeBytes(encodeLegacy(page('<meta charset="big5">', tw, '新聞'), 'big5')).text).toContain(tw);
    const ja = '東京の天気は晴れです。';
    expect(decodeBytes(encodeLegacy(page('<meta charset="shift_jis">', ja, '天気'), 'shift_jis')).text).toContain(ja);
  });

  it('sees through a meta that says utf-8 on GBK bytes', () => {
    const bytes = encodeLegacy(page('<meta charset="utf-8">', ZH), 'gbk');
    const d = decodeBytes(bytes);
    expect(d.charset).toBe('gb18030');
    expect(d.source).toBe('sniff');
    expect(d.text).toContain(ZH);
    expect(d.text).not.toContain('\uFFFD');
  });

  it('sees through a meta that says iso-8859-1 on GBK bytes', () => {
    const bytes = encodeLegacy(page('<meta charset="iso-8859-1">', ZH + ZH), 'gbk');
    const d = decodeBytes(bytes);
    expect(d.charset).toBe('gb18030');
    expect(d.text).toContain(ZH);
  });

  it('sees through a meta that says iso-8859-1 on UTF-8 bytes', () => {
    const d = decodeBytes(utf8(page('<meta charset="iso-8859-1">', ZH)));
    expect(d.charset).toBe('utf-8');
    expect(d.text).toContain(ZH);
  });

  it('sees through a meta that says gb2312 on UTF-8 bytes', () => {
    const d = decodeBytes(utf8(page('<meta charset="gb2312">', ZH)));
    expect(d.charset).toBe('utf-8');
    expect(d.text).toContain(ZH);
  });

  it('keeps a true windows-1252 declaration on Western text', () => {
    const fr = 'Le café de la gare a fermé ses portes après trente années de service. Über alles: naïve façade.';
    const d = decodeBytes(encodeLatin1(page('<meta charset="windows-1252">', fr)));
    expect(d).toMatchObject({ charset: 'windows-1252', source: 'meta' });
    expect(d.text).toContain(fr);
  });

  it('sniffs GBK without any declaration', () => {
    const d = decodeBytes(encodeLegacy(page('', ZH + ZH), 'gbk'));
    expect(d).toMatchObject({ charset: 'gb18030', source: 'sniff' });
    expect(d.text).toContain(ZH);
  });

  it('defaults to UTF-8 on valid UTF-8 and on pure ASCII', () => {
    expect(decodeBytes(utf8(page('', ZH)))).toMatchObject({ charset: 'utf-8', source: 'default' });
    expect(decodeBytes(utf8('<p>hello</p>'))).toMatchObject({ charset: 'utf-8', source: 'default' });
  });

  it('keeps a UTF-8 declaration when only a stray byte is invalid', () => {
    const bytes = concat(utf8(page('<meta charset="utf-8">', ZH.repeat(4))), Uint8Array.from([0xff]), utf8('<p>end</p>'));
    const d = decodeBytes(bytes);
    expect(d).toMatchObject({ charset: 'utf-8', source: 'meta' });
    expect(d.text).toContain(ZH);
  });

  it('gives readable blocks for a lying page end to end', () => {
    const bytes = encodeLegacy(page('<meta charset="utf-8">', ZH), 'gbk');
    const { page: p } = parsePage(bytes);
    expect(p.title).toBe('新闻');
    expect(p.blocks.map((b) => b.text)).toEqual([ZH]);
  });
});
