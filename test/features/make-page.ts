/** Hand-built Page and Block objects for feature tests, until (and beside) the page stage. */
import { readFileSync } from 'node:fs';
import type { Block, Link, Page } from '../../src/page/types.js';

export interface BlockSpec {
  text?: string;
  parts?: string[];
  links?: Array<{ text: string; href: string; host?: string | null; external?: boolean | null }>;
  tag?: string;
  ancestors?: string[];
  heading?: boolean;
  hidden?: string | null;
  lines?: [number, number] | null;
}

export function makeBlock(spec: BlockSpec, index = 0): Block {
  const parts = spec.parts ?? [spec.text ?? ''];
  const text = spec.text ?? parts.join(' ');
  const links: Link[] = (spec.links ?? []).map((l) => {
    let host: string | null = l.host ?? null;
    if (host === null && /^https?:\/\//.test(l.href)) host = new URL(l.href).host;
    const external = l.external !== undefined ? l.external : host === null ? null : true;
    return { href: l.href, text: l.text, host, external };
  });
  return {
    index,
    text,
    parts,
    chars: text.length,
    links,
    linkChars: links.reduce((a, l) => a + l.text.length, 0),
    tag: spec.tag ?? 'p',
    ancestors: spec.ancestors ?? ['html', 'body'],
    selector: null,
    lines: spec.lines ?? null,
    heading: spec.heading ?? false,
    hidden: spec.hidden != null,
    hiddenBy: spec.hidden ?? null,
  };
}

export function makePage(title: string, blocks: BlockSpec[], kind: 'html' | 'text' = 'html'): Page {
  return {
    kind,
    file: null,
    url: null,
    charset: 'utf-8',
    charsetSource: 'given',
    title,
    metaKeywords: '',
    metaDescription: '',
    lang: null,
    blocks: blocks.map((b, i) => makeBlock(b, i)),
    bytes: blocks.reduce((a, b) => a + (b.text ?? (b.parts ?? []).join(' ')).length, 0),
    truncated: [],
  };
}

/**
 * A text page cut the simple way: blank lines separate blocks, each line is a part.
 * Stands in for the page stage's text reader in tests that must not depend on it.
 */
export function textPage(content: string, title?: string): Page {
  const lines = content.split(/\r?\n/);
  const specs: BlockSpec[] = [];
  let start = -1;
  for (let i = 0; i <= lines.length; i++) {
    const line = i < lines.length ? (lines[i] as string).trim() : '';
    if (line.length > 0 && start < 0) start = i;
    if (line.length === 0 && start >= 0) {
      const parts = lines.slice(start, i).map((l) => l.trim());
      specs.push({ parts, text: parts.join(' '), tag: 'line', ancestors: [], lines: [start, i - 1] });
      start = -1;
    }
  }
  return makePage(title ?? (lines[0] ?? '').trim(), specs, 'text');
}

/** A hand-written page from test/fixtures/features/<name>.json: `{ title, url?, blocks: BlockSpec[] }`. */
export function fixturePage(name: string): Page {
  const file = new URL(`../fixtures/features/${name}.json`, import.meta.url);
  const spec = JSON.parse(readFileSync(file, 'utf8')) as { title: string; url?: string; blocks: BlockSpec[] };
  const page = makePage(spec.title, spec.blocks);
  page.url = spec.url ?? null;
  return page;
}

/** Index of the first block whose text includes the given snippet. */
export function blockAt(page: Page, snippet: string): number {
  const i = page.blocks.findIndex((b) => b.text.includes(snippet));
  if (i < 0) throw new Error(`no block contains ${snippet}`);
  return i;
}
