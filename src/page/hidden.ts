/**
 * CSS hiding: reads inline `style` attributes and the page's own simple `<style>` rules
 * (`.class`, `#id`, `tag`, `tag.class`, `tag#id` and compounds of those) and says whether
 * an element hides its content, and how.
 */
import type { Element } from 'domhandler';

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

/** Parses a declaration list (`display:none; left:-9999px`) keeping only hiding-relevant properties. */
export function parseDecls(style: string, into: HidingDecls = {}): HidingDecls {
  let start = 0;
  const n = style.length;
  while (start < n) {
    let end = style.indexOf(';', start);
    if (end === -1) end = n;
    const colon = style.indexOf(':', start);
    if (colon !== -1 && colon < end) {
      const prop = PROPS[style.slice(start, colon).trim().toLowerCase()];
      if (prop) {
        let value = style.slice(colon + 1, end).trim().toLowerCase();
        const bang = value.indexOf('!');
        if (bang !== -1) value = value.slice(0, bang).trim();
        into[prop] = value;
      }
    }
    start = end + 1;
  }
  return into;
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

/** Words a declaration block must hold to hide (or un-hide) anything we look at. */
const MAY_HIDE = /none|hidden|collapse|visib|font-size|text-indent|position|-\d/i;

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
    const text = css.replace(/\/\*[\s\S]*?\*\//g, '');
    let i = 0;
    const n = text.length;
    while (i < n) {
      const open = text.indexOf('{', i);
      if (open === -1) break;
      const prelude = text.slice(i, open).trim();
      if (prelude.includes('@')) {
        // Skip the whole at-rule block, nested braces included.
        let depth = 1;
        let j = open + 1;
        while (j < n && depth > 0) {
          const c = text.charCodeAt(j);
          if (c === 123) depth++;
          else if (c === 125) depth--;
          j++;
        }
        i = j;
        continue;
      }
      const close = text.indexOf('}', open);
      const body = text.slice(open + 1, close === -1 ? n : close);
      i = close === -1 ? n : close + 1;
      // Most rules (colours, margins) cannot hide anything: skip them without parsing.
      if (!MAY_HIDE.test(body)) continue;
      const decls = parseDecls(body);
      if (Object.keys(decls).length === 0) continue;
      for (const sel of prelude.split(',')) this.addRule(sel.trim(), decls);
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
