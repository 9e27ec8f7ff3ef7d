// Contract paths ("lesions[0].diameter_cm", "charges[1].modifiers") as used by
// findings and input errors, to read and write the encounter the page holds.

/** "a.b[2].c" -> ['a', 'b', 2, 'c'] */
export function parsePath(path) {
  const parts = [];
  for (const m of String(path).matchAll(/([^.[\]]+)|\[(\d+)\]/g)) parts.push(m[2] !== undefined ? Number(m[2]) : m[1]);
  return parts;
}

export function formatPath(parts) {
  return parts.map((p, i) => (typeof p === 'number' ? `[${p}]` : i === 0 ? p : `.${p}`)).join('');
}

export function getAt(obj, path) {
  let cur = obj;
  for (const key of parsePath(path)) {
    if (cur === null || cur === undefined) return undefined;
    cur = cur[key];
  }
  return cur;
}

/** Sets a value, creating objects on the way; `undefined` deletes the key. */
export function setAt(obj, path, value) {
  const parts = parsePath(path);
  let cur = obj;
  for (let i = 0; i < parts.length - 1; i++) {
    const key = parts[i];
    if (cur[key] === null || typeof cur[key] !== 'object') cur[key] = typeof parts[i + 1] === 'number' ? [] : {};
    cur = cur[key];
  }
  const last = parts[parts.length - 1];
  if (value === undefined) delete cur[last];
  else cur[last] = value;
}

/** The path and its ancestors, longest first: "a[0].b[1]" -> ["a[0].b[1]", "a[0].b", "a[0]", "a"]. */
export function ancestors(path) {
  const parts = parsePath(path);
  const out = [];
  for (let n = parts.length; n > 0; n--) out.push(formatPath(parts.slice(0, n)));
  return out;
}
