#!/usr/bin/env node
// Page-stage regression digest: runs parsePage (dist/) on every page of ../shared/corpus and
// writes one JSON line per page: the whole Page, every span (offsets, its text node by
// document position, line), and a hash of the parsed document (node types, names, attributes,
// data, source offsets, own property names, prototype and sibling/parent links).
// Usage: `npx tsc -p . && node scripts/page-snapshot.mjs /tmp/page-digest.jsonl`; two runs
// with the same output are the proof that a page-stage change kept its output.
import { createHash } from 'node:crypto';
import { closeSync, existsSync, openSync, readFileSync, writeSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parsePage } from '../dist/page/index.js';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const corpus = path.resolve(repoRoot, '../shared/corpus');
const out = process.argv[2] ?? '/tmp/page-digest.jsonl';
if (!existsSync(path.join(corpus, 'labels.jsonl'))) {
  console.error(`page-snapshot: no corpus at ${corpus}`);
  process.exit(1);
}
const files = readFileSync(path.join(corpus, 'labels.jsonl'), 'utf8')
  .split('\n')
  .filter((l) => l.trim())
  .map((l) => JSON.parse(l).file);

/** Runs the page stage under several option sets, so limit paths are covered too. */
const VARIANTS = [
  { name: 'default', opts: {} },
  { name: 'url', opts: { url: 'https://www.example.com/dir/page.html' } },
  { name: 'tight', opts: { limits: { maxBlocks: 40, maxDepth: 9 } } },
  { name: 'string', opts: {}, asString: true },
];

/** Document-order numbers of every node, and a hash of the whole tree. */
function digestDocument(doc) {
  const order = new Map();
  const h = createHash('sha256');
  const stack = [doc];
  let n = 0;
  while (stack.length) {
    const node = stack.pop();
    order.set(node, n++);
    const proto = Object.getPrototypeOf(node)?.constructor?.name ?? 'null';
    h.update(`${proto}|${node.type}|${Object.keys(node).join(',')}|${node.startIndex}|${node.endIndex}|`);
    if ('name' in node) h.update(`${node.name}|${JSON.stringify(node.attribs ?? null)}|`);
    if ('data' in node) h.update(`${JSON.stringify(node.data)}|`);
    const kids = node.children ?? [];
    h.update(`${kids.length}\n`);
    for (let i = 0; i < kids.length; i++) {
      const k = kids[i];
      if (k.parent !== node || k.prev !== (kids[i - 1] ?? null) || k.next !== (kids[i + 1] ?? null)) h.update('BADLINK');
    }
    for (let i = kids.length - 1; i >= 0; i--) stack.push(kids[i]);
  }
  return { order, hash: h.digest('hex') };
}

// Written a line at a time: the corpus's digest outgrew one string.
const fd = openSync(out, 'w');
const whole = createHash('sha256');
let records = 0;
for (const v of VARIANTS) {
  for (const file of files) {
    const raw = readFileSync(path.join(corpus, file));
    const input = v.asString ? new TextDecoder().decode(raw) : new Uint8Array(raw);
    let rec;
    try {
      const parsed = parsePage(input, { file, ...v.opts });
      const doc = parsed.document ? digestDocument(parsed.document) : null;
      const spans = parsed.spans.map((ss) =>
        ss.map((s) => [s.start, s.end, s.node ? (doc?.order.get(s.node) ?? 'foreign') : null, s.line ?? null]),
      );
      const source = createHash('sha256').update(parsed.source).digest('hex');
      rec = { v: v.name, file, page: parsed.page, spans, document: doc?.hash ?? null, source };
    } catch (err) {
      rec = { v: v.name, file, error: String(err?.message ?? err) };
    }
    const line = JSON.stringify(rec);
    writeSync(fd, line + '\n');
    whole.update(line + '\n');
    records++;
  }
}
closeSync(fd);
const hash = whole.digest('hex');
console.log(`page-snapshot: ${records} records (${files.length} pages x ${VARIANTS.length} variants) -> ${out}; sha256 ${hash}`);
