/** CSS paths of `tag:nth-of-type(k)` steps from the top element (`html > body > div:nth-of-type(3)`). */
import { isTag, type Element, type ParentNode } from 'domhandler';

/** Builds and caches selectors; one instance per document. nth-of-type indexes are counted once per parent. */
export class CssPaths {
  private nth = new Map<Element, number>();
  private paths = new Map<Element, string>();

  /** 1-based position of `el` among its parent's children with the same tag. */
  nthOfType(el: Element): number {
    const known = this.nth.get(el);
    if (known !== undefined) return known;
    const parent: ParentNode | null = el.parent;
    if (!parent) return 1;
    const counts = new Map<string, number>();
    for (const child of parent.children) {
      if (!isTag(child)) continue;
      const c = child;
      const k = (counts.get(c.name) ?? 0) + 1;
      counts.set(c.name, k);
      this.nth.set(c, k);
    }
    return this.nth.get(el) ?? 1;
  }

  /** The selector of `el`: `html`, `head` and `body` steps are bare, every other step carries nth-of-type. */
  selector(el: Element): string {
    const known = this.paths.get(el);
    if (known !== undefined) return known;
    // Walk up iteratively to the nearest cached ancestor, then build down.
    const chain: Element[] = [];
    let cur: Element | null = el;
    let base = '';
    while (cur) {
      const hit = this.paths.get(cur);
      if (hit !== undefined) {
        base = hit;
        break;
      }
      chain.push(cur);
      const p: ParentNode | null = cur.parent;
      cur = p && p.type === 'tag' ? (p as Element) : null;
    }
    let path = base;
    for (let i = chain.length - 1; i >= 0; i--) {
      const e = chain[i];
      const step = isBare(e) && onlyOfType(e) ? e.name : `${escapeTag(e.name)}:nth-of-type(${this.nthOfType(e)})`;
      path = path ? `${path} > ${step}` : step;
      this.paths.set(e, path);
    }
    return path;
  }
}

/** Whether no sibling shares the element's tag (a second body would make `html > body` ambiguous). */
function onlyOfType(e: Element): boolean {
  const siblings = e.parent ? e.parent.children : [e];
  for (const s of siblings) if (s !== e && isTag(s) && s.name === e.name) return false;
  return true;
}

function isBare(e: Element): boolean {
  if (e.name === 'html') return !e.parent || e.parent.type === 'root';
  if (e.name === 'body' || e.name === 'head') {
    const p = e.parent;
    return !!p && p.type === 'tag' && (p as Element).name === 'html';
  }
  return false;
}

/** Tag names are letters, digits and a few symbols; escape anything a selector parser would trip on. */
function escapeTag(name: string): string {
  return /^[a-z][a-z0-9-]*$/.test(name) ? name : name.replace(/[^a-zA-Z0-9-]/g, (c) => `\\${c}`);
}
