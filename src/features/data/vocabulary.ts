/**
 * Vocabulary of SEO-service, gambling and pharma spam, used only as features (hit rates),
 * never as rules on their own. Lowercase. Chinese entries match as substrings, Latin ones
 * as whole words. No brand names of any one spam network (the seed's brands are left out on
 * purpose: other networks use other brands).
 *
 * Where the words came from: the words that recur across the pages of
 * ../shared/spam-material (Indonesian slot kits under kits_id/, Chinese spider-pool
 * templates under spiderpool_zh/) and in the corpus's train-split spam regions (seed,
 * zhspam, zhnat, webspam, natspam, webnat), counted per page against the train-split clean
 * pages, then generalized to their category (e.g. one kit's game providers → the common
 * provider and game words; one site's service names → the service terms).
 */

/** SEO services, link selling and spider pools (zh: seed and spiderpool_zh templates; en: webnat, natspam sold-link blocks). */
export const SEO_ZH: readonly string[] = [
  '网站优化', '网站建设', '网站推广', '网络推广', '搜索引擎优化', '关键词排名', '关键词优化', '快速排名',
  '整站优化', '按天计费', '百度推广', '百度排名', '百度收录', '首页排名', '排名优化', 'seo优化', 'seo推广',
  '蜘蛛池', '泛目录', '站群', '外链', '友情链接', '发外链', '收录', '权重', '下拉框', '下拉词', '相关搜索',
  '营销推广', '网络营销', '推广公司', '优化公司', '建站公司', '网站制作', '网页制作', '代运营',
  '引流', '霸屏', '包年', '点击付费', '竞价', '网站排名',
];
export const SEO_LATIN: readonly string[] = [
  'seo', 'backlinks', 'backlink', 'link building', 'guest post', 'guest posting', 'pagerank', 'serp',
  'rank higher', 'ranking', 'search engine optimization', 'web design', 'website design', 'digital marketing',
  'cheap seo', 'seo services', 'seo company', 'seo agency', 'traffic', 'sponsored', 'paid links',
  'increase traffic', 'work from home', 'make money online', 'affiliate',
  // Indonesian (kits_id): link and site selling
  'jasa seo', 'jasa backlink', 'situs', 'link alternatif', 'daftar sekarang', 'klik disini',
];

/** Gambling (zh: zhspam/zhnat doorways and friend-link lists; Latin: kits_id slot kits, webspam, natspam). */
export const GAMBLING_ZH: readonly string[] = [
  '博彩', '赌场', '赌博', '娱乐城', '娱乐平台', '真人娱乐', '彩票', '时时彩', '六合彩', '北京赛车', '百家乐',
  '老虎机', '棋牌', '捕鱼', '电子游艺', '体育投注', '投注', '下注', '赔率', '彩金', '开户', '注册送', '首存',
  '返水', '线上赌', '网上赌', '赌球', '外围', '澳门', '葡京', '威尼斯人', '皇冠', '体育app', '体育官网',
  '官网入口', '登录入口', '平台入口', '网页版', '菠菜', '开奖',
];
export const GAMBLING_LATIN: readonly string[] = [
  // Indonesian slot kits (kits_id)
  'slot', 'slots', 'gacor', 'slot gacor', 'situs slot', 'slot online', 'judi', 'judi online', 'judi slot',
  'judi bola', 'togel', 'toto', 'maxwin', 'jackpot', 'scatter', 'rtp', 'gampang menang', 'bandar', 'agen',
  'deposit', 'pulsa', 'dana', 'pragmatic play', 'habanero', 'pg soft', 'spadegaming', 'tembak ikan',
  'sbobet', 'bola', 'taruhan', 'terpercaya', 'ufabet',
  // English (webspam, natspam)
  'casino', 'casinos', 'online casino', 'poker', 'blackjack', 'roulette', 'baccarat', 'betting', 'bet',
  'bets', 'sportsbook', 'bookmaker', 'wager', 'free spins', 'no deposit', 'bonus', 'gambling', 'lottery',
  'pokies', 'jackpots', 'mega888', 'slot game', 'slot games',
  // English sports betting
  'sportsbooks', 'parlay', 'parlays', 'moneyline', 'point spread', 'betting odds', 'bettors', 'prop bets',
];

/** Pharma and other gray-market goods (webnat hidden pharma and replica links, natspam comment spam). */
export const PHARMA_ZH: readonly string[] = [
  '伟哥', '壮阳', '延时', '春药', '催情', '迷药', '减肥药', '处方药', '代购', '高仿', '复刻', '仿牌', '办证',
  '代开发票', '发票', '贷款', '网贷', '套现', '私服', '外挂',
];
export const PHARMA_LATIN: readonly string[] = [
  'viagra', 'cialis', 'levitra', 'kamagra', 'sildenafil', 'tadalafil', 'vardenafil', 'pharmacy', 'pharmacies',
  'online pharmacy', 'pills', 'pill', 'prescription', 'no prescription', 'without prescription', 'generic',
  'tramadol', 'xanax', 'valium', 'ambien', 'phentermine', 'propecia', 'finasteride', 'clomid', 'accutane',
  'diet pills', 'weight loss', 'erectile', 'dysfunction', 'buy cheap', 'cheap', 'replica', 'replica watches',
  'payday', 'payday loans', 'cash advance', 'loans', 'obat', 'obat kuat',
  // cannabis and other gray-market goods of comment spam
  'cbd', 'thc', 'cannabis', 'marijuana', 'gummies', 'edibles', 'dispensary', 'vape', 'vapes', 'kratom', 'delta 8',
];
