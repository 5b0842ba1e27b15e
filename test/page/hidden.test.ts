/**
 * StyleRules.addSheet and parseDecls scan stylesheets without slicing every rule; they must
 * keep the rules and declarations of the plain slice-and-regex reading kept here.
 */
import { Element } from 'domhandler';
import { describe, expect, it } from 'vitest';
import { parseDecls, StyleRules, type HidingDecls } from '../../src/page/hidden.js';
import { randomStrings } from '../features/random-strings.js';

const PROPS: Record<string, keyof HidingDecls> = {
  display: 'display', visibility: 'visibility', 'font-size': 'fontSize', width: 'width', height: 'height',
  overflow: 'overflow', 'overflow-x': 'overflow', 'overflow-y': 'overflow', position: 'position', left: 'left',
  top: 'top', 'text-indent': 'textIndent',
};

function referenceDecls(style: string, into: HidingDecls = {}): HidingDecls {
  let start = 0;
  while (start < style.length) {
    let end = style.indexOf(';', start);
    if (end === -1) end = style.length;
    const colon = style.indexOf(':', start);
    if (colon !== -1 && colon < end) {
      const name = style.slice(start, colon).trim().toLowerCase();
      const prop = Object.hasOwn(PROPS, name) ? PROPS[name] : undefined;
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

interface RefRule {
  tag: string | null;
  id: string | null;
  classes: string[];
  decls: HidingDecls;
}

/** The rules of a sheet, in order, read rule by rule from sliced text. */
function referenceRules(css: string): RefRule[] {
  const text = css.replace(/\/\*[\s\S]*?\*\//g, '');
  const rules: RefRule[] = [];
  let i = 0;
  while (i < text.length) {
    const open = text.indexOf('{', i);
    if (open === -1) break;
    const prelude = text.slice(i, open).trim();
    if (prelude.includes('@')) {
      let depth = 1;
      let j = open + 1;
      while (j < text.length && depth > 0) {
        if (text[j] === '{') depth++;
        else if (text[j] === '}') depth--;
        j++;
      }
      i = j;
      continue;
    }
    const close = text.indexOf('}', open);
    const body = text.slice(open + 1, close === -1 ? text.length : close);
    i = close === -1 ? text.length : close + 1;
    if (!/none|hidden|collapse|visib|font-size|text-indent|position|-\d/i.test(body)) continue;
    const decls = referenceDecls(body);
    if (Object.keys(decls).length === 0) continue;
    for (const raw of prelude.split(',')) {
      const sel = raw.trim();
      if (!/^[a-zA-Z][\w-]*$|^([a-zA-Z][\w-]*)?([.#][\w-]+)+$/.test(sel)) continue;
      const tag = /^[a-zA-Z][\w-]*/.exec(sel)?.[0].toLowerCase() ?? null;
      const rule: RefRule = { tag, id: null, classes: [], decls };
      for (const m of sel.matchAll(/([.#])([\w-]+)/g)) {
        if (m[1] === '#') rule.id = m[2];
        else rule.classes.push(m[2]);
      }
      rules.push(rule);
    }
  }
  return rules;
}

function referenceMatch(rules: RefRule[], el: Element): HidingDecls | null {
  const have = el.attribs.class ? el.attribs.class.split(/\s+/) : [];
  const found = rules.filter(
    (r) => (!r.tag || r.tag === el.name) && (!r.id || r.id === el.attribs.id) && r.classes.every((c) => have.includes(c)),
  );
  return found.length ? Object.assign({}, ...found.map((r) => r.decls)) : null;
}

const ELEMENTS = [
  new Element('div', {}),
  new Element('p', { class: 'a' }),
  new Element('div', { class: 'a b', id: 'x' }),
  new Element('span', { id: 'y' }),
  new Element('p', { class: 'b' }),
];

const CSS_PIECES = [
  '{', '}', '{', '}', '@', '@media', ';', ':', ':', ',', '.a', '.b', '#x', '#y', 'p', 'div', 'span', ' ', '\n',
  'display', 'DISPLAY', ' display ', 'none', 'block', 'visibility', 'hidden', 'font-size', '0', '-1', 'left',
  'position', 'absolute', '-9999px', 'text-indent', 'overflow', 'width', 'height', '!important', '/*', '*/',
  'constructor', '__proto__', 'x',
];

describe('style rules', () => {
  it('parseDecls keeps hiding properties, last wins, names in any case, values lower-cased', () => {
    expect(parseDecls(' Display : NONE ; left:-9999px !important; color:red; display:block')).toEqual({
      display: 'block',
      left: '-9999px',
    });
    expect(parseDecls('constructor: none; __proto__: x')).toEqual({});
  });

  it('skips at-rule blocks with nested braces, and comments', () => {
    const rules = new StyleRules();
    rules.addSheet('@media x { .a { display:none } } /* .a{display:none} */ .b{visibility:hidden}');
    expect(rules.match(new Element('p', { class: 'a' }))).toBeNull();
    expect(rules.match(new Element('p', { class: 'b' }))).toEqual({ visibility: 'hidden' });
  });

  it('a later rule without a hiding word does not undo an earlier one', () => {
    const rules = new StyleRules();
    rules.addSheet('.a{display:none} div{display:block}');
    expect(rules.match(new Element('div', { class: 'a' }))).toEqual({ display: 'none' });
  });

  it('agrees with the slice-and-regex reading on random stylesheets', () => {
    for (const css of randomStrings(CSS_PIECES, 20000, 40, 7)) {
      const rules = new StyleRules();
      rules.addSheet(css);
      const ref = referenceRules(css);
      for (const el of ELEMENTS) expect(rules.match(el), css).toEqual(referenceMatch(ref, el));
      expect(parseDecls(css), css).toEqual(referenceDecls(css));
    }
  });
});
