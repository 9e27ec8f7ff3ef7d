// ICD-10-CM titles for the diagnosis search: the optional descriptions asset
// (`code<TAB>title`, sorted by code, FY2026), fetched once on first use.
// `parseDescriptions` and `searchCodes` are pure so Node tests them.

export const DESCRIPTIONS_URL = 'data/icd10cm-descriptions.tsv';

/**
 * Parses the TSV into parallel arrays. A code is a header (not billable) when the
 * next code extends it: categories and subcategories with children are not
 * reported (ICD-10-CM Official Guidelines I.B.2).
 */
export function parseDescriptions(text) {
  const codes = [];
  const titles = [];
  for (const line of text.split('\n')) {
    const tab = line.indexOf('\t');
    if (tab < 0 || line.startsWith('code\t')) continue;
    codes.push(line.slice(0, tab));
    titles.push(line.slice(tab + 1).trimEnd());
  }
  const header = codes.map((c, i) => i + 1 < codes.length && codes[i + 1].startsWith(c));
  const keys = codes.map((c) => c.replace('.', ''));
  const lower = titles.map((t) => ` ${t.toLowerCase().replace(/[^a-z0-9]+/g, ' ')}`);
  const index = new Map(keys.map((k, i) => [k, i]));
  return { codes, titles, header, keys, lower, index };
}

const CODE_LIKE = /^[a-tv-z]\d[0-9a-z]?(\.?[0-9a-z]{0,4})$/i;

/**
 * Up to `limit` matches: a code-like query matches code prefixes (dot optional);
 * otherwise every word must start a word of the title. Billable codes first, then
 * shorter codes and titles.
 */
export function searchCodes(db, query, limit = 25) {
  const q = query.trim();
  if (!q) return [];
  const hits = [];
  if (CODE_LIKE.test(q)) {
    const prefix = q.replace('.', '').toUpperCase();
    // Codes are sorted: binary-search the first key >= prefix, then walk.
    let lo = 0;
    let hi = db.keys.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (db.keys[mid] < prefix) lo = mid + 1;
      else hi = mid;
    }
    for (let i = lo; i < db.keys.length && db.keys[i].startsWith(prefix) && hits.length < 400; i++) hits.push(i);
  } else {
    const words = q.toLowerCase().replace(/[^a-z0-9]+/g, ' ').trim().split(' ').filter(Boolean).map((w) => ` ${w}`);
    if (!words.length) return [];
    for (let i = 0; i < db.lower.length && hits.length < 2000; i++) {
      const t = db.lower[i];
      if (words.every((w) => t.includes(w))) hits.push(i);
    }
  }
  // Codes typed: billable first, in code order. Words typed: billable first, then the
  // shortest (most general) codes and titles.
  const byCode = CODE_LIKE.test(q);
  hits.sort((a, b) => (db.header[a] - db.header[b])
    || (byCode ? a - b : (db.keys[a].length - db.keys[b].length) || (db.titles[a].length - db.titles[b].length) || (a - b)));
  return hits.slice(0, limit).map((i) => ({ code: db.codes[i], title: db.titles[i], billable: !db.header[i] }));
}

export function titleOf(db, code) {
  if (!db || !code) return null;
  const i = db.index.get(String(code).replace('.', '').toUpperCase());
  return i === undefined ? null : db.titles[i];
}

let loading = null;

/** Fetches and parses the asset once; later calls share the same promise. */
export function loadDescriptions(fetchImpl = fetch) {
  loading ??= fetchImpl(DESCRIPTIONS_URL)
    .then((res) => {
      if (!res.ok) throw new Error(`ICD-10-CM titles unavailable (HTTP ${res.status})`);
      return res.text();
    })
    .then(parseDescriptions)
    .catch((e) => { loading = null; throw e; });
  return loading;
}
