// Why this file exists: a tiny W3C WebDriver client (fetch only), enough to drive the real
// Front Desk app through tauri-driver + WebKitWebDriver without downloading any browser tooling.

const ELEMENT = 'element-6066-11e4-a52e-4f735466cecb';

export class Session {
  constructor(base, id) {
    this.base = base;
    this.id = id;
  }

  static async create(port, application, args = []) {
    const base = `http://127.0.0.1:${port}`;
    const res = await post(`${base}/session`, {
      capabilities: { alwaysMatch: { browserName: 'wry', 'tauri:options': { application, args } } },
    });
    return new Session(base, res.sessionId ?? res.value.sessionId);
  }

  cmd(method, path, body) {
    const url = `${this.base}/session/${this.id}${path}`;
    return method === 'GET' ? get(url) : post(url, body ?? {}, method);
  }

  async find(css) {
    const r = await this.cmd('POST', '/elements', { using: 'css selector', value: css });
    return r.value.map((e) => e[ELEMENT] ?? e.ELEMENT ?? Object.values(e)[0]);
  }

  async text(css) {
    const [el] = await this.find(css);
    if (!el) return null;
    return (await this.cmd('GET', `/element/${el}/text`)).value;
  }

  async attr(css, name) {
    const [el] = await this.find(css);
    if (!el) return null;
    return (await this.cmd('GET', `/element/${el}/attribute/${name}`)).value;
  }

  /** Runs `script` in the page (W3C execute/sync) and returns its value. */
  async exec(script, args = []) {
    return (await this.cmd('POST', '/execute/sync', { script, args })).value;
  }

  /** Types `keys` as one burst of key actions, back to back, like a USB scanner does. */
  async typeBurst(keys) {
    const actions = [];
    for (const k of keys) actions.push({ type: 'keyDown', value: k }, { type: 'keyUp', value: k });
    await this.cmd('POST', '/actions', { actions: [{ type: 'key', id: 'wedge', actions }] });
    await this.cmd('DELETE', '/actions');
  }

  async screenshot() {
    return Buffer.from((await this.cmd('GET', '/screenshot')).value, 'base64');
  }

  async close() {
    try {
      await post(`${this.base}/session/${this.id}`, {}, 'DELETE');
    } catch {
      /* the app may already be gone */
    }
  }
}

export const ENTER = '\uE007';

async function get(url) {
  return unwrap(await fetch(url));
}

async function post(url, body, method = 'POST') {
  return unwrap(
    await fetch(url, { method, headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) }),
  );
}

async function unwrap(res) {
  const json = await res.json().catch(() => ({}));
  if (!res.ok) throw new Error(`WebDriver ${res.status}: ${JSON.stringify(json.value ?? json).slice(0, 400)}`);
  return json;
}

/** Polls `fn` until it returns a truthy value; fails with `what` after `ms`. */
export async function waitFor(what, fn, ms = 60000, every = 250) {
  const end = Date.now() + ms;
  let last;
  while (Date.now() < end) {
    try {
      last = await fn();
      if (last) return last;
    } catch (e) {
      last = e;
    }
    await new Promise((r) => setTimeout(r, every));
  }
  throw new Error(`timed out waiting for ${what} (last: ${last instanceof Error ? last.message : JSON.stringify(last)})`);
}
