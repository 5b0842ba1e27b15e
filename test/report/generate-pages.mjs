/**
 * Makes N plausible PageResults (Chinese and English news pages, some with
 * keyword-list, link-farm or hidden-link blocks, a few errors) from a fixed seed,
 * for the large-batch browser test and the size/open-time benchmark.
 */

/** A small deterministic PRNG (mulberry32). */
function rng(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const ZH_SENT = [
  '市交通运输局表示，新开通的公交线路将连接高铁站与城东新区，早晚高峰发车间隔缩短至八分钟。',
  '据了解，今年一季度全市规模以上工业增加值同比增长百分之六点二，高于全省平均水平。',
  '社区工作人员提醒居民，近期气温变化较大，老人和儿童外出时要注意添加衣物。',
  '图书馆周末延长开放时间至晚上九点，并新增了少儿阅读区和自习座位。',
  '专家建议，家长应鼓励孩子每天进行至少一小时的户外运动，减少使用电子产品的时间。',
];
const EN_SENT = [
  'The council approved funding to repave three miles of Main Street before the winter season.',
  'Local farmers say the late frost cut the apple harvest by nearly a third this year.',
  'The library will stay open until 9 p.m. on weekends starting next month.',
  'Officials urged residents to sign up for emergency text alerts ahead of the storm.',
  'The new bus route links the train station with the east side business park every ten minutes.',
];
const CITIES = ['深圳', '广州', '东莞', '佛山', '惠州', '珠海', '中山', '长沙', '武汉', '杭州', '南宁', '厦门'];

function pick(r, xs) {
  return xs[Math.floor(r() * xs.length)];
}
function prose(r, sents, n) {
  const out = [];
  for (let i = 0; i < n; i++) out.push(pick(r, sents));
  return out.join(' ');
}

/** `n` PageResults, the same for the same seed. */
export function generatePages(n, seed = 11) {
  const r = rng(seed);
  const pages = [];
  for (let i = 0; i < n; i++) {
    const zh = r() < 0.5;
    const file = `crawl/${zh ? 'zh' : 'en'}/${String(i).padStart(5, '0')}.html`;
    const url = `https://${zh ? 'news' : 'daily'}${i % 97}.example.${zh ? 'cn' : 'com'}/a/${i}.html`;
    if (r() < 0.02) {
      pages.push({ file, url, score: 0, spam: false, spamShare: 0, lang: null, blocks: [], error: 'cannot decode: bytes are not text in any charset tried' });
      continue;
    }
    const spamPage = r() < 0.3;
    const nBlocks = 8 + Math.floor(r() * 10);
    const spamAt = spamPage ? 2 + Math.floor(r() * (nBlocks - 3)) : -1;
    const blocks = [];
    let chars = 0;
    let spamChars = 0;
    for (let b = 0; b < nBlocks; b++) {
      const sel = `html > body > div:nth-of-type(${1 + (b % 4)}) > ${b % 3 ? 'p' : 'div'}:nth-of-type(${b + 1})`;
      if (b === spamAt) {
        const items = 12 + Math.floor(r() * 20);
        const text = zh
          ? Array.from({ length: items }, (_, k) => `${CITIES[k % CITIES.length]}网络公司选择${1 + (k % 9)}火星下拉`).join(' ')
          : Array.from({ length: items }, (_, k) => ['online casino', 'free slots', 'poker bonus', 'cheap pills'][k % 4] + ' ' + (k + 1)).join(' ');
        const score = 0.85 + r() * 0.14;
        blocks.push({
          text,
          score,
          spam: true,
          selector: sel,
          lines: null,
          reasons: zh
            ? [`${items} items share the template \`{*}网络公司{*}{N}火星下拉\``, 'SEO-service words: 网络公司, 下拉']
            : [`link text ${90 + (items % 10)}% of block`, 'gambling words: casino, slots, poker'],
          ...(zh ? {} : { hidden: 'display:none' }),
        });
        chars += text.length;
        spamChars += text.length;
      } else {
        const text = prose(r, zh ? ZH_SENT : EN_SENT, 1 + Math.floor(r() * 3));
        blocks.push({ text, score: r() * 0.3, spam: false, selector: sel, lines: null, reasons: [] });
        chars += text.length;
      }
    }
    const score = spamPage ? 0.7 + r() * 0.29 : r() * 0.4;
    pages.push({ file, url, score, spam: spamPage, spamShare: chars ? spamChars / chars : 0, lang: zh ? 'zh' : 'en', blocks });
  }
  return pages;
}
