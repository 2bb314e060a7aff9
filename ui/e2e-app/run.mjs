// Why this file exists: end-to-end tests of the REAL desktop app (Rust core + Tauri + WebKitGTK)
// under Xvfb, driven through tauri-driver. Run by scripts/e2e-app.sh, which builds the binaries
// and provides the X display. Prints "N passed, N failed" and exits non-zero on any failure.

import { spawn, execFileSync } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { Session, ENTER, waitFor } from './webdriver.mjs';

const root = path.resolve(import.meta.dirname, '../..');
const bin = (name) => path.join(root, 'target', 'debug', name);
const shots = path.join(root, 'artifacts', 'e2e');
fs.mkdirSync(shots, { recursive: true });

const children = [];
// Children started in their own process group (tauri-driver) are stopped with the whole group,
// so the WebKitWebDriver it spawned goes too; left behind, it kept the caller's pipes open.
const groupLeaders = new WeakSet();
const killTree = (c, sig) => {
  try {
    if (groupLeaders.has(c)) process.kill(-c.pid, sig);
    else c.kill(sig);
  } catch {
    /* already gone */
  }
};
process.on('exit', () => children.forEach((c) => killTree(c, 'SIGKILL')));

function freePort() {
  return new Promise((resolve) => {
    const s = net.createServer();
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address();
      s.close(() => resolve(port));
    });
  });
}

function cli(dataDir, ...args) {
  return execFileSync(bin('frontdesk'), ['--data-dir', dataDir, ...args], { encoding: 'utf8' });
}

/** Today's check-ins recorded on the desk (the report's check-in table): [{ member_id, method }]. */
function checkIns(dataDir) {
  const csv = cli(dataDir, '--lang', 'en', 'report', '--format', 'csv', '--table', 'check-ins').replace(/^\uFEFF/, '');
  const [head, ...rows] = csv.trim().split(/\r?\n/).map((l) => l.split(','));
  const col = (name) => head.indexOf(name);
  return rows.map((r) => ({ member_id: Number(r[col('Member ID')]), method: r[col('Method')].toLowerCase() }));
}

function memberName(dataDir, id) {
  return JSON.parse(cli(dataDir, 'members', `#${id}`, '--json'))[0].name;
}

function demoCode(dataDir, id) {
  // `demo --codes` prints the first five demo members' codes (ids 1001..1005).
  const out = execFileSync(bin('frontdesk'), ['--data-dir', path.join(dataDir, 'codes'), 'demo', '--members', '5', '--codes'], {
    encoding: 'utf8',
  });
  return out.split('\n').map((l) => l.trim()).find((l) => l.startsWith(`U${id}_`));
}

async function waitPort(port, ms = 20000) {
  await waitFor(`port ${port}`, () =>
    new Promise((resolve) => {
      const s = net.connect(port, '127.0.0.1', () => (s.end(), resolve(true)));
      s.on('error', () => resolve(false));
    }), ms);
}

/** Starts tauri-driver (and through it the app) with `env`, returns a WebDriver session once
 * `ready` (the scan screen's sync pill, unless told otherwise) is on the page. */
async function startApp(env, ready = '#sync-pill', args = []) {
  const port = await freePort();
  const nativePort = await freePort();
  const driver = spawn('tauri-driver', ['--port', String(port), '--native-port', String(nativePort)], {
    env: { ...process.env, ...env },
    stdio: ['ignore', 'inherit', 'inherit'],
    detached: true,
  });
  groupLeaders.add(driver);
  children.push(driver);
  // tauri-driver listens at once but spawns WebKitWebDriver behind it; a session asked for
  // before the native driver listens fails with "tcp connect error". Wait for both, and
  // retry the session once more in case the native driver is still settling.
  await waitPort(port);
  await waitPort(nativePort);
  let session;
  for (let attempt = 1; ; attempt++) {
    try {
      session = await Session.create(port, bin('frontdesk-app'), args);
      break;
    } catch (e) {
      if (attempt >= 3) throw e;
      console.log(`session attempt ${attempt} failed (${e.message ?? e}); retrying`);
      await new Promise((r) => setTimeout(r, 1000));
    }
  }
  await waitFor(`the first screen (${ready})`, () => session.find(ready).then((e) => e.length > 0));
  return { session, stop: async () => (await session.close(), killTree(driver, 'SIGTERM')) };
}

async function shot(session, name) {
  fs.writeFileSync(path.join(shots, `${name}.png`), await session.screenshot());
}

const card = '.verdict-layer .verdict';

const results = [];
async function test(name, fn) {
  const t0 = Date.now();
  try {
    await fn();
    results.push([name, true]);
    console.log(`ok   ${name} (${((Date.now() - t0) / 1000).toFixed(1)} s)`);
  } catch (e) {
    results.push([name, false]);
    console.log(`FAIL ${name}\n     ${e.stack ?? e}`);
  }
}

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'frontdesk-e2e-'));

// --- A desk with no configuration: demo gym, demo camera -------------------------------
{
  const dataDir = path.join(tmp, 'demo');
  const { session, stop } = await startApp({ FRONTDESK_DATA_DIR: dataDir, FRONTDESK_LANG: 'es', LANG: 'es_MX.UTF-8' });

  await test('the app starts in demo mode with a live preview', async () => {
    const banner = await waitFor('demo banner', () => session.text('.demo-banner'));
    if (!/DEMO/.test(banner)) throw new Error(`banner says ${banner}`);
    // The demo camera's members come every 1.1 s and a card stays 4 s, and the preview is not
    // painted under a card: a click on the card's layer sends each one away.
    await waitFor('preview frames painted', async () => {
      await session.exec("document.querySelector('.verdict-layer:not([hidden])')?.click()");
      return Number((await session.attr('.preview__img', 'data-frames')) ?? 0) > 3;
    });
    await shot(session, 'scan-home');
  });

  await test('the app writes a daily log file next to a chosen data directory', async () => {
    const logs = path.join(dataDir, 'logs');
    const files = await waitFor('a log file', () => {
      const f = fs.existsSync(logs) ? fs.readdirSync(logs).filter((n) => /^frontdesk\.\d{4}-\d\d-\d\d\.log$/.test(n)) : [];
      return f.length ? f : null;
    });
    const text = fs.readFileSync(path.join(logs, files[0]), 'utf8');
    if (!/logging to files/.test(text) || !/capture started/.test(text)) throw new Error(`log file says:\n${text.slice(0, 2000)}`);
  });

  await test('a demo-camera scan shows a green card with the right member', async () => {
    const name = await waitFor(
      'a green card from the camera',
      async () => ((await session.find(`${card}[data-kind="ok"]`)).length ? session.text(`${card} .verdict__name`) : null),
      90000,
      100,
    );
    await shot(session, 'scan-green');
    // (A demo desk's check-ins are recorded, but never queued for a server: read them from the report.)
    const names = checkIns(dataDir).filter((e) => e.method === 'camera').map((e) => memberName(dataDir, e.member_id));
    if (!names.includes(name)) throw new Error(`card shows ${name}; camera check-ins are ${names}`);
  });

  await test('the window says when a camera card is painted, and the log times it from the card shown', async () => {
    // verdict_painted: the demo camera knows when the card came into view, the page when the
    // verdict card was painted; scripts/measure-app.sh takes p50/p95 from these lines.
    const logs = path.join(dataDir, 'logs');
    const m = await waitFor('a camera-verdict-painted line in the log', () => {
      for (const f of fs.existsSync(logs) ? fs.readdirSync(logs) : []) {
        const hit = /camera verdict painted ms=([0-9.]+) since="?card shown/.exec(fs.readFileSync(path.join(logs, f), 'utf8'));
        if (hit) return hit;
      }
      return null;
    });
    if (!(Number(m[1]) > 0)) throw new Error(`the log says ms=${m[1]}`);
  });

  await test("a green card shows the member's photo from the desk's own cache, with no server at all", async () => {
    // Every other demo member has a drawn portrait in the replica's photo cache; the window loads
    // it through the app's photo:// scheme (the CSP allows no remote image).
    const hit = await waitFor('a green card with a loaded photo', () => session.exec(`
      const c = document.querySelector('${card}[data-kind="ok"]');
      const img = c && c.querySelector('img.verdict__photo');
      return img && img.complete && img.naturalWidth > 0
        ? { src: img.getAttribute('src'), w: img.naturalWidth, name: c.querySelector('.verdict__name').textContent } : null;`),
      90000, 100);
    const m = /^photo:\/\/localhost\/(\d+)$/.exec(hit.src);
    if (!m) throw new Error(`the photo comes from ${hit.src}`);
    if (memberName(dataDir, Number(m[1])) !== hit.name) throw new Error(`the photo of #${m[1]} is on ${hit.name}'s card`);
    if (hit.w > 256) throw new Error(`a ${hit.w} px photo`);
    await shot(session, 'scan-green-photo');
  });

  await test('a keyboard-wedge burst checks a member in', async () => {
    const code = demoCode(tmp, 1005);
    const name = memberName(dataDir, 1005);
    // The demo camera brings a member every 1.1 s at 30 fps, so a camera card may well be up: the
    // burst's card replaces it, and the scanner check-in below tells the two apart.
    await session.typeBurst([...code, ENTER]);
    await waitFor(`a card for ${name}`, async () => (await session.text(`${card} .verdict__name`)) === name, 15000, 50);
    await shot(session, 'scan-wedge');
    if (!checkIns(dataDir).some((e) => e.member_id === 1005 && e.method === 'scanner')) throw new Error('no scanner check-in for 1005');
    if (JSON.parse(cli(dataDir, 'outbox', '--json')).length !== 0) throw new Error('a demo check-in is queued for a server');
  });

  await test('the demo camera waits while staff are on another screen, and carries on back on Scan', async () => {
    const camera = () => checkIns(dataDir).filter((e) => e.method === 'camera').length;
    await session.exec("document.getElementById('nav-manual').click()");
    await waitFor('the held notice on the demo banner', async () =>
      session.exec("const e = document.getElementById('demo-camera-held'); return !!e && !e.hidden"));
    // A card already up when staff switched may still be saved, and carries on as the banner:
    // start counting after it. From then on, every verdict shown on this screen is counted.
    await new Promise((r) => setTimeout(r, 1500));
    await session.exec(`window.__bannersShown = 0;
      new MutationObserver((m) => (window.__bannersShown += m.filter((r) => r.addedNodes.length).length))
        .observe(document.querySelector('.verdict-banner-slot'), { childList: true, subtree: true });`);
    const before = camera();
    // About five of the demo camera's shows (34 frames at 30 fps each; 300 members, so most
    // would be new check-ins).
    await new Promise((r) => setTimeout(r, 6000));
    const held = camera() - before;
    const shown = await session.exec('return window.__bannersShown');
    await shot(session, 'manual-demo-held');
    if (held !== 0) throw new Error(`${held} demo camera check-in(s) while staff were on the manual screen`);
    if (shown !== 0) throw new Error(`${shown} demo verdict(s) shown over the manual screen`);
    await session.exec("document.getElementById('nav-scan').click()");
    await waitFor('the held notice to go', async () => session.exec("return document.getElementById('demo-camera-held').hidden"));
    await waitFor('a camera card again on the scan screen', async () => (await session.find(card)).length > 0, 30000, 100);
  });
  await stop();
}

// --- Offline, then the central API comes back ------------------------------------------
{
  const dataDir = path.join(tmp, 'offline');
  const snapshot = path.join(tmp, 'central.json');
  cli(path.join(tmp, 'scratch'), 'demo', '--out', snapshot);
  // A desk that has pulled its gym before (the same members as the demo's, but a real gym:
  // a demo desk's check-ins would never be sent).
  cli(dataDir, 'import', snapshot);
  const apiPort = await freePort();
  const token = 'e2e-token';
  const { session, stop } = await startApp({
    FRONTDESK_DATA_DIR: dataDir,
    FRONTDESK_LANG: 'es',
    FRONTDESK_API_URL: `http://127.0.0.1:${apiPort}/api/v1`,
    FRONTDESK_GYM_ID: '1',
    FRONTDESK_TOKEN: token,
    FRONTDESK_SYNC_INTERVAL_SECS: '1',
    // The scanner is under test here: the demo camera shows an empty desk, so no camera card
    // covers a burst's card (at 30 fps its members come every 1.1 s, and a card stays longer).
    FRONTDESK_DEMO_EMPTY_DESK: '1',
  });

  await test('with the central API stopped the app shows offline and keeps checking in', async () => {
    await waitFor('offline in the header', async () => /sin conexión|offline/i.test((await session.text('#sync-pill')) ?? ''));
    const name = memberName(dataDir, 1003);
    await session.typeBurst([...demoCode(tmp, 1003), ENTER]);
    await waitFor(`a green card for ${name}`, async () =>
      (await session.find(`${card}[data-kind="ok"]`)).length > 0 && (await session.text(`${card} .verdict__name`)) === name, 15000, 50);
    const queued = JSON.parse(cli(dataDir, 'outbox', '--json', '--state', 'queued'));
    if (!queued.some((e) => e.member_id === 1003)) throw new Error('the check-in is not queued');
    await shot(session, 'offline');
  });

  await test('a scanner burst gets a card whatever has focus, and its Enter never presses the focused control', async () => {
    // Trusted key events from WebDriver, back to back. (WebKitWebDriver cannot pace them: it
    // stalls ~160 ms at a pause action. The paced bursts are the next test's, through X.)
    const burst = async (id) => {
      const name = memberName(dataDir, id);
      await session.typeBurst([...demoCode(tmp, id), ENTER]);
      await waitFor(`a card for ${name} (#${id})`, async () => (await session.text(`${card} .verdict__name`)) === name, 15000, 50);
      kinds.set(id, await session.attr(card, 'data-kind'));
    };
    const kinds = new Map();
    // A button: the sync pill (its Enter would open the sync panel).
    await session.exec("document.getElementById('sync-pill').focus()");
    await burst(1001);
    if ((await session.find('dialog.drawer[open]')).length) throw new Error("the burst's Enter opened the sync panel");
    // A navigation button (its Enter would switch screens).
    await session.exec("document.getElementById('nav-manual').focus()");
    await burst(1002);
    if (await session.exec("return document.querySelector('.screen--scan') === null")) throw new Error("the burst's Enter left the scan screen");
    // A text field: the manual check-in search (the code must not be typed into it).
    await session.exec("document.getElementById('nav-manual').click()");
    await waitFor('the manual screen', async () => (await session.find('#manual-search')).length > 0);
    await session.exec("document.getElementById('manual-search').focus()");
    await burst(1004);
    const typed = await session.exec("return document.getElementById('manual-search').value");
    if (typed !== '') throw new Error(`the burst was typed into the search field: ${JSON.stringify(typed)}`);
    await shot(session, 'wedge-on-focused-controls');
    const scanned = checkIns(dataDir).filter((e) => e.method === 'scanner').map((e) => e.member_id);
    // Each green or amber card is a recorded scanner check-in (a refusal records nothing).
    for (const [id, kind] of kinds) {
      if ((kind === 'ok' || kind === 'warn') !== scanned.includes(id)) throw new Error(`member ${id}: a ${kind} card, scanner check-ins ${scanned}`);
    }
    if (![...kinds.values()].some((k) => k === 'ok' || k === 'warn')) throw new Error(`no burst checked anyone in: ${[...kinds]}`);
    await session.exec("document.getElementById('nav-scan').click()");
  });

  await test('scanner bursts paced at 5, 12 and 20 ms a key get a card whatever has focus', async () => {
    // Real key events at a USB scanner's pace, through the X server (xdotool on the same display),
    // with the window given the keyboard first (Xvfb runs no window manager).
    const win = execFileSync('xdotool', ['search', '--onlyvisible', '--name', '^Front Desk$'], { encoding: 'utf8' }).trim().split('\n')[0];
    const focus = [
      ['the sync pill (a button)', "document.getElementById('sync-pill').focus()"],
      ['a navigation button', "document.getElementById('nav-reports').focus()"],
      ['the manual search field', "document.getElementById('nav-manual').click(); setTimeout(() => document.getElementById('manual-search')?.focus(), 50)"],
    ];
    const ids = [1001, 1002, 1003, 1004, 1005];
    let n = 0;
    for (const delay of [5, 12, 20]) {
      for (const [what, js] of focus) {
        const id = ids[n++ % ids.length];
        const name = memberName(dataDir, id);
        await session.exec("document.getElementById('nav-scan').click()");
        await waitFor('no card up', async () => (await session.find(card)).length === 0, 20000, 100);
        await session.exec(js);
        await new Promise((r) => setTimeout(r, 150));
        execFileSync('xdotool', ['windowfocus', '--sync', win]);
        execFileSync('xdotool', ['type', '--delay', String(delay), demoCode(tmp, id)]);
        execFileSync('xdotool', ['key', 'Return']);
        await waitFor(`a card for ${name} (${delay} ms a key, focus on ${what})`, async () =>
          (await session.text(`${card} .verdict__name`)) === name || (await session.text('.verdict-banner')) ?.includes(name), 15000, 50);
        if ((await session.find('dialog.drawer[open]')).length) throw new Error(`Enter opened the sync panel (${what})`);
        const typed = await session.exec("return document.getElementById('manual-search')?.value ?? ''");
        if (typed !== '') throw new Error(`the burst was typed into the search field: ${JSON.stringify(typed)}`);
      }
    }
    await session.exec("document.getElementById('nav-scan').click()");
  });

  await test('the window reports the preview rate it paints to the log', async () => {
    // On this empty desk no card covers the preview for long, so the rate is reported (a
    // rate over time the preview spent under a card would say nothing).
    const logs = path.join(dataDir, 'logs');
    const m = await waitFor('a painted-rate line in the log', () => {
      for (const f of fs.existsSync(logs) ? fs.readdirSync(logs) : []) {
        const hit = /preview painted frame rate.*painted_fps=([0-9.]+)/.exec(fs.readFileSync(path.join(logs, f), 'utf8'));
        if (hit) return hit;
      }
      return null;
    }, 60000);
    if (!(Number(m[1]) > 0)) throw new Error(`the log says painted_fps=${m[1]}`);
  });

  await test('once the API is back the queue drains to the server', async () => {
    const central = spawn(bin('frontdesk-central'), ['serve', '--snapshot', snapshot, '--addr', `127.0.0.1:${apiPort}`, '--token', token, '--extension'], {
      stdio: ['ignore', 'ignore', 'inherit'],
    });
    children.push(central);
    await waitPort(apiPort);
    await waitFor('an empty queue', () => JSON.parse(cli(dataDir, 'outbox', '--json', '--state', 'queued')).length === 0, 90000, 500);
    const sent = JSON.parse(cli(dataDir, 'outbox', '--json', '--state', 'sent'));
    const ev = sent.find((e) => e.member_id === 1003);
    if (!ev) throw new Error('1003 was not sent');
    const dump = JSON.parse(execFileSync(bin('frontdesk-central'), ['dump', '--addr', `127.0.0.1:${apiPort}`, '--token', token], { encoding: 'utf8' }));
    const p = dump.participations.filter((x) => x.member_id === 1003 && x.session_id === ev.session_id);
    if (p.length !== 1 || p[0].status !== 'attended') throw new Error(`the server holds ${JSON.stringify(p)} for 1003 in session ${ev.session_id}`);
    if (p[0].attendance_time !== ev.scanned_at) throw new Error(`attendance ${p[0].attendance_time} != scan ${ev.scanned_at}`);
    await waitFor('online in the header', async () => !/sin conexión|offline/i.test((await session.text('#sync-pill')) ?? ''), 30000);
    await shot(session, 'online');
    central.kill();
    const logs = path.join(dataDir, 'logs');
    const all = fs.readdirSync(logs).map((n) => fs.readFileSync(path.join(logs, n), 'utf8')).join('\n');
    // The worker logs each failed round once, with its code (the outage above).
    if (!/sync round failed.*code="?offline/.test(all)) throw new Error('the log file has no sync lines');
    if (all.includes(token)) throw new Error('the API token is in the log file');
  });
  await stop();
}

// --- A damaged replica, restored from the automatic backup in the app -------------------
{
  const dataDir = path.join(tmp, 'restore');
  const snapshot = path.join(tmp, 'central.json');
  if (!fs.existsSync(snapshot)) cli(path.join(tmp, 'scratch'), 'demo', '--out', snapshot);
  cli(dataDir, 'import', snapshot);
  cli(dataDir, 'check-in', demoCode(tmp, 1002));
  cli(dataDir, 'backup');
  const db = path.join(dataDir, 'frontdesk.db');
  for (const f of [`${db}-wal`, `${db}-shm`]) fs.rmSync(f, { force: true });
  fs.writeFileSync(db, Buffer.alloc(16384, 0x5a));
  const app = await startApp({ FRONTDESK_DATA_DIR: dataDir, FRONTDESK_LANG: 'es' }, '.fatal');
  const { session } = app;

  await test('a damaged replica is said plainly, and "restore" brings back the backup with its check-in', async () => {
    const text = await session.text('.fatal');
    if (!/dañada/.test(text) || !/db_corrupt/.test(text)) throw new Error(`the screen says: ${text}`);
    // (No screenshot here: WebKitWebDriver's screenshot waits for a repaint, and this still page
    // never repaints under Xvfb without compositing.)
    await session.exec("document.getElementById('restore-backup').click()");
    await waitFor('the scan screen after the reload', async () => (await session.find('#sync-pill')).length > 0, 30000);
    if ((await session.find('.fatal')).length) throw new Error('the damaged-database screen is still up');
    if (!checkIns(dataDir).some((e) => e.member_id === 1002)) throw new Error("the backup's check-in of 1002 is not back");
    const kept = fs.readdirSync(dataDir).filter((n) => n.startsWith('frontdesk.db') && /damaged|corrupt/.test(n));
    if (!kept.length) throw new Error(`the damaged file was not kept aside: ${fs.readdirSync(dataDir)}`);
  });
  await app.stop();
}

// --- First connection in Settings, and the token kept across a restart ------------------
// The token goes to the OS keyring: here GNOME Keyring's Secret Service on a private D-Bus
// session (scripts/with-secret-service.sh), as on a Linux desk.
{
  const dataDir = path.join(tmp, 'connect');
  const demoSnapshot = path.join(tmp, 'central.json');
  if (!fs.existsSync(demoSnapshot)) cli(path.join(tmp, 'scratch'), 'demo', '--out', demoSnapshot);
  // The same gym, its members with pictures on the server ({self}: frontdesk-central's own address).
  const snapshot = path.join(tmp, 'connect.json');
  const gymJson = JSON.parse(fs.readFileSync(demoSnapshot, 'utf8'));
  for (const m of gymJson.members) m.picture = `{self}/photos/${m.id}.jpg`;
  fs.writeFileSync(snapshot, JSON.stringify(gymJson));
  const apiPort = await freePort();
  const apiUrl = `http://127.0.0.1:${apiPort}/api/v1`;
  const token = 'e2e-keyring-token';
  const central = spawn(bin('frontdesk-central'), ['serve', '--snapshot', snapshot, '--addr', `127.0.0.1:${apiPort}`, '--token', token, '--extension'], {
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  children.push(central);
  await waitPort(apiPort);
  // Nothing but Settings and the keyring configures this desk.
  for (const k of ['FRONTDESK_API_URL', 'FRONTDESK_GYM_ID', 'FRONTDESK_TOKEN']) delete process.env[k];
  const env = { FRONTDESK_DATA_DIR: dataDir, FRONTDESK_LANG: 'es', FRONTDESK_SYNC_INTERVAL_SECS: '1' };
  const pill = (session) => session.text('#sync-pill').then((t) => t ?? '');
  // Read in one call: the form is rebuilt when the camera list arrives, so an element found in
  // one WebDriver call may be gone by the next.
  const held = (session) => session.exec("return document.getElementById('set-token-help')?.dataset.token ?? null");
  const openSettings = async (session) => {
    await session.exec("document.getElementById('nav-settings').click()");
    await waitFor('the settings screen', async () => (await session.find('#set-token-help')).length > 0);
  };
  const fill = (session, id, value) =>
    session.exec(
      "const el = document.getElementById(arguments[0]); el.value = arguments[1]; el.dispatchEvent(new Event('input', { bubbles: true }));",
      [id, value],
    );

  let app = await startApp(env);
  await test('staff connect a new desk in Settings: a wrong token is refused, the right one starts sync at once', async () => {
    const { session } = app;
    await waitFor('demo banner', () => session.text('.demo-banner'));
    if (!/Solo local/.test(await pill(session))) throw new Error(`the header says ${await pill(session)}`);
    await openSettings(session);
    if ((await held(session)) !== 'none') throw new Error('a token is already held');
    await fill(session, 'set-api', apiUrl);
    await fill(session, 'set-gym', '1');
    await fill(session, 'set-token', 'not-the-token');
    await session.exec("document.getElementById('set-save').click()");
    await waitFor('the refusal', async () => /rechazó el token/.test((await session.text('.settings__msg')) ?? ''), 20000);
    if ((await held(session)) !== 'none') throw new Error('a refused token was stored');
    await fill(session, 'set-token', token);
    await session.exec("document.getElementById('set-save').click()");
    await waitFor('the token in the keyring', async () => (await held(session)) === 'keyring', 20000);
    await waitFor('online in the header', async () => /En línea/.test(await pill(session)), 30000);
    await waitFor('the demo banner gone', async () => (await session.find('.demo-banner')).length === 0, 20000);
    await shot(session, 'settings-connected');
  });
  await app.stop();

  app = await startApp(env);
  await test('after a restart the desk still has its token and goes online by itself', async () => {
    const { session } = app;
    await waitFor('online in the header', async () => /En línea/.test(await pill(session)), 30000);
    if ((await session.find('.demo-banner')).length) throw new Error('the demo banner came back');
    await openSettings(session);
    const where = await held(session);
    if (where !== 'keyring') throw new Error(`Settings says the token is held by: ${where}`);
    const logs = path.join(dataDir, 'logs');
    const all = fs.readdirSync(logs).map((n) => fs.readFileSync(path.join(logs, n), 'utf8')).join('\n');
    if (/sync not configured/.test(all.split('settings saved: sync restarts').pop())) throw new Error('the restarted desk had no sync configuration');
    if (all.includes(token)) throw new Error('the API token is in the log file');
  });

  await test('a later save with the token field left empty keeps the keyring token and reconnects with it', async () => {
    const { session } = app;
    // Another spelling of the same loopback server: a changed connection, checked against the
    // server with the token the keyring holds (nothing typed).
    const other = `http://localhost:${apiPort}/api/v1`;
    await fill(session, 'set-api', other);
    if ((await session.exec("return document.getElementById('set-token').value")) !== '') throw new Error('the token field is not empty');
    await session.exec("document.getElementById('set-save').click()");
    await waitFor('the save to be checked and done', async () => /guardad/i.test((await session.text('.settings__msg')) ?? ''), 30000);
    if ((await held(session)) !== 'keyring') throw new Error('the keyring token was lost by the save');
    await waitFor('online in the header with the new address', async () => /En línea/.test(await pill(session)), 30000);
    const logs = path.join(dataDir, 'logs');
    const all = fs.readdirSync(logs).map((n) => fs.readFileSync(path.join(logs, n), 'utf8')).join('\n');
    if (!all.includes(`api=${other}`) && !all.includes(`api="${other}"`)) throw new Error('sync did not restart with the new address');
  });

  await test('a photo pulled from the server shows on a green card with the central API stopped', async () => {
    const { session } = app;
    // 1002 had no demo portrait: a photo of theirs can only come from the server's picture URL.
    const id = 1002;
    const out = path.join(tmp, 'photo-1002.jpg');
    await waitFor('the photo of 1002 in the desk cache', () => {
      try {
        cli(dataDir, 'photo', String(id), '--out', out);
        return true;
      } catch {
        return null; // exit 1: not cached yet
      }
    }, 60000, 500);
    central.kill();
    await waitFor('offline in the header', async () => /sin conexión/i.test(await pill(session)), 30000);
    await session.exec("document.getElementById('nav-scan').click()");
    await waitFor('no card up', async () => (await session.find(card)).length === 0, 20000, 100);
    await session.typeBurst([...demoCode(tmp, id), ENTER]);
    const name = memberName(dataDir, id);
    const hit = await waitFor(`a green card for ${name} with its photo`, () => session.exec(`
      const c = document.querySelector('${card}[data-kind="ok"]');
      const img = c && c.querySelector('img.verdict__photo');
      return img && img.complete && img.naturalWidth > 0 && c.querySelector('.verdict__name').textContent === arguments[0]
        ? img.getAttribute('src') : null;`, [name]), 15000, 50);
    if (hit !== `photo://localhost/${id}`) throw new Error(`the photo comes from ${hit}`);
    await shot(session, 'offline-green-photo');
  });
  await app.stop();
  central.kill();
}

// --- A new desk pulls a 20,000-member gym: the header's progress bar ---------------------
// Latency on every request of frontdesk-central makes the pull last several seconds (200 pages
// of 100 members), so the bar can be watched advancing page by page, then going.
{
  const dataDir = path.join(tmp, 'big-pull');
  const snapshot = path.join(tmp, 'big.json');
  cli(path.join(tmp, 'big-scratch'), 'demo', '--members', '20000', '--out', snapshot);
  const apiPort = await freePort();
  const token = 'e2e-big-token';
  const central = spawn(
    bin('frontdesk-central'),
    ['serve', '--snapshot', snapshot, '--addr', `127.0.0.1:${apiPort}`, '--token', token, '--extension', '--faults', 'latency_ms=40'],
    { stdio: ['ignore', 'ignore', 'inherit'] },
  );
  children.push(central);
  await waitPort(apiPort);
  const app = await startApp({
    FRONTDESK_DATA_DIR: dataDir,
    FRONTDESK_LANG: 'es',
    FRONTDESK_API_URL: `http://127.0.0.1:${apiPort}/api/v1`,
    FRONTDESK_GYM_ID: '1',
    FRONTDESK_TOKEN: token,
  });
  const { session } = app;

  await test('a pull of 20,000 members shows a progress bar that advances page by page and goes when done', async () => {
    // A new desk has no count to go by (GymAPI's lists give none): "socios, 2.200 hasta ahora",
    // an indeterminate bar with no value, until the last page.
    const seen = [];
    await waitFor('the members stage of the pull to end', async () => {
      const bar = await session.exec(`const t = document.querySelector('.pullbar__track');
        return t && { now: t.getAttribute('aria-valuenow'), label: document.querySelector('.pullbar__label').textContent };`);
      const m = bar && /^Descargando datos del gimnasio: socios, ([\d.]+) hasta ahora$/.exec(bar.label);
      if (m) {
        const done = Number(m[1].replaceAll('.', ''));
        if (seen.at(-1)?.done !== done) seen.push({ done, now: bar.now });
        if (seen.length === 2) await shot(session, 'pull-progress');
      }
      return (!m && seen.length) ? true : null;
    }, 120000, 100);
    const moving = seen.filter((b) => b.done > 0 && b.done < 20000);
    if (moving.length < 2) throw new Error(`the bar moved ${moving.length} time(s) during the members stage: ${JSON.stringify(seen)}`);
    for (let i = 1; i < seen.length; i++) {
      if (seen[i].done < seen[i - 1].done) throw new Error(`the bar went back: ${JSON.stringify(seen.slice(i - 1, i + 1))}`);
    }
    if (seen.some((b) => b.now !== null)) throw new Error(`the bar claims a value it cannot know: ${JSON.stringify(seen)}`);
    await waitFor('the bar to go', async () => (await session.find('.pullbar')).length === 0, 120000, 200);
    await waitFor('online in the header', async () => /en línea/i.test((await session.text('#sync-pill')) ?? ''), 60000);
    const members_ = JSON.parse(cli(dataDir, 'status')).members;
    if (members_ !== 20000) throw new Error(`the replica holds ${members_} members, not 20,000`);
  });
  await app.stop();
  central.kill();
}

// --- Reports exported through the OS save dialog -----------------------------------------
// The GTK dialog is driven as staff would, with the keyboard, through xdotool on the same display.
{
  const dataDir = path.join(tmp, 'reports');
  const home = path.join(tmp, 'reports-home');
  fs.mkdirSync(home, { recursive: true });
  const app = await startApp({ FRONTDESK_DATA_DIR: dataDir, FRONTDESK_LANG: 'es', LANG: 'es_MX.UTF-8', HOME: home });
  const { session } = app;
  const xdo = (...args) => execFileSync('xdotool', args, { encoding: 'utf8' });
  /** The save dialog's X window once GTK has mapped it, found by its title in the desk's language. */
  const saveDialog = () =>
    waitFor('the save dialog', () => {
      try {
        return xdo('search', '--onlyvisible', '--name', '^Guardar el informe de asistencia$').trim().split('\n')[0] || null;
      } catch {
        return null; // xdotool exits 1 while no window matches
      }
    }, 30000);
  /** Types into the dialog: its window gets the keyboard first (Xvfb runs no window manager). */
  const keys = async (win, ...steps) => {
    xdo('windowfocus', '--sync', win);
    await new Promise((r) => setTimeout(r, 500)); // GTK puts the name field's focus in place after mapping
    for (const [kind, arg] of steps) xdo(kind, '--delay', '20', arg);
  };
  const exported = () => session.text('.report__status').then((t) => t || null);

  await test('a report is exported where the OS save dialog says: ~/Front Desk and a Spanish name by default, or a file staff name', async () => {
    await session.exec("document.getElementById('nav-reports').click()");
    await waitFor('the reports screen', async () => (await session.find('#export-csv')).length > 0);
    const day = await session.exec("return document.getElementById('report-date').value");
    if (!/^\d{4}-\d\d-\d\d$/.test(day)) throw new Error(`the report screen has no day: "${day}"`);

    // Accepting what the dialog proposes writes ~/Front Desk/asistencia-DAY.csv.
    await session.exec("document.getElementById('export-csv').click()");
    await keys(await saveDialog(), ['key', 'Return']);
    const suggested = path.join(home, 'Front Desk', `asistencia-${day}.csv`);
    const said = await waitFor('the saved message', exported, 20000);
    if (said !== `Guardado en ${suggested}`) throw new Error(`the screen says "${said}", expected the file ${suggested}`);
    const csv = fs.readFileSync(suggested, 'utf8');
    if (!csv.includes(day) || !/Asistieron/.test(csv)) throw new Error(`the CSV written is not the day's report:\n${csv.slice(0, 400)}`);

    // A name staff type replaces the proposal, in another folder: the file goes exactly there.
    const chosen = path.join(tmp, 'informe de hoy.xlsx');
    await session.exec("document.getElementById('export-xlsx').click()");
    await keys(await saveDialog(), ['key', 'ctrl+a'], ['type', chosen], ['key', 'Return']);
    await waitFor('the second saved message', async () => ((await exported()) === `Guardado en ${chosen}` ? true : null), 20000);
    if (fs.readFileSync(chosen).subarray(0, 2).toString() !== 'PK') throw new Error('the XLSX written is not a zip file');
    await shot(session, 'reports-exported');

    // Escape closes the dialog: nothing is written, and the screen says so.
    const before = fs.readdirSync(path.join(home, 'Front Desk')).sort().join();
    await session.exec("document.getElementById('export-html').click()");
    await keys(await saveDialog(), ['key', 'Escape']);
    await waitFor('the cancelled message', async () => ((await session.find('#report-export-cancelled')).length ? true : null), 20000);
    if (fs.readdirSync(path.join(home, 'Front Desk')).sort().join() !== before) throw new Error('a cancelled export wrote a file');
    if (fs.existsSync(path.join(home, 'Front Desk', `asistencia-${day}.html`))) throw new Error('the cancelled HTML was written');
  });
  await app.stop();
}

// --- A self check-in kiosk: `frontdesk-app --kiosk`, left by staff with the PIN ----------
{
  const dataDir = path.join(tmp, 'kiosk');
  // An admin sets the kiosk PIN from a script; the PIN goes in on standard input.
  execFileSync(bin('frontdesk'), ['--data-dir', dataDir, 'kiosk-pin'], { input: '2468\n', encoding: 'utf8' });
  const app = await startApp({ FRONTDESK_DATA_DIR: dataDir, FRONTDESK_LANG: 'es' }, '#kiosk', ['--kiosk']);
  const { session } = app;

  await test('frontdesk-app --kiosk starts as a kiosk: the prompt, the camera, a first name only, no staff screen', async () => {
    const prompt = await session.text('#kiosk-prompt');
    if (!/Escanea tu código/.test(prompt ?? '')) throw new Error(`the prompt says: ${prompt}`);
    for (const staffOnly of ['#sync-pill', '#nav-manual', '#nav-settings', '.recent', '#manual-search']) {
      if ((await session.find(staffOnly)).length) throw new Error(`${staffOnly} is on the kiosk screen`);
    }
    // The demo camera's members walk up: the kiosk card has a greeting by first name and the
    // result in the member's words, and never the surname.
    const seen = await waitFor('a kiosk card from the demo camera', () => session.exec(`
      const c = document.getElementById('kiosk-card');
      return c ? { kind: c.dataset.kind, hello: c.querySelector('.kiosk-card__hello')?.textContent ?? '',
                   message: c.querySelector('.kiosk-card__message')?.textContent ?? '' } : null`), 30000);
    if (!seen.message) throw new Error(`a kiosk card with no message: ${JSON.stringify(seen)}`);
    if (seen.kind === 'ok' && !/^¡Hola, [^ ]+/.test(seen.hello)) throw new Error(`the greeting: ${seen.hello}`);
    // Staff commands are refused to the kiosk's page by the shell itself.
    await session.exec(`window.__kioskProbe = null;
      window.__TAURI_INTERNALS__.invoke('search_members', { query: 'a', limit: 5 })
        .then(() => (window.__kioskProbe = 'answered'), (e) => (window.__kioskProbe = e?.code ?? String(e)))`);
    const refused = await waitFor('the answer to search_members', () => session.exec('return window.__kioskProbe'), 10000);
    if (refused !== 'forbidden') throw new Error(`search_members from the kiosk: ${refused}`);
    await shot(session, 'kiosk');
  });

  await test('staff leave kiosk mode with the PIN: a wrong one is refused, the right one brings the desk back', async () => {
    const enter = async (pin) => {
      await session.exec("document.getElementById('kiosk-staff').click()");
      await waitFor('the PIN pad', async () => ((await session.find('#kiosk-pin-input')).length ? true : null));
      await session.exec(`const i = document.getElementById('kiosk-pin-input');
        i.value = arguments[0]; i.dispatchEvent(new Event('input', { bubbles: true }));
        document.getElementById('kiosk-pin-ok').click();`, [pin]);
    };
    await enter('1357');
    const code = await waitFor('the wrong-PIN message', () => session.exec(
      "const e = document.getElementById('kiosk-pin-error'); return e && !e.hidden && e.dataset.code ? e.dataset.code : null"));
    if (code !== 'unauthorized') throw new Error(`a wrong PIN said ${code}`);
    if ((await session.find('#sync-pill')).length) throw new Error('a wrong PIN left the kiosk');
    await session.exec("document.getElementById('kiosk-pin-cancel')?.click()");
    await enter('2468');
    await waitFor('the staff desk after the PIN', async () => ((await session.find('#sync-pill')).length ? true : null), 30000);
    if ((await session.find('#kiosk')).length) throw new Error('the kiosk screen is still up');
    await session.exec(`window.__kioskProbe = null;
      window.__TAURI_INTERNALS__.invoke('kiosk_refusals', { limit: 50 })
        .then((r) => (window.__kioskProbe = Array.isArray(r) ? 'list' : 'odd'), (e) => (window.__kioskProbe = e?.code ?? String(e)))`);
    const ok = await waitFor("the staff desk's kiosk refusals", () => session.exec('return window.__kioskProbe'), 10000);
    if (ok !== 'list') throw new Error(`the staff desk could not read the kiosk's refusals: ${ok}`);
  });
  await app.stop();
}

// --- Staff profiles on the real app: the first admin, the lock, a PIN, a restart --------------
{
  const dataDir = path.join(tmp, 'staff');
  const env = { FRONTDESK_DATA_DIR: dataDir, FRONTDESK_LANG: 'es' };
  const setValue = (session, id, value) =>
    session.exec(
      "const el = document.getElementById(arguments[0]); el.value = arguments[1]; el.dispatchEvent(new Event('input', { bubbles: true })); el.dispatchEvent(new Event('change', { bubbles: true }));",
      [id, value],
    );
  /** A command called by the page itself, answered by the real shell: its value, or its error code. */
  const probe = async (session, cmd, args) => {
    await session.exec(`window.__staffProbe = undefined;
      window.__TAURI_INTERNALS__.invoke(arguments[0], arguments[1])
        .then((v) => (window.__staffProbe = { ok: v }), (e) => (window.__staffProbe = { code: e?.code ?? String(e) }))`, [cmd, args]);
    return waitFor(`the answer to ${cmd}`, () => session.exec('return window.__staffProbe ?? null'), 10000);
  };
  const locked = (session) => session.attr('#staff-pill', 'data-locked');

  let app = await startApp(env);
  await test('staff profiles: the first admin signs in, the lock leaves scanning only, a PIN opens the desk again', async () => {
    const { session } = app;
    if ((await session.find('#staff-pill')).length) throw new Error('a desk without profiles shows a staff pill');
    await session.exec("document.getElementById('nav-settings').click()");
    await waitFor('the staff section', async () => (await session.find('#set-staff-name')).length > 0);
    await setValue(session, 'set-staff-name', 'Zoe Ruiz');
    await setValue(session, 'set-staff-role', 'admin');
    await setValue(session, 'set-staff-pin', '1111');
    await setValue(session, 'set-staff-pin2', '1111');
    await session.exec("document.getElementById('set-staff-add-save').click()");
    await waitFor('Zoe on shift', async () => (await locked(session)) === 'false', 20000);
    const shift = (await probe(session, 'shift_status', {})).ok;
    if (shift?.staff?.name !== 'Zoe Ruiz' || !shift.admin) throw new Error(`the shell's shift: ${JSON.stringify(shift)}`);

    await session.exec("document.getElementById('staff-lock').click()");
    await waitFor('the desk locked', async () => (await locked(session)) === 'true', 10000);
    const refused = await probe(session, 'search_members', { query: 'a', limit: 5 });
    if (refused.code !== 'desk_locked') throw new Error(`search_members on a locked desk: ${JSON.stringify(refused)}`);
    // A locked desk still scans: the demo camera's members keep getting cards.
    await waitFor('a card from the demo camera on the locked desk', async () => (await session.find(card)).length > 0, 30000);

    await session.exec("document.getElementById('staff-pill').click()");
    await waitFor('the sign-in dialog', async () => (await session.find('#signin .staff-pick__btn')).length > 0);
    await session.exec("document.querySelector('#signin .staff-pick__btn').click()");
    await setValue(session, 'signin-pin', '9999');
    await session.exec("document.getElementById('signin-ok').click()");
    const wrong = await waitFor('the wrong-PIN message', () =>
      session.exec("const e = document.getElementById('signin-error'); return e?.dataset.code || null"));
    if (wrong !== 'unauthorized') throw new Error(`a wrong PIN said ${wrong}`);
    await setValue(session, 'signin-pin', '1111');
    await session.exec("document.getElementById('signin-ok').click()");
    await waitFor('Zoe back on shift', async () => (await locked(session)) === 'false', 10000);
    const found = await probe(session, 'search_members', { query: 'a', limit: 5 });
    if (!Array.isArray(found.ok)) throw new Error(`search_members once signed in: ${JSON.stringify(found)}`);
    await shot(session, 'staff-signed-in');
  });
  await app.stop();

  app = await startApp(env);
  await test('after a restart the profile is still there and nobody is on shift until a PIN', async () => {
    const { session } = app;
    await waitFor('the staff pill', async () => (await session.find('#staff-pill')).length > 0, 20000);
    if ((await locked(session)) !== 'true') throw new Error('a restarted desk is open without a PIN');
    const staff = (await probe(session, 'list_staff', {})).ok;
    if (staff?.map((s) => s.name).join() !== 'Zoe Ruiz') throw new Error(`the profiles: ${JSON.stringify(staff)}`);
  });
  await app.stop();
}

const failed = results.filter(([, ok]) => !ok).length;
console.log(`${results.length - failed} passed, ${failed} failed`);
process.exit(failed ? 1 : 0);
