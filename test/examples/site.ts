/**
 * Helpers for the examples tests: a hand-written site served on loopback, the
 * model to use, and building examples/crawler.ts with tsc into test-output/.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';

export const root = path.resolve(import.meta.dirname, '../..');
export const siteDir = path.join(root, 'test/fixtures/examples/site');
export const outputDir = path.join(root, 'test-output/examples');

/** SEOSPAM_TEST_MODEL when set, else the tests' pinned model (SEOSPAM_MODEL), else the shipped models/default. */
const chosen = process.env.SEOSPAM_TEST_MODEL ?? process.env.SEOSPAM_MODEL;
export const modelDir = chosen ? path.resolve(chosen) : path.join(root, 'models/default');
export const hasModel = existsSync(path.join(modelDir, 'meta.json'));

interface Route {
  file?: string;
  contentType?: string;
  status?: number;
  location?: string;
}

/** URL path → what the server answers. Anything else is a 404. */
export const routes: Record<string, Route> = {
  '/': { file: 'index.html', contentType: 'text/html; charset=utf-8' },
  '/en/faucet.html': { file: 'en-faucet.html', contentType: 'text/html; charset=utf-8' },
  // Spam: a keyword list and a hidden casino link block around a clean article.
  '/zh/trees.html': { file: 'zh-trees.html', contentType: 'text/html; charset=utf-8' },
  // GBK bytes; the header names no charset, the page's <meta charset="gbk"> does.
  '/zh/library.html': { file: 'zh-library.gbk.html', contentType: 'text/html' },
  '/old/archive.html': { status: 301, location: '/en/faucet.html' },
  // Only linked from the hidden casino block: the crawler must not get here.
  '/casino/bet.html': { status: 200, contentType: 'text/html; charset=utf-8' },
};

export interface Site {
  base: string;
  /** Paths requested, in order (query strings included). */
  requests: string[];
  close(): Promise<void>;
}

export async function serveSite(): Promise<Site> {
  const requests: string[] = [];
  const server: Server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    requests.push(url.pathname + url.search);
    const route = routes[url.pathname];
    if (!route) {
      res.writeHead(404, { 'content-type': 'text/html; charset=utf-8' });
      res.end('<!DOCTYPE html><title>Not found</title><h1>404 Not found</h1>');
      return;
    }
    if (route.location) {
      res.writeHead(route.status ?? 301, { location: route.location });
      res.end();
      return;
    }
    const body = route.file
      ? readFileSync(path.join(siteDir, route.file))
      : Buffer.from('<!DOCTYPE html><title>澳门新葡京娱乐场</title><p>网上百家乐开户送彩金</p>');
    res.writeHead(route.status ?? 200, { 'content-type': route.contentType ?? 'text/html' });
    res.end(body);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    base: `http://127.0.0.1:${port}`,
    requests,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

let built: string | undefined;

/** Compiles examples/crawler.ts with tsc (strict) into test-output/examples/build (once); returns the .js path. */
export function buildCrawler(): string {
  if (built) return built;
  const outDir = path.join(outputDir, 'build');
  const tsc = path.join(root, 'node_modules/typescript/bin/tsc');
  const run = (args: string[]): void => {
    try {
      execFileSync(process.execPath, args, { cwd: root, stdio: 'pipe' });
    } catch (err) {
      const e = err as { stdout?: Buffer; stderr?: Buffer };
      throw new Error(`tsc failed on examples/crawler.ts:\n${e.stdout ?? ''}${e.stderr ?? ''}`);
    }
  };
  run([
    tsc,
    '--ignoreConfig',
    '--outDir', outDir,
    '--rootDir', path.join(root, 'examples'),
    '--module', 'nodenext',
    '--moduleResolution', 'nodenext',
    '--target', 'es2022',
    '--types', 'node',
    '--strict',
    '--skipLibCheck',
    path.join(root, 'examples/crawler.ts'),
  ]);
  built = path.join(outDir, 'crawler.js');
  return built;
}
