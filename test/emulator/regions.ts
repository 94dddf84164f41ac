/** Region names as the consoles show them; the sample and large datasets draw their regions from this list. */
export interface RegionDef {
  readonly regionId: string;
  readonly nameZh: string;
  readonly nameEn: string;
  readonly nameJa: string;
  /** Zone letters, e.g. ['h', 'i'] for cn-hangzhou-h and cn-hangzhou-i. */
  readonly zones: readonly string[];
}

function r(regionId: string, nameZh: string, nameEn: string, nameJa: string, zones: string): RegionDef {
  return { regionId, nameZh, nameEn, nameJa, zones: zones.split('') };
}

export const REGION_CATALOG: readonly RegionDef[] = [
  r('cn-hangzhou', '华东1（杭州）', 'China (Hangzhou)', '中国 (杭州)', 'hij'),
  r('cn-shanghai', '华东2（上海）', 'China (Shanghai)', '中国 (上海)', 'elm'),
  r('cn-beijing', '华北2（北京）', 'China (Beijing)', '中国 (北京)', 'hik'),
  r('cn-shenzhen', '华南1（深圳）', 'China (Shenzhen)', '中国 (深圳)', 'ef'),
  r('ap-southeast-1', '新加坡', 'Singapore', 'シンガポール', 'abc'),
  r('eu-central-1', '德国（法兰克福）', 'Germany (Frankfurt)', 'ドイツ (フランクフルト)', 'ab'),
  r('cn-qingdao', '华北1（青岛）', 'China (Qingdao)', '中国 (青島)', 'bc'),
  r('cn-zhangjiakou', '华北3（张家口）', 'China (Zhangjiakou)', '中国 (張家口)', 'abc'),
  r('cn-huhehaote', '华北5（呼和浩特）', 'China (Hohhot)', '中国 (フフホト)', 'ab'),
  r('cn-wulanchabu', '华北6（乌兰察布）', 'China (Ulanqab)', '中国 (ウランチャブ)', 'abc'),
  r('cn-heyuan', '华南2（河源）', 'China (Heyuan)', '中国 (河源)', 'ab'),
  r('cn-guangzhou', '华南3（广州）', 'China (Guangzhou)', '中国 (広州)', 'ab'),
  r('cn-chengdu', '西南1（成都）', 'China (Chengdu)', '中国 (成都)', 'ab'),
  r('cn-hongkong', '中国香港', 'China (Hong Kong)', '中国 (香港)', 'bcd'),
  r('ap-northeast-1', '日本（东京）', 'Japan (Tokyo)', '日本 (東京)', 'abc'),
  r('ap-northeast-2', '韩国（首尔）', 'South Korea (Seoul)', '韓国 (ソウル)', 'a'),
  r('ap-southeast-3', '马来西亚（吉隆坡）', 'Malaysia (Kuala Lumpur)', 'マレーシア (クアラルンプール)', 'ab'),
  r('ap-southeast-5', '印度尼西亚（雅加达）', 'Indonesia (Jakarta)', 'インドネシア (ジャカルタ)', 'abc'),
  r('ap-southeast-6', '菲律宾（马尼拉）', 'Philippines (Manila)', 'フィリピン (マニラ)', 'a'),
  r('ap-southeast-7', '泰国（曼谷）', 'Thailand (Bangkok)', 'タイ (バンコク)', 'a'),
  r('us-west-1', '美国（硅谷）', 'US (Silicon Valley)', '米国 (シリコンバレー)', 'ab'),
  r('us-east-1', '美国（弗吉尼亚）', 'US (Virginia)', '米国 (バージニア)', 'ab'),
  r('eu-west-1', '英国（伦敦）', 'UK (London)', 'イギリス (ロンドン)', 'ab'),
  r('me-east-1', '阿联酋（迪拜）', 'UAE (Dubai)', 'アラブ首長国連邦 (ドバイ)', 'a'),
];

export function regionDef(regionId: string): RegionDef {
  const found = REGION_CATALOG.find((x) => x.regionId === regionId);
  if (found) {
    return found;
  }
  // Past the catalogue (only for very large synthetic datasets): an invented but well-formed region.
  return r(regionId, `测试区域 ${regionId}`, `Test (${regionId})`, `テスト (${regionId})`, 'ab');
}

/** The first `n` catalogue regions, then synthetic ones. */
export function firstRegions(n: number): RegionDef[] {
  const out: RegionDef[] = [];
  for (let i = 0; i < n; i++) {
    out.push(i < REGION_CATALOG.length ? REGION_CATALOG[i] : regionDef(`xx-test-${i + 1}`));
  }
  return out;
}

/** Three-letter tags used inside sample resource IDs (real IDs hint at the region the same way). Not unique. */
export function regionTag(regionId: string): string {
  const known: Record<string, string> = {
    'cn-hangzhou': 'bp1',
    'cn-shanghai': 'uf6',
    'cn-beijing': '2ze',
    'cn-shenzhen': 'wz9',
    'ap-southeast-1': 't4n',
    'eu-central-1': 'gw8',
  };
  return known[regionId] ?? 'z0z';
}
