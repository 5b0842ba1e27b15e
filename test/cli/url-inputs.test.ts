/**
 * URL inputs of `score`, `blocks` and `features`, against servers on 127.0.0.1 only:
 * http and https (a self-signed certificate made here and trusted through
 * NODE_EXTRA_CA_CERTS), redirects, the charset from the Content-Type header, the byte
 * limit, a timeout, and one clear error line per URL.
 */
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import http from 'node:http';
import https from 'node:https';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import iconv from 'iconv-lite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cliPath, examples, hasModel, repoRoot } from './run-cli.js';

/** A Chinese page whose charset only the HTTP header gives (no meta, no BOM). */
const GBK_PAGE = iconv.encode(
  '<html><head><title>园艺小站</title></head><body><h1>阳台种番茄的经验</h1><p>去年春天我们在朝北的阳台上种了番茄，每天大约有五个小时的直射阳光，结果比预想的好。</p></body></html>',
  'gbk',
);
const NEWS = readFileSync(path.join(examples, 'news-with-keyword-list.txt'));

function handler(req: http.IncomingMessage, res: http.ServerResponse): void {
  const route = (req.url ?? '/').split('?')[0];
  switch (route) {
    case '/gbk':
      res.writeHead(200, { 'content-type': 'text/html; charset=gbk' });
      res.end(GBK_PAGE);
      return;
    case '/gz':
      // Compressed on the wire, as most servers send pages.
      res.writeHead(200, { 'content-type': 'text/html; charset=gbk', 'content-encoding': 'gzip' });
      res.end(gzipSync(GBK_PAGE));
      return;
    case '/moved':
      res.writeHead(301, { location: '/hop' });
      res.end();
      return;
    case '/hop':
      res.writeHead(302, { location: '/gbk' });
      res.end();
      return;
    case '/loop':
      res.writeHead(302, { location: '/loop' });
      res.end();
      return;
    case '/news.txt':
      res.writeHead(200, { 'content-type': 'text/plain; charset=utf-8' });
      res.end(NEWS);
      return;
    case '/big': {
      // An endless page: the client must stop at its byte limit.
      res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
      const row = Buffer.from('<p>A long quiet page about tomatoes and balconies, one paragraph after another.</p>\n');
      const pump = (): void => {
        while (res.write(row)) if (res.destroyed) return;
        res.once('drain', pump);
      };
      res.on('error', () => {});
      pump();
      return;
    }
    case '/slow':
      res.writeHead(200, { 'content-type': 'text/html' });
      res.write('<html><body><p>first words');
      return; // never ends
    default:
      res.writeHead(404, { 'content-type': 'text/plain' });
      res.end('not here');
  }
}

interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

/** Runs the CLI without blocking this process (the servers answer from it). */
function runCliAsync(args: string[], env: Record<string, string> = {}): Promise<Run> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [cliPath, ...args], { cwd: repoRoot, env: { ...process.env, NO_COLOR: '1', ...env } });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString('utf8')));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString('utf8')));
    child.on('close', (code) => resolve({ code: code ?? -1, stdout, stderr }));
  });
}

function listen(server: http.Server | https.Server): Promise<string> {
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve(String((server.address() as AddressInfo).port))));
}

const tmp = mkdtempSync(path.join(tmpdir(), 'seospam-url-'));
const cert = path.join(tmp, 'cert.pem');
const key = path.join(tmp, 'key.pem');
const madeCert =
  spawnSync('openssl', ['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-keyout', key, '-out', cert, '-days', '2', '-subj', '/CN=127.0.0.1', '-addext', 'subjectAltName=IP:127.0.0.1'], {
    stdio: 'ignore',
  }).status === 0;

describe.skipIf(!hasModel)('URL inputs', () => {
  const servers: Array<http.Server | https.Server> = [];
  let base = '';
  let secure = '';

  beforeAll(async () => {
    const plain = http.createServer(handler);
    servers.push(plain);
    base = `http://127.0.0.1:${await listen(plain)}`;
    if (madeCert) {
      const tls = https.createServer({ cert: readFileSync(cert), key: readFileSync(key) }, handler);
      servers.push(tls);
      secure = `https://127.0.0.1:${await listen(tls)}`;
    }
  });
  afterAll(async () => {
    for (const s of servers) {
      s.closeAllConnections();
      await new Promise((r) => s.close(r));
    }
    rmSync(tmp, { recursive: true, force: true });
  });

  it('scores an http page after two redirects, decoded by the charset of its Content-Type header', async () => {
    const r = await runCliAsync(['score', `${base}/moved`, '--format', 'json']);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const page = JSON.parse(r.stdout) as { file: string; url: string; blocks: Array<{ text: string }> };
    expect(page.file).toBe(`${base}/moved`);
    expect(page.url).toBe(`${base}/gbk`);
    expect(page.blocks.map((b) => b.text)).toContain('阳台种番茄的经验');
  });

  it('decompresses a gzip answer', async () => {
    const r = await runCliAsync(['blocks', `${base}/gz`, '--format', 'json']);
    expect(r.code).toBe(0);
    const page = JSON.parse(r.stdout) as { charsetSource: string; blocks: Array<{ text: string }> };
    expect(page.charsetSource).toBe('http'); // the charset came from the header (GBK, read as its superset GB18030)
    expect(page.blocks.map((b) => b.text)).toContain('阳台种番茄的经验');
  });

  it('reads a text/plain answer as a text page, numbered from 1 in the text output', async () => {
    const json = await runCliAsync(['score', `${base}/news.txt`, '--format', 'json']);
    expect(json.code).toBe(1);
    const page = JSON.parse(json.stdout) as { blocks: Array<{ lines: [number, number] | null; spam: boolean }> };
    expect(page.blocks.every((b) => b.lines !== null)).toBe(true);
    const text = await runCliAsync(['score', `${base}/news.txt`]);
    const first = page.blocks.find((b) => b.spam)!;
    expect(text.stdout).toContain(`line ${first.lines![0] + 1}`);
  });

  it('says what went wrong per URL on one line each, and scores the others', async () => {
    const r = await runCliAsync(['score', `${base}/nowhere`, `${base}/loop`, `${base}/gbk`, 'http://127.0.0.1:1/', `${base}/slow`, '--format', 'jsonl', '--timeout', '1', '--no-progress']);
    expect(r.code).toBe(2);
    const lines = r.stdout.trim().split('\n').map((l) => JSON.parse(l) as { file: string; error?: string });
    expect(lines.map((l) => l.file)).toEqual([`${base}/nowhere`, `${base}/loop`, `${base}/gbk`, 'http://127.0.0.1:1/', `${base}/slow`]);
    expect(lines[2].error).toBeUndefined();
    const errs = r.stderr.split('\n').filter((l) => l.startsWith('seospam: http'));
    expect(errs).toEqual([
      `seospam: ${base}/nowhere: HTTP 404 Not Found`,
      `seospam: ${base}/loop: more than 5 redirects`,
      'seospam: http://127.0.0.1:1/: connection refused',
      `seospam: ${base}/slow: no answer within 1 s`,
    ]);
  }, 20_000);

  it('stops reading at the byte limit and scores the page it has', async () => {
    const r = await runCliAsync(['blocks', `${base}/big`, '--max-bytes', '20000', '--timeout', '10']);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/truncated: bytes/);
    const json = await runCliAsync(['blocks', `${base}/big`, '--max-bytes', '20000', '--format', 'json']);
    const page = JSON.parse(json.stdout) as { bytes: number };
    expect(page.bytes).toBe(20001);
  }, 20_000);

  it('gives features of a URL page', async () => {
    const r = await runCliAsync(['features', `${base}/hop`]);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('阳台种番茄的经验');
    const bad = await runCliAsync(['features', `${base}/nowhere`]);
    expect(bad.code).not.toBe(0);
    expect(bad.stderr.trim()).toBe(`seospam: ${base}/nowhere: HTTP 404 Not Found`);
  });

  it.skipIf(!madeCert)('fetches https with a certificate the process trusts, and refuses one it does not', async () => {
    const trusted = await runCliAsync(['score', `${secure}/gbk`, '--format', 'json'], { NODE_EXTRA_CA_CERTS: cert });
    expect(trusted.stderr).toBe('');
    expect((JSON.parse(trusted.stdout) as { blocks: Array<{ text: string }> }).blocks.map((b) => b.text)).toContain('阳台种番茄的经验');
    const untrusted = await runCliAsync(['score', `${secure}/gbk`, '--format', 'jsonl']);
    expect(untrusted.code).toBe(2);
    expect(untrusted.stderr).toMatch(new RegExp(`^seospam: ${secure.replace(/[.]/g, '\\.')}/gbk: TLS certificate not trusted \\(`, 'm'));
  });
});
