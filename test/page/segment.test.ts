import { describe, expect, it } from 'vitest';
import { parsePage, readPage } from '../../src/page/index.js';
import { fixture, selectorProblems } from './helpers/pages.js';

const html = (body: string, head = ''): string => `<!doctype html><html><head>${head}</head><body>${body}</body></html>`;
const blocksOf = (body: string, head = '', url?: string) => readPage(html(body, head), { url }).blocks;

describe('inline merging and block boundaries', () => {
  it('merges inline children into their block and collapses whitespace', () => {
    const b = blocksOf('<p>Hello   <b>bold</b>\n <a href="/x">link</a><span>,</span> <i>and</i>\t<font>more</font></p>');
    expect(b).toHaveLength(1);
    expect(b[0]).toMatchObject({ tag: 'p', text: 'Hello bold link, and more', chars: 25, parts: ['Hello bold link, and more'] });
    expect(b[0].links).toEqual([{ href: '/x', text: 'link', external: null, host: null }]);
    expect(b[0].linkChars).toBe(4);
    expect(b[0].ancestors).toEqual(['html', 'body']);
    expect(b[0].selector).toBe('html > body > p:nth-of-type(1)');
  });

  it('cuts a div around a nested block into before, inner and after blocks', () => {
    const b = blocksOf('<div>before <p>inner</p> after</div>');
    expect(b.map((x) => [x.tag, x.text])).toEqual([['div', 'before'], ['p', 'inner'], ['div', 'after']]);
    expect(b[0].selector).toBe(b[2].selector);
  });

  it('drops script, style, noscript, template and comments, and blocks without visible text', () => {
    const b = blocksOf('<div><script>x=1</script><style>p{}</style><noscript>enable js</noscript><template><p>t</p></template><!-- c --><p> </p><p>kept</p></div>');
    expect(b.map((x) => x.text)).toEqual(['kept']);
  });

  it('splits parts at <br> and marks headings', () => {
    const b = blocksOf('<h2>Title <small>sub</small></h2><p>one<br>two<br/><br>three</p>');
    expect(b[0]).toMatchObject({ tag: 'h2', heading: true, text: 'Title sub' });
    expect(b[1]).toMatchObject({ heading: false, text: 'one two three', parts: ['one', 'two', 'three'] });
  });

  it('gives a run of links separated by punctuation one block whose parts are the link texts', () => {
    const b = blocksOf('<div><a href="a">甲网站</a> | <a href="b">乙网站</a>、<a href="c">丙网站</a><br><a href="d">丁网站</a></div>');
    expect(b).toHaveLength(1);
    expect(b[0].parts).toEqual(['甲网站', '乙网站', '丙网站', '丁网站']);
    expect(b[0].linkChars).toBe(12);
  });

  it('keeps touching links apart by a space', () => {
    const b = blocksOf('<div><a href="a">slots</a><a href="b"><b>pills</b></a>x<a href="c">c</a></div>');
    expect(b[0].text).toBe('slots pillsxc'); // text touching a link stays touching ("<a>Google</a>'s")
    expect(b[0].links.map((l) => l.text)).toEqual(['slots', 'pills', 'c']);
  });

  it('keeps br parts when words stand between the links', () => {
    const b = blocksOf('<p>See <a href="a">this</a> and <a href="b">that</a></p>');
    expect(b[0].parts).toEqual(['See this and that']);
  });
});

describe('lists', () => {
  it('makes a list of inline items one block whose parts are the items', () => {
    const b = blocksOf('<div><ul><li><a href="/1">杭州网络公司首选9火星</a></li><li><a href="/2">宁波网站优化推荐</a></li><li>温州网络公司</li></ul></div>');
    expect(b).toHaveLength(1);
    expect(b[0]).toMatchObject({ tag: 'ul', selector: 'html > body > div:nth-of-type(1) > ul:nth-of-type(1)' });
    expect(b[0].parts).toEqual(['杭州网络公司首选9火星', '宁波网站优化推荐', '温州网络公司']);
    expect(b[0].text).toBe('杭州网络公司首选9火星 宁波网站优化推荐 温州网络公司');
    expect(b[0].links).toHaveLength(2);
  });

  it('merges ol and dl lists too', () => {
    expect(blocksOf('<ol><li>a</li><li>b</li></ol>')[0]).toMatchObject({ tag: 'ol', parts: ['a', 'b'] });
    expect(blocksOf('<dl><dt>term</dt><dd>meaning</dd></dl>')[0]).toMatchObject({ tag: 'dl', parts: ['term', 'meaning'] });
  });

  it('keeps items holding one short heading as a list', () => {
    const b = blocksOf('<ul><li><h3><a href="/n">News</a></h3></li><li><a href="/s">Sport</a></li></ul>');
    expect(b).toHaveLength(1);
    expect(b[0].parts).toEqual(['News', 'Sport']);
  });

  it('does not merge lists whose items hold paragraphs or nested lists', () => {
    const paras = blocksOf('<ul><li><p>first para</p><p>second para</p></li><li>x</li></ul>');
    expect(paras.map((x) => x.tag)).toEqual(['p', 'p', 'li']);
    const nested = blocksOf('<ul><li>a<ul><li>a1</li><li>a2</li></ul></li><li>b</li></ul>');
    expect(nested.map((x) => [x.tag, x.text])).toEqual([['li', 'a'], ['ul', 'a1 a2'], ['li', 'b']]);
  });

  it('does not merge a list whose items differ in hiding', () => {
    const b = blocksOf('<ul><li>shown</li><li style="display:none">secret</li></ul>');
    expect(b.map((x) => [x.tag, x.hiddenBy])).toEqual([['li', null], ['li', 'display:none']]);
  });
});

describe('hidden blocks', () => {
  const hiddenOf = (body: string, head = ''): Array<[string, string | null]> => blocksOf(body, head).map((b) => [b.text, b.hiddenBy]);

  it('reads inline styles', () => {
    expect(hiddenOf('<div style="display: none">a</div><div style="visibility:hidden">b</div><div style="font-size:0">c</div><div style="font-size:1px">d</div><div style="font-size:12px">e</div>')).toEqual([
      ['a', 'display:none'], ['b', 'visibility:hidden'], ['c', 'font-size:0'], ['d', 'font-size:0'], ['e', null],
    ]);
  });

  it('finds off-screen positioning and zero-size boxes', () => {
    expect(hiddenOf('<div style="position:absolute;left:-9999px">a</div><div style="position:fixed; top:-1200px">b</div><div style="text-indent:-3000px">c</div><div style="left:-9999px">d</div><div style="height:0;overflow:hidden">e</div><div style="height:0">f</div>')).toEqual([
      ['a', 'off-screen'], ['b', 'off-screen'], ['c', 'off-screen'], ['d', null], ['e', 'zero-size'], ['f', null],
    ]);
  });

  it('reads the hidden attribute and hides descendants of hidden ancestors', () => {
    expect(hiddenOf('<section hidden><div><p>deep <a href="x">link</a></p></div></section><p>after</p>')).toEqual([
      ['deep link', 'hidden attribute'], ['after', null],
    ]);
  });

  it('reads class, id and tag.class rules from the page\'s <style>', () => {
    const head = '<style>/* c */ .sl{display:none} #box{position:absolute;left:-5000px} div.small{font-size:0} p.small{color:red} @media print{.plain{display:none}}</style>';
    expect(hiddenOf('<div class="x sl">a</div><div id="box">b</div><div class="small">c</div><p class="small">d</p><div class="plain">e</div>', head)).toEqual([
      ['a', 'display:none'], ['b', 'off-screen'], ['c', 'font-size:0'], ['d', null], ['e', null],
    ]);
  });

  it('lets an inline style override a rule and a readable font-size undo a tiny one', () => {
    const head = '<style>.h{display:none}.z{font-size:0}</style>';
    expect(hiddenOf('<div class="z">gap<span style="font-size:14px">visible</span></div><div class="h" style="display:block">shown</div>', head)).toEqual([
      ['gap', 'font-size:0'], ['visible', null], ['shown', null],
    ]);
  });

  it('makes a hidden inline run inside a visible paragraph a block of its own', () => {
    const b = blocksOf('<p>Visible text <span style="display:none"><a href="http://x.example/">cheap pills</a></span> continues.</p>');
    expect(b.map((x) => [x.tag, x.text, x.hiddenBy])).toEqual([
      ['p', 'Visible text', null], ['span', 'cheap pills', 'display:none'], ['p', 'continues.', null],
    ]);
  });
});

describe('links and page fields', () => {
  it('resolves links against the page URL and tells external ones', () => {
    const b = blocksOf('<p><a href="/a">in</a> <a href="http://www.site.example/b">www</a> <a href="https://other.example/c">out</a> <a href="mailto:x@y">mail</a></p>', '', 'http://site.example/dir/page.html');
    expect(b[0].links).toEqual([
      { href: 'http://site.example/a', text: 'in', external: false, host: 'site.example' },
      { href: 'http://www.site.example/b', text: 'www', external: false, host: 'www.site.example' },
      { href: 'https://other.example/c', text: 'out', external: true, host: 'other.example' },
      { href: 'mailto:x@y', text: 'mail', external: null, host: null },
    ]);
  });

  it('uses <base href> and keeps host of absolute links without a page URL', () => {
    expect(blocksOf('<p><a href="x">x</a></p>', '<base href="http://base.example/d/">')[0].links[0]).toMatchObject({ href: 'http://base.example/d/x', host: 'base.example', external: false });
    expect(blocksOf('<p><a href="http://abs.example/">x</a></p>')[0].links[0]).toMatchObject({ host: 'abs.example', external: null });
  });

  it('reads title, meta keywords, description and lang', () => {
    const { page } = parsePage(fixture('zh-news-spam.html'));
    expect(page).toMatchObject({
      kind: 'html',
      title: '市图书馆延长周末开放时间-某某网络科技',
      metaKeywords: '图书馆,开放时间,网站优化,网络公司',
      metaDescription: '市图书馆宣布自下月起延长周末开放时间。',
      lang: 'zh-CN',
      charset: 'utf-8',
      charsetSource: 'meta',
      truncated: [],
    });
    expect(page.blocks.some((b) => b.text.includes('这不是正文'))).toBe(false);
  });
});

describe('document shape', () => {
  it('puts a fragment under html > body, as a browser does', () => {
    const parsed = parsePage('<div><div>x<div>y</div></div></div><p>z</p>');
    expect(parsed.page.blocks.map((b) => [b.text, b.selector])).toEqual([
      ['x', 'html > body > div:nth-of-type(1) > div:nth-of-type(1)'],
      ['y', 'html > body > div:nth-of-type(1) > div:nth-of-type(1) > div:nth-of-type(1)'],
      ['z', 'html > body > p:nth-of-type(1)'],
    ]);
    expect(selectorProblems(parsed)).toEqual([]);
  });

  it('moves content after </body> and </html> into body, keeping selectors unique', () => {
    const parsed = parsePage('<!doctype html><html><head><title>t</title></head><body><div>main</div></body><div>after body</div></html>\n<div><a href="http://casino.example/">after html</a></div>');
    expect(parsed.page.blocks.map((b) => [b.text, b.selector])).toEqual([
      ['main', 'html > body > div:nth-of-type(1)'],
      ['after body', 'html > body > div:nth-of-type(2)'],
      ['after html', 'html > body > div:nth-of-type(3)'],
    ]);
    expect(parsed.page.title).toBe('t');
    expect(selectorProblems(parsed)).toEqual([]);
  });

  it('moves text before <html> into body too, so every block has a selector', () => {
    const parsed = parsePage('stray words <b>here</b>\n<html><head><title>t</title></head><body><p>main</p></body></html>');
    expect(parsed.page.blocks.map((b) => [b.text, b.selector])).toEqual([
      ['stray words here', 'html > body'],
      ['main', 'html > body > p:nth-of-type(1)'],
    ]);
    expect(selectorProblems(parsed)).toEqual([]);
  });

  it('numbers html/body steps when a page has two bodies', () => {
    const parsed = parsePage('<html><body><p>a</p></body><body><p>b</p></body></html>');
    expect(parsed.page.blocks.map((b) => b.selector)).toEqual(['html > body:nth-of-type(1) > p:nth-of-type(1)', 'html > body:nth-of-type(2) > p:nth-of-type(1)']);
    expect(selectorProblems(parsed)).toEqual([]);
  });

  it('starts an implied body after head material when the page has none', () => {
    const parsed = parsePage('<html lang="de"><title>t</title><meta name="keywords" content="k"><p>one</p><script>x</script><p>two</p></html>');
    expect(parsed.page).toMatchObject({ title: 't', metaKeywords: 'k', lang: 'de' });
    expect(parsed.page.blocks.map((b) => b.selector)).toEqual(['html > body > p:nth-of-type(1)', 'html > body > p:nth-of-type(2)']);
  });
});

describe('the DOM handed on', () => {
  it('carries source offsets on elements (the scorer cuts elements out by them)', () => {
    const src = html('<p id="x">para</p>');
    const { document } = parsePage(src);
    const p = (document!.children.find((n) => n.type === 'tag') as import('domhandler').Element).children[1] as import('domhandler').Element;
    const para = p.children[0] as import('domhandler').Element;
    expect(para.name).toBe('p');
    expect(src.slice(para.startIndex!, para.endIndex! + 1)).toBe('<p id="x">para</p>');
  });
});

describe('fixture pages', () => {
  it('cuts the Chinese spam fixture into the expected blocks', () => {
    const { page } = parsePage(fixture('zh-news-spam.html'), { url: 'http://news.example.cn/a/1.html' });
    const byText = (t: string) => page.blocks.find((b) => b.text.includes(t))!;
    expect(byText('杭州网络公司')).toMatchObject({ tag: 'ul', parts: ['杭州网络公司首选9火星', '宁波网站优化推荐3火星', '温州网络公司找6火星下拉'], hidden: false });
    expect(byText('杭州网络公司').links.every((l) => l.external === true && l.host === 'spam.example.cn')).toBe(true);
    expect(byText('在线娱乐平台')).toMatchObject({ hiddenBy: 'display:none', parts: ['在线娱乐平台', '真人游戏'] });
    expect(byText('百度标王推广')).toMatchObject({ hiddenBy: 'off-screen' });
    expect(byText('隐藏的关键词')).toMatchObject({ hiddenBy: 'font-size:0' });
    expect(byText('只在屏幕显示')).toMatchObject({ hiddenBy: null });
    expect(byText('读者可通过').parts).toHaveLength(3);
    expect(byText('首页')).toMatchObject({ parts: ['首页', '新闻', '关于我们'] });
    expect(page.blocks.map((b) => b.index)).toEqual(page.blocks.map((_, i) => i));
  });

  it('finds every hiding trick in the English fixture', () => {
    const { page } = parsePage(fixture('en-blog-hidden.html'));
    const hidden = Object.fromEntries(page.blocks.filter((b) => b.hidden).map((b) => [b.text, b.hiddenBy]));
    expect(hidden).toEqual({
      'cheap viagra online buy cialis': 'font-size:0',
      'best online casino bonus': 'off-screen',
      'slots pills': 'off-screen',
      'payday loans fast approval': 'hidden attribute',
      'replica watches': 'zero-size',
      'Sponsored: essay writing service': 'display:none',
      'Theme by nobody': 'visibility:hidden',
    });
    expect(page.blocks.find((b) => b.text === 'Photo credit: the author')?.hidden).toBe(false);
    expect(page.blocks[0]).toMatchObject({ tag: 'ul', parts: ['Home', 'Blog', 'Contact'] });
  });

  it('round-trips every block selector through css-select to the element holding its text', () => {
    for (const name of ['zh-news-spam.html', 'en-blog-hidden.html']) {
      const parsed = parsePage(fixture(name));
      expect(parsed.page.blocks.length).toBeGreaterThan(5);
      expect(selectorProblems(parsed)).toEqual([]);
    }
    const tricky = parsePage(html('<div>a<p>b</p>c</div><div><div><span>x</span></div></div><ul><li>1</li><li>2</li></ul><table><tr><td>t</td></tr></table><p>z</p><p>w<br>v</p>'));
    expect(selectorProblems(tricky)).toEqual([]);
  });
});
