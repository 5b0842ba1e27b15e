/**
 * The moderator's edits on one page: a cursor over its blocks, a selection (a range or a
 * block's siblings), spam/clean marks, and the page label. Pure state: keys in, an action out.
 */
import { PAGE_LABELS } from '../data/labels.js';
import { siblingRun } from './groups.js';
import { keyName, type Key } from './keys.js';
import { effectiveMarks, pageLabelOf } from './regions.js';
import type { PageChoice, PageMarks, ReviewPage } from './types.js';

/** What a key asks of the session beyond this page. */
export type EditorAction = 'save' | 'skip' | 'back' | 'quit' | null;

const CHOICES: PageChoice[] = ['auto', ...PAGE_LABELS];

export class PageEditor {
  cursor = 0;
  /** First block row shown (the screen scrolls to keep the cursor visible). */
  top = 0;
  /** Other end of the selection; null when only the cursor block is selected. */
  anchor: number | null = null;
  /** How many levels up the last `g` looked for siblings. */
  private groupLevel = 0;
  marks: boolean[];
  page: PageChoice;
  message = '';
  help = false;
  /** Whether the moderator changed a mark or the page label on this page. */
  touched = false;
  private effectiveCache: boolean[] | null = null;

  constructor(
    readonly review: ReviewPage,
    initial: PageMarks,
    cursor = 0,
  ) {
    this.marks = review.blocks.map((_, i) => initial.marks[i] === true);
    this.page = initial.page;
    this.cursor = Math.max(0, Math.min(cursor, review.blocks.length - 1));
  }

  /** The selected blocks [from, to], the cursor block alone when nothing is selected. */
  selection(): [number, number] {
    if (this.anchor === null) return [this.cursor, this.cursor];
    return [Math.min(this.anchor, this.cursor), Math.max(this.anchor, this.cursor)];
  }

  /** Per block: spam as the written labels will read back (a block inside a marked element is spam too). */
  effective(): boolean[] {
    if (!this.effectiveCache) this.effectiveCache = effectiveMarks(this.review.parsed, this.marks);
    return this.effectiveCache;
  }

  /** The marks and page choice to save. */
  result(): PageMarks {
    return { marks: [...this.marks], page: this.page };
  }

  /** Blocks whose mark differs from the model's verdict. */
  corrections(): number {
    const eff = this.effective();
    return this.review.blocks.filter((b, i) => b.modelSpam !== eff[i]).length;
  }

  /** Applies one key; returns what the session should do next. `rows` is the list height for paging. */
  handle(key: Key, rows: number): EditorAction {
    const n = this.review.blocks.length;
    const name = keyName(key);
    this.message = '';
    const keepGroup = name === 'g';
    if (!keepGroup) this.groupLevel = 0;
    switch (name) {
      case 'up':
      case 'k':
        this.move(-1);
        break;
      case 'down':
      case 'j':
        this.move(1);
        break;
      case 'pageup':
        this.move(-Math.max(1, rows - 1));
        break;
      case 'pagedown':
        this.move(Math.max(1, rows - 1));
        break;
      case 'home':
        this.move(-n);
        break;
      case 'end':
        this.move(n);
        break;
      case 'v':
        if (this.anchor === null) {
          this.anchor = this.cursor;
          this.message = 'range: move to its other end, then s or c';
        } else this.anchor = null;
        break;
      case 'g':
        this.selectSiblings();
        break;
      case 'escape':
        this.anchor = null;
        break;
      case 's':
        this.mark(true);
        break;
      case 'c':
        this.mark(false);
        break;
      case 'space':
        this.mark(!this.marks[this.cursor]);
        break;
      case 'A':
        this.setAll(() => true, 'every block marked spam');
        break;
      case 'X':
        this.setAll(() => false, 'every block marked clean');
        break;
      case 'm':
        this.setAll((i) => this.review.blocks[i].modelSpam, "marks reset to the model's verdicts");
        break;
      case 'p': {
        this.page = CHOICES[(CHOICES.indexOf(this.page) + 1) % CHOICES.length];
        this.touched = true;
        this.message = `page label: ${this.page === 'auto' ? `auto (${pageLabelOf('auto', this.effective())})` : this.page}`;
        break;
      }
      case '?':
        this.help = !this.help;
        break;
      case 'enter':
        return this.trySave();
      case 'n':
        return 'skip';
      case 'b':
        return 'back';
      case 'q':
      case 'ctrl-c':
        return 'quit';
      default:
        this.message = `unknown key ${JSON.stringify(name)} (? for help)`;
    }
    return null;
  }

  private move(delta: number): void {
    const n = this.review.blocks.length;
    this.cursor = Math.max(0, Math.min(n - 1, this.cursor + delta));
  }

  private selectSiblings(): void {
    const level = this.groupLevel + 1;
    const [from, to] = siblingRun(this.review.blocks, this.cursor, level);
    const [oldFrom, oldTo] = this.selection();
    if (this.groupLevel > 0 && from === oldFrom && to === oldTo && level > 1) {
      this.message = 'no wider group of siblings';
    }
    this.groupLevel = level;
    this.anchor = from;
    this.cursor = to;
    this.message ||= `selected blocks ${from + 1}–${to + 1} (${to - from + 1}); s or c marks them, g widens`;
    if (from === to) this.message = 'this block has no siblings; v selects a range';
  }

  private mark(spam: boolean): void {
    const [from, to] = this.selection();
    for (let i = from; i <= to; i++) this.marks[i] = spam;
    this.effectiveCache = null;
    this.touched = true;
    this.anchor = null;
    const count = to - from + 1;
    this.message = `${count === 1 ? `block ${from + 1}` : `blocks ${from + 1}–${to + 1}`} marked ${spam ? 'spam' : 'clean'}`;
    const eff = this.effective();
    const stuck = [];
    for (let i = from; i <= to; i++) if (eff[i] !== spam) stuck.push(i + 1);
    if (stuck.length > 0) {
      this.message = `block ${stuck[0]} lies inside a block marked spam, so it counts as spam (unmark the outer block)`;
    }
  }

  private setAll(value: (i: number) => boolean, message: string): void {
    this.marks = this.marks.map((_, i) => value(i));
    this.effectiveCache = null;
    this.touched = true;
    this.anchor = null;
    this.message = message;
  }

  private trySave(): EditorAction {
    const eff = this.effective();
    if (this.page === 'clean' && eff.some(Boolean)) {
      this.message = 'the page is labeled clean but has spam blocks: press X to clear them or p to change the label';
      return null;
    }
    return 'save';
  }
}
