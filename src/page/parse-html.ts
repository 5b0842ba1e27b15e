/** HTML page → blocks: parse with htmlparser2, read the page's simple hiding rules, segment. */
import { parseDocument } from 'htmlparser2';
import { isTag, isText, type Document, type Element } from 'domhandler';
import { CssPaths } from './css-path.js';
import { StyleRules } from './hidden.js';
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

/** Text of an element's direct text children (title is raw text), whitespace collapsed. */
function ownText(el: Element): string {
  let s = '';
  for (const c of el.children) if (isText(c)) s += c.data;
  return s.replace(/\s+/g, ' ').trim();
}

/** Every `<style>` element's text, found without recursion; empty when the page has none. */
function styleSheets(html: string, doc: Document): string[] {
  if (!/<style/i.test(html)) return [];
  const sheets: string[] = [];
  const stack = [...doc.children];
  while (stack.length) {
    const n = stack.pop()!;
    if (!isTag(n)) continue;
    if (n.name === 'style') sheets.push(ownText(n));
    else for (let i = n.children.length - 1; i >= 0; i--) stack.push(n.children[i]);
  }
  return sheets;
}

/** Parses an HTML string and cuts it into blocks. */
export function parseHtml(html: string, url: string | null, limits: PageLimits): HtmlPageParts {
  const document = parseDocument(html, { decodeEntities: true, lowerCaseTags: true, lowerCaseAttributeNames: true, withStartIndices: true, withEndIndices: true });
  const sheets = styleSheets(html, document);
  let rules: StyleRules | null = null;
  if (sheets.length) {
    rules = new StyleRules();
    for (const css of sheets) rules.addSheet(css);
  }

  let title = '';
  let metaKeywords = '';
  let metaDescription = '';
  let lang: string | null = null;
  let base = parseBase(url);
  let baseSeen = false;
  for (const c of document.children) {
    if (isTag(c) && c.name === 'html' && c.attribs.lang) {
      lang = c.attribs.lang.trim() || null;
      break;
    }
  }

  const seg = segmentDocument(document, {
    rules,
    maxBlocks: limits.maxBlocks,
    maxDepth: limits.maxDepth,
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
