/** HTML page → blocks: parse with htmlparser2, read the page's simple hiding rules, segment. */
import { isText, type Document, type Element } from 'domhandler';
import { CssPaths } from './css-path.js';
import { DomBuilder } from './dom-builder.js';
import { newFastParser } from './fast-parser.js';
import { normalizeDocument } from './dom-fixup.js';
import { FAST_TOKENIZER } from './fast-tokenizer.js';
import { StyleRules } from './hidden.js';
import type { Deadline } from './limits.js';
import { parseBase } from './links.js';
import { segmentDocument } from './segment.js';
import { toBlock } from './to-block.js';
import type { Block, PageLimits, TextSpan } from './types.js';

export interface HtmlPageParts {
  document: Document;
  title: string;
  metaKeywords: string;
  metaDescription: string;
  lang: string | null;
  blocks: Block[];
  spans: TextSpan[][];
  truncated: string[];
}

/** The raw text of an element's direct text children (a stylesheet). */
function rawText(el: Element): string {
  let s = '';
  for (const c of el.children) if (isText(c)) s += c.data;
  return s;
}

/** Text of an element's direct text children (title is raw text), whitespace collapsed. */
function ownText(el: Element): string {
  let s = '';
  for (const c of el.children) if (isText(c)) s += c.data;
  return s.replace(/\s+/g, ' ').trim();
}

const PARSE_OPTIONS = { decodeEntities: true, lowerCaseTags: true, lowerCaseAttributeNames: true, Tokenizer: FAST_TOKENIZER };

/**
 * Parses with htmlparser2 into a domhandler DOM with source offsets on every node (the
 * scorer, src/scorer/strip.ts, cuts elements out of the page by them), collecting
 * `<style>` and `<html>` elements as they close (no extra pass), and making no elements
 * deeper than the segmenter reads (DomBuilder).
 */
function parseCollecting(html: string, maxDepth: number, deadline: Deadline): { document: Document; styles: Element[]; htmlEl: Element | null } {
  const builder = new DomBuilder(maxDepth, deadline);
  newFastParser(builder, PARSE_OPTIONS).end(html);
  return { document: builder.root, styles: builder.styles, htmlEl: builder.htmlEl };
}

/** Parses an HTML string and cuts it into blocks. */
export function parseHtml(html: string, url: string | null, limits: PageLimits, deadline: Deadline): HtmlPageParts {
  const { document, styles, htmlEl } = parseCollecting(html, limits.maxDepth, deadline);
  deadline.check();
  normalizeDocument(document);
  let rules: StyleRules | null = null;
  if (styles.length) {
    rules = new StyleRules();
    for (const el of styles) rules.addSheet(rawText(el));
  }

  let title = '';
  let metaKeywords = '';
  let metaDescription = '';
  const lang: string | null = (htmlEl as Element | null)?.attribs.lang?.trim() || null;
  let base = parseBase(url);
  let baseSeen = false;

  const seg = segmentDocument(document, {
    rules,
    maxBlocks: limits.maxBlocks,
    maxDepth: limits.maxDepth,
    deadline,
    onSkipped(el) {
      if (el.name === 'title') {
        if (!title) title = ownText(el);
      } else if (el.name === 'meta') {
        const name = (el.attribs.name ?? '').toLowerCase();
        const content = (el.attribs.content ?? '').replace(/\s+/g, ' ').trim();
        if (name === 'keywords' && !metaKeywords) metaKeywords = content;
        else if (name === 'description' && !metaDescription) metaDescription = content;
      } else if (el.name === 'base' && !baseSeen && el.attribs.href) {
        baseSeen = true;
        try {
          base = base ? new URL(el.attribs.href, base) : new URL(el.attribs.href);
        } catch {
          // an unusable <base> is ignored
        }
      }
    },
  });

  // Links are resolved after the walk, so a <base> anywhere in the head applies to all of them.
  const paths = new CssPaths();
  const blocks = seg.blocks.map((p, i) => toBlock(p, i, paths, base));
  return {
    document,
    title,
    metaKeywords,
    metaDescription,
    lang,
    blocks,
    spans: seg.blocks.map((p) => p.spans),
    truncated: seg.truncated,
  };
}
