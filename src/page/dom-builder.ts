/**
 * Builds the domhandler tree from htmlparser2's Parser callbacks, as DomHandler does
 * (with start and end indices), but cheaper: nodes are made by plain constructor
 * functions sharing domhandler's prototypes, so they are real domhandler nodes
 * (`instanceof Element`, same own properties in the same order, same getters) without
 * the class-field initializers that made node creation a quarter of the page stage.
 * It also collects `<style>` elements and the first `<html>` as they close. Children are
 * gathered on one shared stack and each element gets an array of exactly its children
 * when it closes: pushing onto a fresh `[]` reserves 17 slots, most of them never used,
 * and a tree of half a million elements a corpus pass kept them all alive.
 *
 * Elements nested deeper than two levels past the depth limit are not made (their children
 * go to the nearest element that was), except those the segmenter still reads inside a
 * flattened element (links, line breaks, head-ish elements it skips): segmentDocument
 * flattens everything past the limit into the element at the limit anyway, so its blocks
 * are the same, and a page of a million unclosed tags costs no million elements.
 */
import { Comment, Document, Element, ProcessingInstruction, Text, CDATA, type ChildNode, type ParentNode } from 'domhandler';
import type { Handler, Parser } from 'htmlparser2';
import { SKIPPED_TAGS } from './segment.js';

/**
 * The attributes of every element that has none: one frozen object instead of an empty one
 * per element (56 bytes each, a sixth of a page of a million bare tags). Nothing in seospam
 * writes attributes; a write would throw instead of reaching every such element.
 */
const NO_ATTRIBS: Record<string, string> = Object.freeze({}) as Record<string, string>;

/** Whether an attribute object has no attributes (the parser's are plain objects). */
function isEmpty(attribs: Record<string, string>): boolean {
  for (const _ in attribs) return false;
  return true;
}

/** Elements made even past the depth limit: what segmentDocument's flatten reads. */
const KEPT_PAST_LIMIT = new Set(['a', 'br', 'html', ...SKIPPED_TAGS]);

/** domhandler's node type values, read from real nodes (domelementtype is not a dependency of ours). */
const TEXT: Text['type'] = new Text('').type;
const COMMENT: Comment['type'] = new Comment('').type;
const DIRECTIVE: ProcessingInstruction['type'] = new ProcessingInstruction('', '').type;
const CDATA_TYPE: CDATA['type'] = new CDATA([]).type;
const TAG_TYPES = ((): { tag: Element['type']; script: Element['type']; style: Element['type'] } => ({
  tag: new Element('div', {}).type,
  script: new Element('script', {}).type,
  style: new Element('style', {}).type,
}))();

/* Each constructor sets exactly the own properties, in the order, that the domhandler class sets. */

function ElementNode(this: Element, name: string, attribs: Record<string, string>, start: number, end: number): void {
  this.parent = null;
  this.prev = null;
  this.next = null;
  this.startIndex = start;
  this.endIndex = end;
  this.children = [];
  this.name = name;
  this.attribs = attribs;
  this.type = name === 'script' ? TAG_TYPES.script : name === 'style' ? TAG_TYPES.style : TAG_TYPES.tag;
  this.namespace = undefined;
  this['x-attribsNamespace'] = undefined;
  this['x-attribsPrefix'] = undefined;
}
ElementNode.prototype = Element.prototype;

function TextNode(this: Text, data: string, start: number | null, end: number | null): void {
  this.parent = null;
  this.prev = null;
  this.next = null;
  this.startIndex = start;
  this.endIndex = end;
  this.data = data;
  this.type = TEXT;
}
TextNode.prototype = Text.prototype;

function CommentNode(this: Comment, data: string, start: number, end: number): void {
  this.parent = null;
  this.prev = null;
  this.next = null;
  this.startIndex = start;
  this.endIndex = end;
  this.data = data;
  this.type = COMMENT;
}
CommentNode.prototype = Comment.prototype;

function DirectiveNode(this: ProcessingInstruction, name: string, data: string, start: number, end: number): void {
  this.parent = null;
  this.prev = null;
  this.next = null;
  this.startIndex = start;
  this.endIndex = end;
  this.data = data;
  this.type = DIRECTIVE;
  this.name = name;
  this['x-name'] = undefined;
  this['x-publicId'] = undefined;
  this['x-systemId'] = undefined;
}
DirectiveNode.prototype = ProcessingInstruction.prototype;

function CdataNode(this: CDATA, children: ChildNode[], start: number, end: number): void {
  this.parent = null;
  this.prev = null;
  this.next = null;
  this.startIndex = start;
  this.endIndex = end;
  this.children = children;
  this.type = CDATA_TYPE;
}
CdataNode.prototype = CDATA.prototype;

const newElement = ElementNode as unknown as new (name: string, attribs: Record<string, string>, start: number, end: number) => Element;
const newText = TextNode as unknown as new (data: string, start: number | null, end: number | null) => Text;
const newComment = CommentNode as unknown as new (data: string, start: number, end: number) => Comment;
const newDirective = DirectiveNode as unknown as new (name: string, data: string, start: number, end: number) => ProcessingInstruction;
const newCdata = CdataNode as unknown as new (children: ChildNode[], start: number, end: number) => CDATA;

/** Parser callbacks that build the tree; `root` is the document once the parser has ended. */
export class DomBuilder implements Partial<Handler> {
  readonly root: Document = new Document([]);
  /** `<style>` elements in the order they closed. */
  readonly styles: Element[] = [];
  /** The first `<html>` element to close. */
  htmlEl: Element | null = null;
  /** Open elements, innermost last; the document at the bottom. */
  private stack: ParentNode[] = [this.root];
  /** Children of all open elements, in document order; each open element's start in `marks`. */
  private pending: ChildNode[] = [];
  /** Where each open element's children begin in `pending` (parallel to `stack`). */
  private marks: number[] = [0];
  /** The text or comment node still being appended to (consecutive parser events merge). */
  private lastNode: Text | Comment | null = null;
  private parser: Parser | null = null;
  /** One entry per open tag, made or not: 1 when it was made into an element. */
  private made: number[] = [];
  /** Open tags at or past this depth are made only when KEPT_PAST_LIMIT (see the file comment). */
  private readonly keepDepth: number;

  /** Open tags seen, for checking the deadline every so many. */
  private tags = 0;

  /**
   * `maxDepth`: the segmenter's depth limit (PageLimits.maxDepth), no limit by default;
   * `deadline`: the page's time budget, checked every 1,024 tags.
   */
  constructor(
    maxDepth = Infinity,
    private readonly deadline: { check(): void } | null = null,
  ) {
    // Elements are made down to depth maxDepth + 2: the segmenter flattens from depth
    // maxDepth + 1 on, and tells a page cut by depth by such an element having children.
    // normalizeDocument may wrap a fragment in html and body, which only makes elements deeper.
    this.keepDepth = maxDepth + 2;
  }

  onparserinit(parser: Parser): void {
    this.parser = parser;
  }

  onerror(error: Error): void {
    throw error;
  }

  onopentag(name: string, attribs: Record<string, string>): void {
    if ((++this.tags & 1023) === 0) this.deadline?.check();
    if (this.made.length >= this.keepDepth && !KEPT_PAST_LIMIT.has(name)) {
      this.made.push(0);
      this.lastNode = null;
      return;
    }
    this.made.push(1);
    const p = this.parser!;
    const el = new newElement(name, isEmpty(attribs) ? NO_ATTRIBS : attribs, p.startIndex, p.endIndex);
    this.add(el);
    this.stack.push(el);
    this.marks.push(this.pending.length);
  }

  onclosetag(): void {
    this.lastNode = null;
    if (this.made.pop() === 0) return;
    const el = this.stack.pop() as Element;
    this.takeChildren(el, this.marks.pop()!);
    el.endIndex = this.parser!.endIndex;
    if (el.name === 'style') this.styles.push(el);
    else if (el.name === 'html' && this.htmlEl === null) this.htmlEl = el;
  }

  ontext(data: string): void {
    const last = this.lastNode;
    if (last !== null && last.type === TEXT) {
      last.data += data;
      last.endIndex = this.parser!.endIndex;
      return;
    }
    const p = this.parser!;
    const node = new newText(data, p.startIndex, p.endIndex);
    this.add(node);
    this.lastNode = node;
  }

  oncomment(data: string): void {
    const last = this.lastNode;
    if (last !== null && last.type === COMMENT) {
      last.data += data;
      return;
    }
    const p = this.parser!;
    const node = new newComment(data, p.startIndex, p.endIndex);
    this.add(node);
    this.lastNode = node;
  }

  oncommentend(): void {
    this.lastNode = null;
  }

  oncdatastart(): void {
    const text = new newText('', null, null);
    const p = this.parser!;
    const node = new newCdata([text], p.startIndex, p.endIndex);
    this.add(node);
    text.parent = node;
    this.lastNode = text;
  }

  oncdataend(): void {
    this.lastNode = null;
  }

  onprocessinginstruction(name: string, data: string): void {
    const p = this.parser!;
    this.add(new newDirective(name, data, p.startIndex, p.endIndex));
  }

  onend(): void {
    // The parser has closed every element by now: what is left are the document's children.
    this.takeChildren(this.root, 0);
    this.parser = null;
  }

  /** Moves the pending children from `mark` on into `parent.children` (an exact-size array). */
  private takeChildren(parent: ParentNode, mark: number): void {
    const pending = this.pending;
    if (pending.length === mark) return; // no children: keep the empty array it was made with
    parent.children = pending.slice(mark);
    pending.length = mark;
  }

  /** Appends a node to the innermost open element, linking it to its previous sibling. */
  private add(node: ChildNode): void {
    const pending = this.pending;
    if (pending.length > this.marks[this.marks.length - 1]) {
      const prev = pending[pending.length - 1];
      node.prev = prev;
      prev.next = node;
    }
    pending.push(node);
    node.parent = this.stack[this.stack.length - 1];
    this.lastNode = null;
  }
}
