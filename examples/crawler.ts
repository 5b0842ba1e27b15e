/**
 * A small breadth-first crawler that drops SEO-spam blocks before storing pages.
 *
 *   crawler URL --out DIR [--max-pages N] [--model DIR] [--threshold T]
 *
 * Starting from URL, it fetches pages of the same host (scheme, host and port),
 * breadth-first, at most N of them (default 50). Each HTML page is scored once
 * and written to DIR/pages/<path> without its spam blocks, in the page's own
 * charset; links are followed only from the kept (clean) part of the page, so
 * links inside spam blocks are never visited. DIR/crawl.jsonl gets one line per
 * fetched URL: { url, status, file, spam, score, spamBlocks, blocks } or, for a
 * page that could not be fetched or read, { url, status?, error }.
 * One bad page never stops the crawl.
 *
 * Plain Node 20 (global fetch); see examples/README.md for how to run it.
 */
import { mkdirSync, writeFileSync, appendFileSync } from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { loadScorer, type Scorer } from 'seospam';

interface CrawlLine {
  url: string;
  status?: number;
  /** Stored file, relative to the output folder. */
  file?: string;
  spam?: boolean;
  score?: number;
  spamBlocks?: number;
  blocks?: number;
  /** Where a redirect pointed (followed like a link). */
  location?: string;
  /** Why the page was not scored (not HTML). */
  skipped?: string;
  error?: string;
}

const FETCH_TIMEOUT_MS = 15_000;
const MAX_BYTES = 10 * 1024 * 1024;

function usage(message: string): never {
  console.error(`${message}\nusage: crawler URL --out DIR [--max-pages N] [--model DIR] [--threshold T]`);
  process.exit(2);
}

function parseCli(): { start: URL; out: string; maxPages: number; model?: string; threshold?: number } {
  let parsed;
  try {
    parsed = parseArgs({
      allowPositionals: true,
      options: {
        out: { type: 'string' },
        'max-pages': { type: 'string' },
        model: { type: 'string' },
        threshold: { type: 'string' },
      },
    });
  } catch (err) {
    usage((err as Error).message);
  }
  const { values, positionals } = parsed;
  if (positionals.length !== 1) usage('give exactly one start URL');
  let start: URL;
  try {
    start = new URL(positionals[0]);
  } catch {
    usage(`not a URL: ${positionals[0]}`);
  }
  if (start.protocol !== 'http:' && start.protocol !== 'https:') usage(`not an http(s) URL: ${start.href}`);
  if (!values.out) usage('--out DIR is required');
  const maxPages = values['max-pages'] === undefined ? 50 : Number(values['max-pages']);
  if (!Number.isInteger(maxPages) || maxPages < 1) usage(`--max-pages must be a positive integer, got ${values['max-pages']}`);
  const threshold = values.threshold === undefined ? undefined : Number(values.threshold);
  if (threshold !== undefined && !(threshold >= 0 && threshold <= 1)) usage(`--threshold must be a number from 0 to 1, got ${values.threshold}`);
  return { start, out: values.out, maxPages, model: values.model, threshold };
}

/** The URL without its #fragment: the key for "already seen". */
function normalize(url: URL): string {
  const u = new URL(url.href);
  u.hash = '';
  return u.href;
}

/** Charset from the Content-Type header, else from a <meta> in the first bytes, else UTF-8. */
function charsetOf(bytes: Uint8Array, contentType: string | undefined): string {
  const fromHeader = /charset\s*=\s*["']?([\w.:-]+)/i.exec(contentType ?? '');
  if (fromHeader) return fromHeader[1];
  const head = Buffer.from(bytes.subarray(0, 4096)).toString('latin1');
  const fromMeta = /<meta[^>]+charset\s*=\s*["']?([\w.:-]+)/i.exec(head);
  return fromMeta ? fromMeta[1] : 'utf-8';
}

function decode(bytes: Uint8Array, contentType: string | undefined): string {
  let label = charsetOf(bytes, contentType).toLowerCase();
  if (label === 'gb2312') label = 'gbk'; // what browsers do
  try {
    return new TextDecoder(label).decode(bytes);
  } catch {
    return new TextDecoder('utf-8').decode(bytes);
  }
}

const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };

/** href values of <a>/<area> links, resolved against the page URL, same origin only. */
function sameHostLinks(html: string, base: URL): URL[] {
  const links: URL[] = [];
  const baseTag = /<base\s[^>]*href\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s>]+))/i.exec(html);
  let resolveFrom = base;
  if (baseTag) {
    try {
      resolveFrom = new URL(baseTag[1] ?? baseTag[2] ?? baseTag[3], base);
    } catch {
      // a bad <base> is ignored
    }
  }
  const withoutComments = html.replace(/<!--[\s\S]*?-->/g, '');
  for (const m of withoutComments.matchAll(/<(?:a|area)\s[^>]*?href\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s>]+))/gi)) {
    const raw = (m[1] ?? m[2] ?? m[3]).trim().replace(/&(amp|lt|gt|quot|apos);/gi, (_, e: string) => ENTITIES[e.toLowerCase()]);
    let url: URL;
    try {
      url = new URL(raw, resolveFrom);
    } catch {
      continue;
    }
    if (url.origin === base.origin) links.push(url);
  }
  return links;
}

/** A file path under pages/ for a URL: /a/b.html → a/b.html, /a/ → a/index.html, /a/b → a/b.html, ?q → name_<q>.html. */
function fileFor(url: URL, taken: Set<string>): string {
  const segments = url.pathname
    .split('/')
    .map((s) => {
      let d = s;
      try {
        d = decodeURIComponent(s);
      } catch {
        // keep it encoded
      }
      return d.replace(/[^\p{L}\p{N}._-]+/gu, '_').replace(/^\.+/, '_').slice(0, 100);
    });
  let name = segments.pop() || 'index.html';
  const dirs = segments.filter((s) => s !== '');
  if (url.search) {
    const q = url.search.slice(1).replace(/[^\p{L}\p{N}._-]+/gu, '_').slice(0, 60);
    const dot = name.lastIndexOf('.');
    name = dot > 0 ? `${name.slice(0, dot)}_${q}${name.slice(dot)}` : `${name}_${q}`;
  }
  if (!/\.[a-z0-9]{1,8}$/i.test(name)) name += '.html'; // keeps .htm, .php, .txt …
  let file = path.posix.join('pages', ...dirs, name);
  for (let i = 2; taken.has(file.toLowerCase()); i++) file = path.posix.join('pages', ...dirs, `${i}_${name}`);
  taken.add(file.toLowerCase());
  return file;
}

function looksLikeHtml(contentType: string | undefined): boolean {
  if (!contentType) return true; // unknown: let the scorer decide by content
  return /^\s*(text\/html|application\/xhtml\+xml|text\/plain)\b/i.test(contentType);
}

async function fetchPage(url: URL): Promise<Response> {
  return fetch(url, {
    redirect: 'manual',
    signal: AbortSignal.timeout(FETCH_TIMEOUT_MS),
    headers: { 'user-agent': 'seospam-example-crawler/0.1', accept: 'text/html,application/xhtml+xml;q=0.9,*/*;q=0.1' },
  });
}

async function readBody(res: Response): Promise<Uint8Array> {
  const declared = Number(res.headers.get('content-length'));
  if (declared > MAX_BYTES) throw new Error(`page larger than ${MAX_BYTES} bytes`);
  const bytes = new Uint8Array(await res.arrayBuffer());
  if (bytes.length > MAX_BYTES) throw new Error(`page larger than ${MAX_BYTES} bytes`);
  return bytes;
}

async function crawlOne(
  scorer: Scorer,
  url: URL,
  out: string,
  taken: Set<string>,
  enqueue: (u: URL) => void,
): Promise<CrawlLine> {
  const line: CrawlLine = { url: url.href };
  let res: Response;
  try {
    res = await fetchPage(url);
  } catch (err) {
    line.error = `fetch failed: ${(err as Error).message}`;
    return line;
  }
  line.status = res.status;
  if (res.status >= 300 && res.status < 400) {
    await res.body?.cancel();
    const location = res.headers.get('location');
    if (location) {
      try {
        const target = new URL(location, url);
        line.location = target.href;
        if (target.origin === url.origin) enqueue(target);
      } catch {
        line.error = `bad redirect location: ${location}`;
      }
    }
    return line;
  }
  if (!res.ok) {
    await res.body?.cancel();
    line.error = `HTTP ${res.status}`;
    return line;
  }
  const contentType = res.headers.get('content-type') ?? undefined;
  if (!looksLikeHtml(contentType)) {
    await res.body?.cancel();
    line.skipped = `not HTML: ${contentType}`;
    return line;
  }
  let bytes: Uint8Array;
  try {
    bytes = await readBody(res);
  } catch (err) {
    line.error = `read failed: ${(err as Error).message}`;
    return line;
  }
  // One scoring per page: strip() scores it and returns it without its spam blocks.
  const { result, page } = scorer.strip(bytes, { url: url.href, contentType });
  if (result.error) {
    line.error = result.error;
    return line;
  }
  const kept = typeof page === 'string' ? Buffer.from(page, 'utf8') : page;
  const file = fileFor(url, taken);
  mkdirSync(path.dirname(path.join(out, file)), { recursive: true });
  writeFileSync(path.join(out, file), kept);
  Object.assign(line, {
    file,
    spam: result.spam,
    score: Number(result.score.toFixed(4)),
    spamBlocks: result.blocks.filter((b) => b.spam).length,
    blocks: result.blocks.length,
  });
  // Follow links from what was kept only: links inside spam blocks are not visited.
  for (const link of sameHostLinks(decode(kept, contentType), url)) enqueue(link);
  return line;
}

async function main(): Promise<void> {
  const { start, out, maxPages, model, threshold } = parseCli();
  mkdirSync(out, { recursive: true });
  const log = path.join(out, 'crawl.jsonl');
  writeFileSync(log, '');

  const scorer = await loadScorer({ model, threshold }); // once, for the whole crawl

  const seen = new Set<string>();
  const queue: URL[] = [];
  const enqueue = (u: URL): void => {
    if (u.protocol !== 'http:' && u.protocol !== 'https:') return;
    const key = normalize(u);
    if (seen.has(key)) return;
    seen.add(key);
    queue.push(new URL(key));
  };
  enqueue(start);

  const taken = new Set<string>();
  let fetched = 0;
  let spamPages = 0;
  let failed = 0;
  while (queue.length > 0 && fetched < maxPages) {
    const url = queue.shift()!;
    fetched++;
    let line: CrawlLine;
    try {
      line = await crawlOne(scorer, url, out, taken, enqueue);
    } catch (err) {
      line = { url: url.href, error: `crawl failed: ${(err as Error).message}` };
    }
    if (line.error) failed++;
    if (line.spam) spamPages++;
    appendFileSync(log, JSON.stringify(line) + '\n');
    const what = line.error
      ? `error: ${line.error}`
      : line.location
        ? `${line.status} → ${line.location}`
        : line.skipped ?? `${line.spam ? 'SPAM' : 'clean'} ${line.spamBlocks}/${line.blocks} spam blocks dropped → ${line.file}`;
    console.log(`${url.href} ${what}`);
  }
  console.log(`${fetched} URLs fetched, ${spamPages} spam pages, ${failed} failed; log: ${log}`);
}

main().catch((err: unknown) => {
  console.error(err instanceof Error ? err.message : String(err));
  process.exit(1);
});
