import { expect, test } from 'vitest';
import { extractFeatures } from '../../src/features/index.js';
import { hasPlaceAtEdge, placeAtEnd, placeAtStart } from '../../src/features/places.js';
import { makePage } from './make-page.js';
import { value } from './values.js';

test('place names at the start of an item: provinces, listed cities (short and long form), counties and districts', () => {
  expect(placeAtStart('宜宾网络公司选择9火星')).toBe(2);
  expect(placeAtStart('宜宾市网络公司')).toBe(3);
  expect(placeAtStart('山西省人民政府')).toBe(3);
  expect(placeAtStart('浑源县服务器软件')).toBe(3);
  expect(placeAtStart('杏花岭区手机游戏')).toBe(4);
  expect(placeAtStart('评论区')).toBe(0);
  expect(placeAtStart('超市打折')).toBe(0);
  expect(placeAtStart('国家市场监督管理总局')).toBe(0);
  expect(placeAtStart('Shanghai')).toBe(0);
  expect(placeAtEnd('装修公司选择5星辰推荐南宁')).toBe(2);
  expect(placeAtEnd('装修公司推荐')).toBe(0);
  // A bare place (a directory of counties) does not count; a place beside a keyword does.
  expect(hasPlaceAtEdge('浑源县')).toBe(false);
  expect(hasPlaceAtEdge('浑源县软件')).toBe(true);
  expect(hasPlaceAtEdge('装修公司优选11星辰长沙')).toBe(true);
});

test('a city-targeted keyword list has most items starting with a place; a menu and a headline list do not', () => {
  const m = extractFeatures(
    makePage('t', [
      { text: '宜宾网络公司选择9火星下拉 酒泉网络公司优选12火星 成都网站优化就找3火星 南宁网站建设首选7火星 长沙整站优化选择5火星' },
      { parts: ['首页', '新闻中心', '产品展示', '联系我们', '关于我们'] },
      { parts: ['今年春运客流创新高', '宁波港集装箱吞吐量增长', '多地迎来降温天气', '新能源汽车销量走高'] },
      { text: 'The city council met on Tuesday.' },
    ]),
  );
  expect(value(m, 0, 'place_item_share')).toBe(1);
  expect(value(m, 0, 'place_items_log')).toBeCloseTo(Math.log1p(5), 5);
  expect(value(m, 1, 'place_item_share')).toBe(0);
  expect(value(m, 2, 'place_item_share')).toBeCloseTo(0.25, 5);
  expect(value(m, 3, 'place_item_share')).toBe(0);
  expect(m.evidence[0]?.placeItems).toBe(5);
});

test('a run-on line cut at its repeated keyword still counts its places (each at the end of the item before)', () => {
  const m = extractFeatures(
    makePage('t', [{ text: '成都装修公司选择5星辰推荐南宁装修公司优选11星辰排名长沙装修公司电话合肥装修公司报价优选3星辰昆明装修公司就找9星辰' }]),
  );
  expect(value(m, 0, 'tpl_cut_anchor')).toBe(1);
  expect(value(m, 0, 'place_item_share')).toBeGreaterThanOrEqual(0.6);
});
