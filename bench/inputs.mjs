// Inputs the harnesses and robustness tests share: the committed benchmark encounters and
// a set of bad inputs (each must be refused with ChargecheckInputError, never a crash).

export async function loadFixtures(readText) {
  return {
    typical: JSON.parse(await readText('tests/fixtures/typical-encounter.json')),
    large: JSON.parse(await readText('tests/fixtures/large-encounter.json')),
  };
}

export function badInputs(typical) {
  const clone = () => structuredClone(typical);
  const withPatch = (f) => { const e = clone(); f(e); return e; };
  return [
    '{"date_of_service": "2026-06-09", "charges": [',                      // JSON ends early
    'not json at all',
    withPatch((e) => { e.lesions[0].site = 'elbow'; }),                       // unknown site word
    withPatch((e) => { e.lesions[0].diameter_cm = -1.2; }),                   // negative size
    withPatch((e) => { e.lesions[0].diameter_cm = 1.234; }),                  // three decimals
    withPatch((e) => { e.charges[0].units = 1.5; }),                          // fractional units
    withPatch((e) => { e.charges[0].units = 1e30; }),                         // huge number
    withPatch((e) => { e.date_of_service = '2026-02-30'; }),                  // impossible date
    withPatch((e) => { delete e.charges; }),                                  // required field missing
    withPatch((e) => { e.charges = Array.from({ length: 501 }, () => ({ code: '17003' })); }), // over MAX_ITEMS
    withPatch((e) => { e.coverage.member_id = 'x'.repeat(300); }),            // over MAX_STRING_BYTES
    withPatch((e) => { e.lesions[1].id = 'L1'; }),                            // duplicate id
    withPatch((e) => { e.charges[1].procedures = ['nope']; }),                // dangling reference
    withPatch((e) => { e.visit = 'established'; }),                           // wrong type
    `{"date_of_service":"2026-06-09","charges":[],"x":${'['.repeat(200)}${']'.repeat(200)}}`, // too deep
    '{"date_of_service":"2026-06-09","charges":[],"x":"\\ud800"}',           // lone surrogate escape
    '{"date_of_service":"2026-06-09","charges":[],"x":1e999}',               // number out of range
    undefined,
    [1, 2, 3],
  ];
}

/**
 * Values on which JSON.stringify throws (a cycle, a BigInt). They are refused with
 * ChargecheckInputError, but each such call leaves one slot behind in wasm-bindgen's
 * externref table (its `catch` path; BENCHMARKS.md "Known issues"), so they are kept out
 * of the million-call memory check.
 */
export function throwingInputs(typical) {
  const circular = structuredClone(typical);
  circular.self = circular;
  return [circular, { ...typical, n: 10n }];
}

/** A string over the 1 MiB document limit (refused before it is copied into wasm). */
export function oversizedText() {
  return `{"date_of_service":"2026-06-09","charges":[],"pad":"${'x'.repeat(2 << 20)}"}`;
}
