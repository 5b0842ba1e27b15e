/**
 * Places: city-targeted keyword spam puts a place name in front of item after item
 * (`宜宾网络公司选择9火星 酒泉网络公司优选12火星 …`, `浑源县服务器软件`), while menus,
 * tag lists and furniture rarely start their items with one.
 */
import type { BlockEvidence } from './types.js';
import type { BlockInput, FeatureFamily } from './family.js';
import { finite } from './family.js';
import { blockItems, MIN_TEMPLATE_ITEMS } from './templates.js';
import { ZH_CITIES, ZH_NOT_PLACES, ZH_PROVINCES } from './data/zh-places.js';

export const PLACE_COLUMNS = [
  /** share of the items of a list (4+ items) that begin or end with a Chinese place name (province, listed city, or a 县/区 name) beside more words: `盐湖区教学`, not a bare `盐湖区`; 0 for shorter blocks. (A run-on line cut at its repeated keyword leaves each place at the end of the item before.) */
  'place_item_share',
  /** log(1 + number of such items) */
  'place_items_log',
] as const;

const NAMED = new Set<string>();
for (const name of [...ZH_PROVINCES, ...ZH_CITIES]) {
  NAMED.add(name);
  // The long form too: 宜宾 and 宜宾市, 山西 and 山西省.
  if (!/[市省]$/.test(name)) NAMED.add(name + (ZH_PROVINCES.includes(name) ? '省' : '市'));
}
const NOT_PLACES = new Set<string>(ZH_NOT_PLACES);
const LONGEST_NAME = Math.max(...[...NAMED].map((n) => n.length));
/**
 * One to three Han characters and 县 (a county), or two to three and 区 (a district). Cities
 * come from the list only: `国家市场…` would read as a 市 name.
 */
const COUNTY = /^\p{Script=Han}{1,3}县/u;
const DISTRICT = /^\p{Script=Han}{2,3}区/u;
const FIRST_HAN = 0x3400;

/** Characters a place name must be followed by for the item to count (a bare list of places is a directory). */
const MIN_AFTER = 2;

/** Length of the Chinese place name an item's text begins with, 0 when none. */
export function placeAtStart(text: string): number {
  if (text.length < 2 || text.charCodeAt(0) < FIRST_HAN) return 0;
  for (let n = Math.min(LONGEST_NAME, text.length); n >= 2; n--) if (NAMED.has(text.slice(0, n))) return n;
  const county = COUNTY.exec(text);
  if (county !== null) return county[0].length;
  const m = DISTRICT.exec(text);
  if (m === null) return 0;
  // `评论区`, `超市`: the two- or three-character word must not be an everyday one.
  const word = m[0];
  return NOT_PLACES.has(word) || NOT_PLACES.has(word.slice(-2)) || NOT_PLACES.has(word.slice(-3)) ? 0 : word.length;
}

/**
 * Length of the listed place name (province or city) an item's text ends with, 0 when none.
 * 县 and 区 names are not looked for here: where such a name starts cannot be told from the words before it.
 */
export function placeAtEnd(text: string): number {
  if (text.length < 2 || text.charCodeAt(text.length - 1) < FIRST_HAN) return 0;
  for (let n = Math.min(LONGEST_NAME, text.length); n >= 2; n--) if (NAMED.has(text.slice(-n))) return n;
  return 0;
}

/** Whether an item's text begins or ends with a Chinese place name and has other words beside it. */
export function hasPlaceAtEdge(text: string): boolean {
  return placeBesideWords(text, text, text.length);
}

/** hasPlaceAtEdge on an item known by its first and last characters (`head`, `tail`) and its length. */
function placeBesideWords(head: string, tail: string, length: number): boolean {
  const start = placeAtStart(head);
  if (start > 0 && length - start >= MIN_AFTER) return true;
  const end = placeAtEnd(tail);
  return end > 0 && length - end >= MIN_AFTER;
}

/** Code units of an item's start that placeAtStart can read: a listed name, or four code points of a 县/区 name. */
const HEAD_UNITS = Math.max(LONGEST_NAME, 8);

/** hasPlaceAtEdge of the item the words join into, joining only the words at its two ends. */
function itemHasPlace(words: readonly string[]): boolean {
  let length = 0;
  let head = '';
  for (const w of words) {
    length += w.length;
    if (head.length < HEAD_UNITS) head += w;
  }
  let tail = '';
  for (let i = words.length - 1; i >= 0 && tail.length < LONGEST_NAME; i--) tail = (words[i] as string) + tail;
  return placeBesideWords(head, tail, length);
}

function compute(input: BlockInput, out: Float32Array, offset: number, evidence: BlockEvidence): void {
  out[offset] = 0;
  out[offset + 1] = 0;
  if (input.tokens.chars.han === 0) return;
  const items = blockItems(input);
  // A headline or a site name may well start with a place (`山西省人民政府网站`); only lists say something.
  if (items.words.length < MIN_TEMPLATE_ITEMS) return;
  let placed = 0;
  for (const words of items.words) if (itemHasPlace(words)) placed++;
  const n = items.words.length;
  out[offset] = finite(n > 0 ? placed / n : 0);
  out[offset + 1] = Math.log1p(placed);
  if (placed >= 2) evidence.placeItems = placed;
}

export const placeFamily: FeatureFamily = {
  name: 'places',
  columns: PLACE_COLUMNS,
  compute,
};
