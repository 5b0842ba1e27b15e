/**
 * CSS hiding: reads inline `style` attributes and the page's own simple `<style>` rules
 * (`.class`, `#id`, `tag`, `tag.class`, `tag#id` and compounds of those) and says whether
 * an element hides its content, and how.
 */
import type { Element } from 'domhandler';
import { isSpace } from './whitespace.js';

/**
 * The first occurrence of a string, or match of a global regex, at or after a position in
 * one text, for positions that mostly move forward: an occurrence found ahead is
 * remembered, so the text is searched about once in all, however many times it is asked.
 */
class NextMatch {
  private searchedFrom = 0;
  private found = -2; // not searched yet

  constructor(
    private readonly text: string,
    private readonly needle: string | RegExp,
  ) {}

  /** Start of the first occurrence at or after `pos`, or -1. */
  from(pos: number): number {
    if (this.found === -2 || pos < this.searchedFrom || (this.found !== -1 && this.found < pos)) {
      this.searchedFrom = pos;
      const needle = this.needle;
      if (typeof needle === 'string') this.found = this.text.indexOf(needle, pos);
      else {
        needle.lastIndex = pos;
        this.found = needle.exec(this.text)?.index ?? -1;
      }
    }
    return this.found;
  }
}

/** The few properties that can hide text; everything else is ignored. */
export interface HidingDecls {
  display?: string;
  visibility?: string;
  fontSize?: string;
  width?: string;
  height?: string;
  overflow?: string;
  position?: string;
  left?: string;
  top?: string;
  textIndent?: string;
}

const PROPS: Record<string, keyof HidingDecls> = {
  display: 'display',
  visibility: 'visibility',
  'font-size': 'fontSize',
  width: 'width',
  height: 'height',
  overflow: 'overflow',
  'overflow-x': 'overflow',
  'overflow-y': 'overflow',
  position: 'position',
  left: 'left',
  top: 'top',
  'text-indent': 'textIndent',
};

/** PROPS' names by length, each with its key. */
const PROPS_BY_LENGTH: Array<Array<[string, keyof HidingDecls]> | undefined> = [];
for (const [name, key] of Object.entries(PROPS)) (PROPS_BY_LENGTH[name.length] ??= []).push([name, key]);

/**
 * The hiding property named by `s[from, to)`, trimmed and compared case-insensitively (as
 * `PROPS[s.slice(from, to).trim().toLowerCase()]` without making the strings), or undefined.
 */
function hidingProp(s: string, from: number, to: number): keyof HidingDecls | undefined {
  while (from < to && isSpace(s.charCodeAt(from))) from++;
  while (to > from && isSpace(s.charCodeAt(to - 1))) to--;
  const names = PROPS_BY_LENGTH[to - from];
  if (names === undefined) return undefined;
  for (const [name, key] of names) if (equalsLower(s, from, name)) return key;
  return undefined;
}

/** Whether `s` from `at` spells `lower` (lower case ASCII) in any ASCII case. */
function equalsLower(s: string, at: number, lower: string): boolean {
  for (let k = 0; k < lower.length; k++) {
    let c = s.charCodeAt(at + k);
    if (c >= 65 && c <= 90) c += 32;
    if (c !== lower.charCodeAt(k)) return false;
  }
  return true;
}

/** Finds the `;` and `:` of one text's declarations (shared by all rules of a stylesheet). */
interface DeclMarks {
  semis: NextMatch;
  colons: NextMatch;
}

function declMarks(text: string): DeclMarks {
  return { semis: new NextMatch(text, ';'), colons: new NextMatch(text, ':') };
}

/**
 * Reads the declarations of `style[from, to)` (`display:none; left:-9999px`) keeping only
 * hiding-relevant properties, into `into`, or into an object made for the first one; null
 * when there is neither. `marks` finds the text's `;` and `:`.
 */
function readDecls(style: string, from: number, to: number, into: HidingDecls | null, marks: DeclMarks): HidingDecls | null {
  let start = from;
  while (start < to) {
    let end = marks.semis.from(start);
    if (end === -1 || end > to) end = to;
    const colon = marks.colons.from(start);
    if (colon !== -1 && colon < end) {
      const prop = hidingProp(style, start, colon);
      if (prop) {
        let value = style.slice(colon + 1, end).trim().toLowerCase();
        const bang = value.indexOf('!');
        if (bang !== -1) value = value.slice(0, bang).trim();
        (into ??= {})[prop] = value;
      }
    }
    start = end + 1;
  }
  return into;
}

/** Parses a declaration list (`display:none; left:-9999px`) keeping only hiding-relevant properties. */
export function parseDecls(style: string, into: HidingDecls = {}): HidingDecls {
  return readDecls(style, 0, style.length, into, declMarks(style)) ?? into;
}

/** A length in px, or null when the value is not an absolute length we understand. */
function px(value: string | undefined): number | null {
  if (!value) return null;
  const m = /^(-?[\d.]+)(px|pt|em|rem|)$/.exec(value);
  if (!m) return null;
  const v = parseFloat(m[1]);
  if (!Number.isFinite(v)) return null;
  switch (m[2]) {
    case 'pt':
      return (v * 4) / 3;
    case 'em':
    case 'rem':
      return v * 16;
    default: // px, or unitless (quirks-mode px)
      return v;
  }
}

const FAR = -1000;

/** Why these declarations hide an element's box for good (not undone by descendants), or null. */
export function hardHiding(d: HidingDecls): string | null {
  if (d.display === 'none') return 'display:none';
  const pos = d.position;
  if (pos === 'absolute' || pos === 'fixed') {
    const l = px(d.left);
    const t = px(d.top);
    if ((l !== null && l <= FAR) || (t !== null && t <= FAR)) return 'off-screen';
  }
  const ti = px(d.textIndent);
  if (ti !== null && ti <= FAR) return 'off-screen';
  if (d.overflow === 'hidden' || d.overflow === 'clip') {
    if (px(d.width) === 0 || px(d.height) === 0) return 'zero-size';
  }
  return null;
}

/** true: font too small to read; false: a readable size set (undoes a tiny parent); null: not set. */
export function tinyFont(d: HidingDecls): boolean | null {
  if (d.fontSize === undefined) return null;
  const v = px(d.fontSize);
  if (v === null) return false;
  return v < 2;
}

/** true: visibility hidden; false: visible again; null: not set. */
export function visibilityHidden(d: HidingDecls): boolean | null {
  if (d.visibility === undefined) return null;
  return d.visibility === 'hidden' || d.visibility === 'collapse';
}

/**
 * Words a declaration block must hold to hide (or un-hide) anything we look at. None
 * of them can hold a brace, so a match that starts inside a rule body ends inside it.
 */
const MAY_HIDE_ANYWHERE = /none|hidden|collapse|visib|font-size|text-indent|position|-\d/gi;

interface Rule {
  tag: string | null;
  id: string | null;
  classes: string[];
  decls: HidingDecls;
  order: number;
}

/** Simple rules from the page's `<style>` blocks, indexed for lookup by class, id and tag. */
export class StyleRules {
  private byClass = new Map<string, Rule[]>();
  private byId = new Map<string, Rule[]>();
  private byTag = new Map<string, Rule[]>();
  private count = 0;

  get size(): number {
    return this.count;
  }

  /** Adds the simple rules of one stylesheet text; at-rule blocks (@media …) are skipped. */
  addSheet(css: string): void {
    const text = css.includes('/*') ? css.replace(/\/\*[\s\S]*?\*\//g, '') : css;
    // Stylesheets are long (a sixth of the corpus) and few of their rules can hide: the
    // braces, `@` and hiding words are found by searches that move forward only, and a
    // rule is sliced out of the text only when its body holds a hiding word.
    const opens = new NextMatch(text, '{');
    const closes = new NextMatch(text, '}');
    const ats = new NextMatch(text, '@');
    const hiding = new NextMatch(text, MAY_HIDE_ANYWHERE);
    const marks = declMarks(text);
    let i = 0;
    const n = text.length;
    while (i < n) {
      const start = i;
      const open = opens.from(start);
      if (open === -1) break;
      const at = ats.from(start);
      if (at !== -1 && at < open) {
        // An at-rule: skip its whole block, nested braces included.
        let depth = 1;
        let j = open + 1;
        while (depth > 0) {
          const close = closes.from(j);
          if (close === -1) {
            j = n;
            break;
          }
          const inner = opens.from(j);
          if (inner !== -1 && inner < close) {
            depth++;
            j = inner + 1;
          } else {
            depth--;
            j = close + 1;
          }
        }
        i = j;
        continue;
      }
      const close = closes.from(open);
      const end = close === -1 ? n : close;
      i = close === -1 ? n : close + 1;
      // Most rules (colours, margins) cannot hide anything: skip them without parsing.
      const word = hiding.from(open + 1);
      if (word === -1 || word >= end) continue;
      const decls = readDecls(text, open + 1, end, null, marks);
      if (decls === null) continue;
      for (const sel of text.slice(start, open).trim().split(',')) this.addRule(sel.trim(), decls);
    }
  }

  private addRule(selector: string, decls: HidingDecls): void {
    if (!/^[a-zA-Z][\w-]*$|^([a-zA-Z][\w-]*)?([.#][\w-]+)+$/.test(selector)) return;
    const m = /^[a-zA-Z][\w-]*/.exec(selector);
    const rule: Rule = { tag: m ? m[0].toLowerCase() : null, id: null, classes: [], decls, order: this.count++ };
    const re = /([.#])([\w-]+)/g;
    let p: RegExpExecArray | null;
    while ((p = re.exec(selector))) {
      if (p[1] === '#') rule.id = p[2];
      else rule.classes.push(p[2]);
    }
    const push = (map: Map<string, Rule[]>, key: string): void => {
      const list = map.get(key);
      if (list) list.push(rule);
      else map.set(key, [rule]);
    };
    if (rule.id) push(this.byId, rule.id);
    else if (rule.classes.length) push(this.byClass, rule.classes[0]);
    else if (rule.tag) push(this.byTag, rule.tag);
  }

  /** The hiding declarations the rules give one element, in source order (later wins), or null. */
  match(el: Element): HidingDecls | null {
    const cls = el.attribs.class;
    // The element's classes, split once for the lookups and every rule's check.
    const have = cls ? cls.split(/\s+/) : null;
    let found = this.collect(this.byTag.get(el.name), el, have, null);
    const id = el.attribs.id;
    if (id) found = this.collect(this.byId.get(id), el, have, found);
    if (have) for (const c of have) if (c) found = this.collect(this.byClass.get(c), el, have, found);
    if (!found) return null;
    found.sort((a, b) => a.order - b.order);
    const out: HidingDecls = {};
    for (const r of found) Object.assign(out, r.decls);
    return out;
  }

  /** Appends the rules of `rules` that apply to `el` to `found` (made when the first one does). */
  private collect(rules: Rule[] | undefined, el: Element, have: string[] | null, found: Rule[] | null): Rule[] | null {
    if (!rules) return found;
    for (const r of rules) if (applies(r, el, have)) (found ??= []).push(r);
    return found;
  }
}

/** Whether a rule's tag, id and classes all hold for an element; `have` is its class list split. */
function applies(r: Rule, el: Element, have: string[] | null): boolean {
  if (r.tag && r.tag !== el.name) return false;
  if (r.id && el.attribs.id !== r.id) return false;
  if (r.classes.length) {
    if (!have) return false;
    for (const c of r.classes) if (!have.includes(c)) return false;
  }
  return true;
}

/** The hiding declarations of one element: its matching rules, then its inline style; null when none. */
export function elementDecls(el: Element, rules: StyleRules | null): HidingDecls | null {
  const fromRules = rules ? rules.match(el) : null;
  const inline = el.attribs.style;
  if (!inline) return fromRules;
  return parseDecls(inline, fromRules ?? {});
}
