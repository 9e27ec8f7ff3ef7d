// Privacy spy (README "Privacy"): records every use of the network, storage and the
// console while armed. Loaded before chargecheck in the page and in the worker.
const calls = [];
let armed = false;
const g = globalThis;
const record = (what) => {
  if (armed) calls.push(what);
};

function wrapMethod(owner, name, label) {
  const original = owner?.[name];
  if (typeof original !== 'function') return;
  owner[name] = function (...args) {
    record(label);
    return original.apply(this, args);
  };
}

function wrapGetter(owner, name, label) {
  const desc = owner && Object.getOwnPropertyDescriptor(owner, name);
  if (!desc?.get) return;
  Object.defineProperty(owner, name, {
    ...desc,
    get() {
      record(label);
      return desc.get.call(this);
    },
  });
}

function wrapConstructor(name) {
  const Original = g[name];
  if (typeof Original !== 'function') return;
  g[name] = new Proxy(Original, {
    construct(target, args) {
      record(name);
      return Reflect.construct(target, args);
    },
  });
}

wrapMethod(g, 'fetch', 'fetch');
wrapMethod(g.XMLHttpRequest?.prototype, 'open', 'XMLHttpRequest');
wrapMethod(g.XMLHttpRequest?.prototype, 'send', 'XMLHttpRequest');
wrapConstructor('WebSocket');
wrapConstructor('EventSource');
wrapMethod(g.Navigator?.prototype, 'sendBeacon', 'sendBeacon');
for (const m of ['getItem', 'setItem', 'removeItem', 'clear', 'key']) wrapMethod(g.Storage?.prototype, m, `Storage.${m}`);
// Attributes of the global object live on the global itself ([Global] interfaces), not on
// its prototype: wrap wherever the accessor is.
for (const scope of [g, g.Window?.prototype, g.WorkerGlobalScope?.prototype]) {
  for (const name of ['localStorage', 'sessionStorage', 'indexedDB', 'caches']) wrapGetter(scope, name, name);
}
wrapMethod(g.IDBFactory?.prototype, 'open', 'indexedDB.open');
wrapGetter(g.Document?.prototype, 'cookie', 'document.cookie');
for (const m of ['log', 'info', 'warn', 'error', 'debug', 'trace', 'table', 'dir', 'dirxml', 'group', 'assert', 'count', 'time', 'timeLog']) {
  wrapMethod(g.console, m, `console.${m}`);
}

/** Start recording; `disarm()` stops and returns what was recorded. */
export const spy = {
  arm() {
    calls.length = 0;
    armed = true;
  },
  disarm() {
    armed = false;
    return calls.splice(0);
  },
};
