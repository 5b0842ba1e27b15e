#!/usr/bin/env node
// Hostile-input benchmark, on dist/ with the shipped model: for each pathological page shape
// of 4 MiB (the default --max-bytes), the time scorer.scoreHtml takes as a ratio to an ordinary
// page of the same size, and the peak memory (max RSS) of a process that loads the model and
// scores that one page (once: timings on a busy machine vary by some 20%). Each shape runs in a child process of its own, so peaks do not mix.
// Floors: every ratio ≤ 3, peak memory ≤ 400 MB. Usage: `npm run bench:hostile`.
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const corpus = path.resolve(repoRoot, '../shared/corpus');
const self = fileURLToPath(import.meta.url);
const SIZE = 4 * 1024 * 1024;
const MAX_RATIO = 3;
const MAX_PEAK_MB = 400;

/** `unit` repeated to exactly SIZE bytes (units here are ASCII, or cut on a character boundary). */
function fill(unit, prefix = '', suffix = '') {
  const room = SIZE - Buffer.byteLength(prefix) - Buffer.byteLength(suffix);
  const n = Math.floor(room / Buffer.byteLength(unit));
  const body = unit.repeat(n);
  const pad = room - Buffer.byteLength(body);
  return Buffer.from(prefix + body + ' '.repeat(pad) + suffix);
}

/** An ordinary page: real corpus pages one after another, to 4 MiB (a synthetic news page without the corpus). */
function ordinary() {
  const parts = [];
  let bytes = 0;
  const dir = path.join(corpus, 'pages');
  if (existsSync(dir)) {
    const files = readdirSync(dir, { recursive: true }).filter((f) => String(f).endsWith('.html')).sort();
    for (let i = 0; bytes < SIZE && i < files.length; i += 7) {
      const text = new TextDecoder().decode(readFileSync(path.join(dir, String(files[i]))));
      const body = /<body[^>]*>([\s\S]*)<\/body>/i.exec(text)?.[1] ?? text;
      parts.push(`<div class="page">${body}</div>\n`);
      bytes += Buffer.byteLength(parts[parts.length - 1]);
    }
  }
  let k = 0;
  while (bytes < SIZE) {
    const s = `<div class="post"><h2>新闻标题 ${k}</h2><p>An ordinary paragraph about item ${k} with <a href="/x/${k}">a link</a>，以及一些中文的正文内容。</p><ul><li>one</li><li>two</li></ul></div>\n`;
    parts.push(s);
    bytes += Buffer.byteLength(s);
    k++;
  }
  const all = Buffer.from('<html><head><meta charset="utf-8"><title>ordinary</title></head><body>' + parts.join('') + '</body></html>');
  return all.subarray(0, SIZE);
}

const HEAD = '<html><head><meta charset="utf-8"><title>t</title></head><body>';
/** Pathological shapes, each exactly 4 MiB. */
const SHAPES = {
  'unclosed <div>': () => fill('<div>', HEAD),
  'unclosed <font>word': () => fill('<font>word', HEAD),
  'unclosed <b> (1.4M elements)': () => fill('<b>', HEAD),
  'unclosed <table><tr><td>': () => fill('<table><tr><td>x', HEAD),
  'unclosed <ul><li>': () => fill('<ul><li>x', HEAD),
  'close tags never opened': () => fill('</span>', HEAD + '<div>'.repeat(100_000)),
  '<form> in deep nesting': () => fill('<form>', HEAD + '<div>'.repeat(100_000)),
  'nested <svg><foreignObject>': () => fill('<svg><foreignObject>', HEAD),
  'misnested <b><i></b></i>': () => fill('<b><i></b></i>x', HEAD),
  '100k+ <a> in one block': () => fill('<a href="http://spam.example/p">cheap pills</a> ', HEAD + '<p>', '</p>'),
  '<p>x (past max-blocks)': () => fill('<p>word ', HEAD),
  'thousands of attributes': () => {
    const attrs = [];
    for (let i = 0, n = 0; n < SIZE - 200; i++) n += (attrs[i] = ` data-a${i}="v"`).length;
    return fill(' ', HEAD + `<div${attrs.join('').slice(0, SIZE - 200)}>text</div>`);
  },
  'one 4 MiB attribute': () => fill('x', HEAD + '<div title="', '">t</div>'),
  'one 4 MiB text node (English)': () => fill('casino bonus ', HEAD + '<p>'),
  'one 4 MiB text node (Chinese)': () => fill('网上赌场娱乐平台注册送彩金', HEAD + '<p>'),
  'one 4 MiB word (no spaces)': () => fill('x', HEAD + '<p>'),
  'entities and broken entities': () => fill('&amp;&#x1F600;&#99999999;&notanentity &lt', HEAD + '<p>'),
  'unclosed comment': () => fill('x', HEAD + '<!--'),
  'style rules x hidden elements': () => {
    let css = '<style>';
    for (let i = 0; css.length < SIZE / 2; i++) css += `.c${i} a span{display:none}\n`;
    return fill('<div class="c1"><a><span>hidden link</span></a></div>', HEAD + css + '</style>');
  },
  'NUL bytes and controls': () => fill('<p>\u0000a\u0001\u0000b</p>', HEAD),
};

async function child(name) {
  const { loadScorer } = await import('../dist/scorer/index.js');
  const scorer = await loadScorer();
  scorer.scoreHtml(Buffer.from(HEAD + '<p>warm up: 一个普通的段落 with some text.</p>'.repeat(50)));
  const page = name === 'ordinary' ? ordinary() : SHAPES[name]();
  // One scoring per process, so the peak is that of one page (a second run would add the first's garbage).
  const t = performance.now();
  const result = scorer.scoreHtml(page, { file: name });
  const best = performance.now() - t;
  console.log(
    JSON.stringify({
      ms: best,
      bytes: page.length,
      blocks: result.blocks.length,
      error: result.error ?? null,
      truncated: result.truncated ?? null,
      peakMB: process.resourceUsage().maxRSS / 1024,
    }),
  );
}

function run(name) {
  const r = spawnSync(process.execPath, ['--expose-gc', self, 'child', name], { encoding: 'utf8', maxBuffer: 1 << 20 });
  const line = r.stdout.trim().split('\n').pop();
  if (r.status !== 0 || !line) throw new Error(`bench-hostile: ${name} failed: ${r.stderr.trim().split('\n').slice(-3).join(' ')}`);
  return JSON.parse(line);
}

if (process.argv[2] === 'child') {
  await child(process.argv[3]);
} else {
  if (!existsSync(path.join(repoRoot, 'dist/scorer/index.js'))) {
    console.error('bench-hostile: build first (npx tsc -p tsconfig.json)');
    process.exit(1);
  }
  const only = process.argv[2];
  const base = run('ordinary');
  console.log(`ordinary page: ${(base.bytes / 1048576).toFixed(1)} MiB, ${base.ms.toFixed(0)} ms, ${base.blocks} blocks, peak ${base.peakMB.toFixed(0)} MB`);
  console.log(`${'shape'.padEnd(34)} ${'ms'.padStart(7)} ${'ratio'.padStart(6)} ${'peak MB'.padStart(8)} ${'blocks'.padStart(7)}  note`);
  let worstRatio = 0;
  let worstPeak = base.peakMB;
  for (const name of Object.keys(SHAPES)) {
    if (only && !name.includes(only)) continue;
    const r = run(name);
    const ratio = r.ms / base.ms;
    worstRatio = Math.max(worstRatio, ratio);
    worstPeak = Math.max(worstPeak, r.peakMB);
    const note = r.error ? `error: ${r.error}` : r.truncated ? `truncated ${JSON.stringify(r.truncated)}` : '';
    console.log(`${name.padEnd(34)} ${r.ms.toFixed(0).padStart(7)} ${ratio.toFixed(2).padStart(6)} ${r.peakMB.toFixed(0).padStart(8)} ${String(r.blocks).padStart(7)}  ${note}`);
  }
  const ok = worstRatio <= MAX_RATIO && worstPeak <= MAX_PEAK_MB;
  console.log(`worst ratio ${worstRatio.toFixed(2)} (floor ${MAX_RATIO}), worst peak ${worstPeak.toFixed(0)} MB (floor ${MAX_PEAK_MB}): ${ok ? 'within floors' : 'OVER A FLOOR'}`);
  process.exitCode = ok ? 0 : 1;
}
