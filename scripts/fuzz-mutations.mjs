// Mutations that make a real page hostile, for scripts/fuzz.mjs and test/scorer/fuzz.test.ts:
// truncation, deep and misnested tags, charset lies, NULs, huge attributes and text, broken
// entities, unclosed comments and scripts, byte damage. Each takes the page bytes and a seeded
// random source and returns new bytes; `mutate` applies one to three of them.

/** A seeded random source (xorshift32): int(n) in [0, n), pick(list). */
export function makeRandom(seed) {
  let x = seed >>> 0 || 1;
  const next = () => {
    x ^= x << 13;
    x >>>= 0;
    x ^= x >>> 17;
    x ^= x << 5;
    x >>>= 0;
    return x;
  };
  return {
    int: (n) => (n <= 0 ? 0 : next() % n),
    pick: (list) => list[next() % list.length],
  };
}

const enc = (s) => Buffer.from(s, 'utf8');

/** `insert` placed at a random position of `page`. */
function insertAt(page, insert, r) {
  const at = r.int(page.length + 1);
  return Buffer.concat([page.subarray(0, at), insert, page.subarray(at)]);
}

const CHARSETS = ['utf-8', 'gbk', 'gb2312', 'big5', 'shift_jis', 'euc-kr', 'iso-8859-1', 'windows-1252', 'utf-16', 'koi8-r', 'x-unknown', ''];
const TAGS = ['div', 'span', 'b', 'i', 'font', 'a', 'p', 'li', 'td', 'tr', 'table', 'ul', 'form', 'svg', 'math', 'foreignObject', 'title', 'script', 'style', 'textarea'];

export const MUTATIONS = {
  truncate: (page, r) => page.subarray(0, r.int(page.length + 1)),
  truncateStart: (page, r) => page.subarray(r.int(page.length)),
  deepNesting: (page, r) => insertAt(page, enc(`<${r.pick(TAGS)}>`.repeat(1 + r.int(50_000))), r),
  unclosedMix: (page, r) => {
    const parts = [];
    for (let i = 0, n = 1 + r.int(20_000); i < n; i++) parts.push(`<${r.pick(TAGS)}>${r.int(3) ? '' : 'x'}`);
    return insertAt(page, enc(parts.join('')), r);
  },
  misnesting: (page, r) => {
    const parts = [];
    for (let i = 0, n = 1 + r.int(20_000); i < n; i++) parts.push(r.int(2) ? `<${r.pick(TAGS)}>` : `</${r.pick(TAGS)}>`);
    return insertAt(page, enc(parts.join('')), r);
  },
  strayCloseTags: (page, r) => insertAt(page, enc(`</${r.pick(TAGS)}>`.repeat(1 + r.int(50_000))), r),
  charsetLie: (page, r) => Buffer.concat([enc(`<meta charset="${r.pick(CHARSETS)}">`), page]),
  contentTypeLie: (page, r) => Buffer.concat([enc(`<meta http-equiv="Content-Type" content="text/html; charset=${r.pick(CHARSETS)}">`), page]),
  bom: (page, r) => Buffer.concat([Buffer.from(r.pick([[0xef, 0xbb, 0xbf], [0xff, 0xfe], [0xfe, 0xff]])), page]),
  nuls: (page, r) => {
    const out = Buffer.from(page);
    for (let i = 0, n = 1 + r.int(200); i < n && out.length; i++) out[r.int(out.length)] = 0;
    return out;
  },
  nulRun: (page, r) => insertAt(page, Buffer.alloc(1 + r.int(100_000)), r),
  byteDamage: (page, r) => {
    const out = Buffer.from(page);
    for (let i = 0, n = 1 + r.int(2000); i < n && out.length; i++) out[r.int(out.length)] = r.int(256);
    return out;
  },
  hugeAttribute: (page, r) => insertAt(page, enc(`<div title="${'x'.repeat(1 + r.int(1_000_000))}">`), r),
  unterminatedAttribute: (page, r) => insertAt(page, enc(`<a href="${'y'.repeat(r.int(100_000))}`), r),
  manyAttributes: (page, r) => {
    const parts = [];
    for (let i = 0, n = 1 + r.int(30_000); i < n; i++) parts.push(` a${r.int(3) ? i : 0}="${i}"`);
    return insertAt(page, enc(`<div${parts.join('')}>`), r);
  },
  hugeText: (page, r) => insertAt(page, enc(r.pick(['word ', '字', 'x', '&nbsp;']).repeat(1 + r.int(300_000))), r),
  brokenEntities: (page, r) => {
    const ents = ['&', '&#', '&#x', '&#xZZ;', '&#99999999999;', '&#0;', '&#xD800;', '&amp', '&notanentity;', '&lt', '&#x110000;', '&;'];
    const parts = [];
    for (let i = 0, n = 1 + r.int(20_000); i < n; i++) parts.push(r.pick(ents));
    return insertAt(page, enc(parts.join(r.pick(['', ' ', 'a']))), r);
  },
  unclosedComment: (page, r) => insertAt(page, enc(r.pick(['<!--', '<!', '<![CDATA[', '<?xml', '<!DOCTYPE'])), r),
  unclosedRawText: (page, r) => insertAt(page, enc(`<${r.pick(['script', 'style', 'textarea', 'title', 'xmp', 'plaintext', 'iframe'])}>`), r),
  linkFarm: (page, r) => insertAt(page, enc(`<a href="http://spam${r.int(9)}.example/">cheap pills</a> `.repeat(1 + r.int(50_000))), r),
  hiddenStyles: (page, r) => {
    let css = '<style>';
    for (let i = 0, n = 1 + r.int(5000); i < n; i++) css += `.c${i} ${r.pick(TAGS)} { display:none }\n`;
    return insertAt(page, enc(css + '</style>'), r);
  },
  repeatPage: (page, r) => Buffer.concat(Array.from({ length: 2 + r.int(20) }, () => page)),
};

const NAMES = Object.keys(MUTATIONS);

/** One to three random mutations of `page`; returns the bytes and the mutations' names. */
export function mutate(page, r) {
  let out = Buffer.from(page);
  const applied = [];
  for (let i = 0, n = 1 + r.int(3); i < n; i++) {
    const name = r.pick(NAMES);
    out = MUTATIONS[name](out, r);
    applied.push(name);
  }
  // Keep pages within a few times the default --max-bytes, so a run stays minutes, not hours.
  if (out.length > 12 * 1024 * 1024) out = out.subarray(0, 12 * 1024 * 1024);
  return { bytes: out, applied };
}
