/**
 * Plain-text page → blocks, one per line, except that runs of short lines (menus, link
 * lists, keyword lists) group into one block whose parts are the lines.
 */
import { makeLink, parseBase } from './links.js';
import type { Block, Link, TextSpan } from './types.js';

/** A line shorter than this (in characters, after collapsing whitespace) is "short". */
export const SHORT_LINE = 28;

const URL_RE = /https?:\/\/[^\s<>"'，。、；）)\]】]+/g;

export interface TextPageParts {
  title: string;
  blocks: Block[];
  spans: TextSpan[][];
  truncated: string[];
}

interface Line {
  n: number;
  text: string;
}

/** The links a line of plain text names (bare http/https URLs). */
function urlsIn(text: string, base: URL | null): Link[] {
  if (!text.includes('://')) return [];
  const links: Link[] = [];
  for (const m of text.matchAll(URL_RE)) links.push(makeLink(m[0], m[0], base));
  return links;
}

function makeBlock(lines: Line[], index: number, base: URL | null): { block: Block; spans: TextSpan[] } {
  const spans: TextSpan[] = [];
  let offset = 0;
  for (const l of lines) {
    if (spans.length) offset++;
    spans.push({ start: offset, end: offset + l.text.length, line: l.n });
    offset += l.text.length;
  }
  const parts = lines.map((l) => l.text);
  const text = parts.join(' ');
  const links = urlsIn(text, base);
  return {
    block: {
      index,
      text,
      parts,
      chars: text.length,
      links,
      linkChars: links.reduce((s, l) => s + l.text.length, 0),
      tag: 'line',
      ancestors: [],
      selector: null,
      lines: [lines[0].n, lines[lines.length - 1].n],
      heading: false,
      hidden: false,
      hiddenBy: null,
    },
    spans,
  };
}

/**
 * Groups lines into blocks. Rules, in order:
 * - the first non-blank line is the title and a block of its own;
 * - a long line is a block of its own;
 * - consecutive short lines (at least two) form one block;
 * - a lone short line followed by one blank line and then such a run of short lines
 *   is the run's first item (a list whose first entry stands apart), not chained further.
 */
export function parseText(text: string, url: string | null, maxBlocks: number): TextPageParts {
  const base = parseBase(url);
  // Runs of consecutive non-blank lines, each either one long line or short lines.
  const groups: Line[][] = [];
  let run: Line[] = [];
  let title = '';
  let titleLine = -1;
  let n = 0;
  let pos = 0;
  let truncated = false;
  const flush = (): void => {
    if (run.length) groups.push(run);
    run = [];
  };
  while (pos <= text.length) {
    let end = text.indexOf('\n', pos);
    if (end === -1) end = text.length;
    const raw = text.slice(pos, end);
    pos = end + 1;
    const line = raw.replace(/\s+/g, ' ').trim();
    if (!line) {
      flush();
    } else if (!title) {
      title = line;
      titleLine = n;
      flush();
      groups.push([{ n, text: line }]);
    } else if (line.length >= SHORT_LINE) {
      flush();
      groups.push([{ n, text: line }]);
    } else {
      run.push({ n, text: line });
    }
    n++;
    if (groups.length > maxBlocks * 2 + 2) {
      truncated = true;
      break;
    }
  }
  flush();

  // Attach a lone short line to the run of short lines after one blank line.
  const merged: Line[][] = [];
  for (let i = 0; i < groups.length; i++) {
    const g = groups[i];
    const next = groups[i + 1];
    const lone = g.length === 1 && g[0].text.length < SHORT_LINE && g[0].n !== titleLine;
    if (lone && next && next.length >= 2 && next[0].n === g[0].n + 2 && (i === 0 || !isAttached(groups[i - 1], g))) {
      merged.push([g[0], ...next]);
      i++;
    } else merged.push(g);
  }

  const blocks: Block[] = [];
  const spans: TextSpan[][] = [];
  for (const g of merged) {
    if (blocks.length >= maxBlocks) {
      truncated = true;
      break;
    }
    const { block, spans: s } = makeBlock(g, blocks.length, base);
    blocks.push(block);
    spans.push(s);
  }
  return { title, blocks, spans, truncated: truncated ? ['blocks'] : [] };
}

/** Whether `g` directly continues the group before it (no blank line between). */
function isAttached(prev: Line[], g: Line[]): boolean {
  return prev[prev.length - 1].n === g[0].n - 1;
}
