// Why this file exists: the browser flow tests. It builds the UI twice (production, checked to
// contain no mock; and `--mode mock`, which injects the test-only mock backend of src/mock/,
// whose answers are the core's canned fixtures, src/mock/fixtures.ts), serves the
// mock build on 127.0.0.1 with an ephemeral port, drives Debian's Chromium through
// playwright-core, saves screenshots to ui/test-results/ and ends with "N passed, N failed".

import { spawnSync } from 'node:child_process';
import { createServer } from 'node:http';
import { readFile, readdir, mkdir } from 'node:fs/promises';
import { existsSync, readFileSync } from 'node:fs';
import { join, extname, dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import assert from 'node:assert/strict';
import { chromium } from 'playwright-core';
import { layoutTests } from './layout.mjs';

const UI = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const OUT = join(UI, 'test-results');
const MOCK_DIST = join(OUT, 'dist-mock');
const CHROMIUM = process.env.CHROMIUM_PATH || '/usr/bin/chromium';
const ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
];
const only = process.argv[2] ? new RegExp(process.argv[2], 'i') : null;
/** How long a card that clears itself stays up (src/verdict-overlay.ts). */
const VERDICT_MS = Number(/export const VERDICT_MS = (\d+);/.exec(readFileSync(join(UI, 'src/verdict-overlay.ts'), 'utf8'))[1]);

// ---- build ---------------------------------------------------------------------------

function vite(...args) {
  const r = spawnSync(process.execPath, [join(UI, 'node_modules/vite/bin/vite.js'), ...args], {
    cwd: UI,
    encoding: 'utf8',
  });
  if (r.status !== 0) {
    console.error(r.stdout, r.stderr);
    throw new Error(`vite ${args.join(' ')} failed`);
  }
}

async function filesUnder(dir) {
  const out = [];
  for (const e of await readdir(dir, { withFileTypes: true })) {
    const p = join(dir, e.name);
    if (e.isDirectory()) out.push(...(await filesUnder(p)));
    else out.push(p);
  }
  return out;
}

// ---- static server -------------------------------------------------------------------

const TYPES = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.json': 'application/json',
};

function serve(root) {
  const server = createServer(async (req, res) => {
    const url = new URL(req.url ?? '/', 'http://x');
    let path = decodeURIComponent(url.pathname);
    if (path.endsWith('/')) path += 'index.html';
    const file = join(root, path);
    if (!file.startsWith(root) || !existsSync(file)) {
      res.writeHead(404).end('not found');
      return;
    }
    res.writeHead(200, { 'content-type': TYPES[extname(file)] ?? 'application/octet-stream' });
    res.end(await readFile(file));
  });
  return new Promise((ok) => server.listen(0, '127.0.0.1', () => ok(server)));
}

// ---- tiny test harness -----------------------------------------------------------------

const tests = [];
const test = (name, fn) => tests.push({ name, fn });

let browser;
let base;

/** `clock`: the page runs on Playwright's fake clock, paused once the page is up, so a test
 * moves time itself (`page.clock.runFor`) instead of waiting for it. */
async function open(query = '', { viewport = { width: 1366, height: 768 }, clock = false } = {}) {
  const context = await browser.newContext({ viewport, locale: 'es-ES', timezoneId: 'America/New_York' });
  const page = await context.newPage();
  if (clock) await page.clock.install();
  const errors = [];
  page.on('pageerror', (e) => errors.push(e));
  await page.goto(`${base}/index.html${query ? `?${query}` : ''}`);
  await page.locator('#sync-pill').waitFor();
  if (clock) await page.clock.pauseAt(await page.evaluate(() => Date.now() + 1000));
  page.errors = errors;
  return page;
}

const calls = (page, cmd) =>
  page.evaluate((c) => window.__frontDeskMock.calls.filter((x) => x.cmd === c).map((x) => x.args), cmd);
const mock = (page, fn, ...args) =>
  page.evaluate(([f, a]) => window.__frontDeskMock[f](...a), [fn, args]);
const bg = (locator) => locator.evaluate((el) => getComputedStyle(el).backgroundColor);
const shot = (page, name) => page.screenshot({ path: join(OUT, `${name}.png`) });
const card = (page) => page.locator('.verdict-layer .verdict');

 /**
 * Types `text` + Enter with key events stamped `gapMs` apart (CDP's `timestamp` becomes the
 * DOM event's timeStamp), the way a USB scanner's keys arrive: what the detector reads is the
 * stamped timing, however slowly the test machine delivers the events.
 */
async function typeStamped(page, text, gapMs) {
  const cdp = await page.context().newCDPSession(page);
  const t0 = Date.now() / 1000;
  const keys = [...text, 'Enter'];
  for (let i = 0; i < keys.length; i++) {
    const k = keys[i];
    const ts = t0 + (i * gapMs) / 1000;
    const key =
      k === 'Enter'
        ? { key: 'Enter', code: 'Enter', windowsVirtualKeyCode: 13, nativeVirtualKeyCode: 13 }
        : { key: k };
    await cdp.send('Input.dispatchKeyEvent', {
      type: 'keyDown',
      timestamp: ts,
      ...key,
      text: k === 'Enter' ? '\r' : k,
      unmodifiedText: k === 'Enter' ? '\r' : k,
    });
    await cdp.send('Input.dispatchKeyEvent', { type: 'keyUp', timestamp: ts + 0.002, ...key });
  }
  await cdp.detach();
}
const scanner = (page, code) => typeStamped(page, code, 8);

const GREEN = 'rgb(15, 122, 61)';
const AMBER = 'rgb(246, 180, 0)';
const RED = 'rgb(183, 28, 28)';

// ---- flows ---------------------------------------------------------------------------------

test('production build has no mock backend and uses relative asset paths', async () => {
  const files = await filesUnder(join(UI, 'dist'));
  assert.ok(files.some((f) => f.endsWith('.js')), 'dist has a script');
  for (const f of files) {
    const text = await readFile(f, 'utf8');
    for (const needle of ['__frontDeskMock', 'Gimnasio Demo Centro', 'mockIPC', 'shouldMockEvents', 'mock_no_fixture'])
      assert.ok(!text.includes(needle), `${f} contains ${needle}`);
  }
  const html = await readFile(join(UI, 'dist/index.html'), 'utf8');
  assert.match(html, /src="\.\/assets\//);
  // ...while the mock build does include it (so the check above can fail).
  const mockFiles = await filesUnder(MOCK_DIST);
  const all = (await Promise.all(mockFiles.map((f) => readFile(f, 'utf8')))).join('\n');
  assert.ok(all.includes('__frontDeskMock'));
  assert.ok(all.includes('mock_no_fixture'), 'the canned fixtures are in the mock build');
});

test('scan screen: live preview, demo banner, classes and latest check-ins', async () => {
  const page = await open();
  await page.locator('.preview__stage.has-frame').waitFor();
  await page.waitForFunction(() => Number(document.querySelector('.preview__img')?.dataset.frames ?? 0) > 0);
  assert.ok(await page.locator('.preview__img').evaluate((el) => el.width > 0 && el.height > 0), 'frames painted');
  // The channel's raw grey bytes are painted as grey (r = g = b), and as a picture, not a flat fill.
  const px = await page.locator('.preview__img').evaluate((el) => {
    const d = el.getContext('2d').getImageData(0, 0, el.width, el.height).data;
    let grey = true;
    const levels = new Set();
    for (let i = 0; i < d.length; i += 4 * 97) {
      grey &&= d[i] === d[i + 1] && d[i + 1] === d[i + 2] && d[i + 3] === 255;
      levels.add(d[i]);
    }
    return { grey, levels: levels.size, size: [el.width, el.height] };
  });
  assert.ok(px.grey && px.levels > 10, `the preview canvas: ${JSON.stringify(px)}`);
  assert.deepEqual(px.size, [640, 360], 'the frame size the header gives');
  assert.ok(await page.locator('.preview__img').evaluate((el) => el.classList.contains('is-mirrored')));
  assert.match(await page.locator('.demo-banner').innerText(), /MODO DEMO/);
  const sessions = page.locator('.session');
  assert.equal(await sessions.count(), 5);
  const yoga = page.locator('.session--in_progress');
  assert.match(await yoga.innerText(), /Yoga/);
  assert.match(await yoga.innerText(), /12\s+Inscritos/);
  assert.match(await yoga.innerText(), /16\s+Aforo/);
  assert.match(await page.locator('.recent__row').first().innerText(), /Sofía Martín/);
  await shot(page, 'scan-home');
  assert.deepEqual(page.errors, []);
  await page.context().close();
});

test('no demo banner outside demo mode', async () => {
  const page = await open('demo=0');
  assert.equal(await page.locator('.demo-banner').count(), 0);
  await page.context().close();
});

test('a scan the camera makes the moment scanning starts still gets its card', async () => {
  // The app's camera starts with window_ready; its first verdict may come before the page is
  // built. It waits for the page and is shown, not lost.
  const page = await open('scan_on_ready=U101_7f3a9c');
  const c = card(page);
  await c.waitFor();
  assert.equal(await c.getAttribute('data-kind'), 'ok');
  assert.equal(await c.locator('.verdict__name').innerText(), 'María López García');
  await page.context().close();
});

test('a camera scan shows a green card with the member, then it clears itself', async () => {
  const page = await open();
  await page.locator('.preview__stage.has-frame').waitFor();
  await mock(page, 'scan', 'U101_7f3a9c');
  const c = card(page);
  await c.waitFor();
  assert.equal(await c.getAttribute('data-kind'), 'ok');
  assert.equal(await bg(c), GREEN);
  assert.equal(await c.locator('.verdict__name').innerText(), 'María López García');
  assert.match(await c.innerText(), /ADELANTE/);
  assert.match(await c.locator('.verdict__class').innerText(), /^Yoga · \d\d:\d\d–\d\d:\d\d · Sala 2$/);
  assert.ok(await c.locator('img.verdict__photo').count(), 'photo shown');
  const nameSize = await c.locator('.verdict__name').evaluate((el) => parseFloat(getComputedStyle(el).fontSize));
  assert.ok(nameSize >= 48, `name font ${nameSize}px`);
  await page.waitForFunction(() => document.getElementById('live').textContent.includes('María López García'));
  await page.waitForFunction(() => document.querySelector('.recent__row')?.textContent.includes('María López García'));
  await shot(page, 'scan-green');
  await c.waitFor({ state: 'detached', timeout: 15000 });
  await page.context().close();
});

test('a scan with a warning shows an amber card with the warning', async () => {
  const page = await open();
  await mock(page, 'scan', 'U102_b81d44');
  const c = card(page);
  await c.waitFor();
  assert.equal(await c.getAttribute('data-kind'), 'warn');
  assert.equal(await bg(c), AMBER);
  assert.equal(await c.locator('.verdict__name').innerText(), 'José Pérez Ruiz');
  assert.match(await c.locator('.verdict__warnings').innerText(), /Membresía vencida/);
  assert.equal(await c.locator('.verdict__photo.avatar').innerText(), 'JP');
  await shot(page, 'scan-amber');
  await page.keyboard.press('Escape');
  await c.waitFor({ state: 'detached' });
  await page.context().close();
});

test('a refused scan shows a red card with the reason in plain words, naming no one for a forged code', async () => {
  const page = await open();
  await mock(page, 'scan', 'U101_wrongcode'); // María's id, the wrong rest: the core names no member
  const c = card(page);
  await c.waitFor();
  assert.equal(await c.getAttribute('data-kind'), 'refused');
  assert.equal(await bg(c), RED);
  assert.equal(await c.locator('.verdict__name').innerText(), 'Persona no identificada');
  assert.equal(await c.locator('img.verdict__photo').count(), 0, 'no photo of anyone');
  assert.match(await c.locator('.verdict__reason').innerText(), /Código QR no válido/);
  await shot(page, 'scan-red');
  await page.context().close();
});

test('a keyboard-wedge burst checks in, even typed into the focused search box', async () => {
  const page = await open();
  await page.keyboard.press('F2');
  const search = page.locator('#manual-search');
  await search.waitFor();
  assert.equal(await page.evaluate(() => document.activeElement.id), 'manual-search');
  await scanner(page, 'U103_c0ffee');
  const c = card(page);
  await c.waitFor();
  assert.equal(await c.getAttribute('data-kind'), 'ok');
  assert.equal(await c.locator('.verdict__name').innerText(), 'Lucía Fernández');
  assert.deepEqual(await calls(page, 'check_in_code'), [{ code: 'U103_c0ffee', method: 'scanner' }]);
  assert.equal(await search.inputValue(), '', 'the scanned characters did not stay in the input');
  assert.equal(await page.evaluate(() => document.activeElement.id), 'manual-search');
  await page.context().close();
});

test('a damaged database is said plainly and restored from the automatic backup', async () => {
  const context = await browser.newContext({ viewport: { width: 1366, height: 768 }, locale: 'es-ES' });
  const page = await context.newPage();
  await page.goto(`${base}/index.html?db_error=1`);
  await page.locator('.fatal').waitFor();
  assert.match(await page.locator('.fatal h1').innerText(), /dañada/);
  assert.match(await page.locator('.fatal').innerText(), /db_corrupt/);
  await shot(page, 'db-damaged');
  await page.locator('#restore-backup').click();
  await page.locator('#sync-pill').waitFor(); // reloaded into the normal screen
  assert.equal(await page.locator('.fatal').count(), 0);
  await context.close();
});

test('a scan that cannot be saved shows a red card, never a green one', async () => {
  const page = await open();
  await scanner(page, 'U666_diskfull');
  const c = card(page);
  await c.waitFor();
  assert.equal(await c.getAttribute('data-kind'), 'refused');
  assert.equal(await bg(c), RED);
  assert.match(await c.innerText(), /No se pudo guardar/);
  await page.context().close();
});

test('a scan whose call itself fails (no backend) still shows a red card', async () => {
  const page = await open();
  await scanner(page, 'U000_nobackend');
  const c = card(page);
  await c.waitFor();
  assert.equal(await c.getAttribute('data-kind'), 'refused');
  assert.equal(await bg(c), RED);
  assert.equal(await c.getAttribute('data-code'), 'save_failed');
  assert.deepEqual(await calls(page, 'check_in_code'), [{ code: 'U000_nobackend', method: 'scanner' }]);
  await page.context().close();
});

test('human-paced typing is never taken for a scan; a burst anywhere is', async () => {
  const page = await open();
  await page.keyboard.type('hola', { delay: 90 }); // real keys, at human speed, no input focused
  await page.keyboard.press('Enter');
  await page.keyboard.press('F2');
  await page.locator('#manual-search').waitFor();
  await typeStamped(page, 'U105_5e5e5e', 120); // a code-like text, typed at human pace
  await page.locator('.hits-slot .empty').waitFor(); // the search ran on what was typed
  assert.equal(await page.locator('#manual-search').inputValue(), 'U105_5e5e5e');
  assert.deepEqual(await calls(page, 'check_in_code'), []);
  assert.equal(await card(page).count(), 0);
  await page.keyboard.press('F1');
  await page.locator('body').click({ position: { x: 5, y: 740 } });
  await scanner(page, 'U105_5e5e5e');
  await card(page).waitFor();
  assert.equal(await card(page).locator('.verdict__name').innerText(), 'Carmen Ruiz Soto');
  assert.deepEqual(await calls(page, 'check_in_code'), [{ code: 'U105_5e5e5e', method: 'scanner' }]);
  await page.context().close();
});

test('manual check-in by keyboard: accent-free search, refusal, override with a reason', async () => {
  const page = await open();
  await page.keyboard.press('F2');
  await page.keyboard.type('Lopez', { delay: 90 }); // human speed
  const hits = page.locator('.hit');
  await page.locator('#hit-101').waitFor();
  assert.equal(await hits.count(), 2);
  // In the core's order (first name, then last name), not re-sorted by the UI.
  assert.match(await hits.nth(0).innerText(), /Javier López Sánchez/);
  assert.match(await hits.nth(1).innerText(), /María López García/);
  assert.equal(await page.locator('#manual-search').inputValue(), 'Lopez');
  assert.deepEqual(await calls(page, 'check_in_code'), [], 'human typing is not a scan');
  assert.ok((await calls(page, 'search_members')).some((a) => a.query === 'Lopez'));

  await page.keyboard.press('ArrowDown');
  assert.equal(await page.evaluate(() => document.activeElement.id), 'hit-106');
  await page.keyboard.press('ArrowDown');
  assert.equal(await page.evaluate(() => document.activeElement.id), 'hit-101');
  await page.keyboard.press('Enter');
  assert.equal(await page.evaluate(() => document.activeElement.id), 'manual-checkin');
  await page.keyboard.press('Shift+Tab');
  assert.equal(await page.evaluate(() => document.activeElement.id), 'manual-session');
  await page.selectOption('#manual-session', '9004'); // Boxeo, cancelled
  await page.locator('#manual-checkin').focus();
  await page.keyboard.press('Enter');

  const inline = page.locator('.manual__detail .verdict');
  await inline.waitFor();
  assert.equal(await inline.getAttribute('data-kind'), 'refused');
  assert.match(await inline.innerText(), /La clase está cancelada/);
  await page.waitForFunction(() => document.activeElement?.id === 'manual-override');
  await page.keyboard.press('Enter');
  assert.equal(await page.evaluate(() => document.activeElement.id), 'manual-reason');
  await page.keyboard.press('Enter'); // empty reason: refused by the form
  await page.locator('.override .error').waitFor();
  assert.equal((await calls(page, 'check_in_member')).length, 1);

  await page.keyboard.type('Clase trasladada a la sala 2', { delay: 50 }); // human speed
  await page.keyboard.press('Enter');
  await page.locator('.manual__detail .verdict[data-kind="warn"]').waitFor();
  const sent = await calls(page, 'check_in_member');
  assert.deepEqual(sent, [
    { member_id: 101, session_id: 9004, override_reason: null, approval_pin: null },
    { member_id: 101, session_id: 9004, override_reason: 'Clase trasladada a la sala 2', approval_pin: null },
  ]);
  const overridden = await page.locator('.manual__detail .verdict').innerText();
  assert.match(overridden, /Autorizado por el personal: La clase está cancelada\. Motivo: Clase trasladada a la sala 2/);
  await shot(page, 'manual-override');
  await page.context().close();
});

test('manual check-in: the next person starts on the automatic class, not the previous one\'s', async () => {
  const page = await open();
  await page.keyboard.press('F2');
  await page.keyboard.type('Maria', { delay: 90 }); // human speed
  await page.locator('#hit-101').waitFor();
  await page.keyboard.press('Enter');
  await page.selectOption('#manual-session', '9003'); // Pilates, later: outside the window for her
  await page.locator('#manual-checkin').click();
  await page.locator('.manual__detail .verdict[data-kind="refused"]').waitFor();
  assert.equal(await page.locator('#manual-session').inputValue(), '9003', 'her choice is kept for her');

  await page.locator('#manual-search').fill('');
  await page.locator('#manual-search').focus();
  await page.keyboard.type('Jose', { delay: 90 });
  await page.locator('#hit-102').waitFor();
  await page.keyboard.press('Enter');
  await page.waitForFunction(() => document.querySelector('.member__name')?.textContent === 'José Pérez Ruiz');
  assert.equal(await page.locator('#manual-session').inputValue(), 'auto', 'the class choice went back to automatic');
  // His membership ended on 31 Oct 2026: the chip says so, as a scan's warning would.
  const chip = page.locator('.member .chip');
  assert.equal(await chip.getAttribute('data-membership'), 'expired');
  assert.match(await chip.innerText(), /^Membresía vencida · Trimestral · venció el/);
  // The picker opens at the class that matters now: Yoga (in progress) first, the earlier after.
  const groups = page.locator('#manual-session optgroup');
  assert.equal(await groups.count(), 2);
  assert.match(await groups.nth(0).locator('option').first().innerText(), /Yoga \(En curso\)$/);
  assert.match(await groups.nth(1).locator('option').first().innerText(), /Spinning \(Terminada\)$/);
  await page.locator('#manual-checkin').click();
  await page.locator('.manual__detail .verdict[data-kind="warn"]').waitFor();
  assert.deepEqual(await calls(page, 'check_in_member'), [
    { member_id: 101, session_id: 9003, override_reason: null, approval_pin: null },
    { member_id: 102, session_id: null, override_reason: null, approval_pin: null },
  ]);
  assert.deepEqual(page.errors, []);
  await page.context().close();
});

test('a camera verdict while staff type or have a panel open is a banner: no card, focus and panel kept', async () => {
  const page = await open();
  await page.keyboard.press('F2');
  await page.keyboard.type('Lop', { delay: 90 });
  await mock(page, 'scan', 'U103_c0ffee');
  const banner = page.locator('main .verdict-banner');
  await banner.waitFor();
  assert.equal(await card(page).count(), 0, 'no full-screen card over the manual screen');
  assert.equal(await banner.getAttribute('data-kind'), 'ok');
  assert.equal(await bg(banner), GREEN);
  assert.match(await banner.innerText(), /Lucía Fernández/);
  assert.match(await banner.innerText(), /ADELANTE/);
  assert.match(await banner.locator('.verdict-banner__time').innerText(), /^\d\d:\d\d$/);
  assert.equal(await page.evaluate(() => document.activeElement.id), 'manual-search', 'focus kept');
  await page.keyboard.type('ez', { delay: 90 }); // staff go on typing where they were
  assert.equal(await page.locator('#manual-search').inputValue(), 'Lopez');
  await page.locator('#hit-101').waitFor();
  // The banner sits above the screen: it covers neither the search box nor the results.
  const b = await banner.boundingBox();
  const input = await page.locator('#manual-search').boundingBox();
  assert.ok(b.y + b.height <= input.y, `banner ${JSON.stringify(b)} above the search box ${JSON.stringify(input)}`);
  await page.waitForFunction(() => document.getElementById('live').textContent.includes('Lucía Fernández'));
  await shot(page, 'banner-manual');

  // The sync panel (F3) stays open; the banner shows inside it, under its title.
  await page.keyboard.press('F3');
  const dialog = page.locator('dialog.drawer');
  await dialog.locator('.parked__item').first().waitFor();
  await mock(page, 'scan', 'U104_aa11bb'); // Andrés: in, with a warning
  const inPanel = dialog.locator('.drawer__top .verdict-banner');
  await inPanel.waitFor();
  assert.equal(await inPanel.getAttribute('data-kind'), 'warn');
  assert.match(await inPanel.innerText(), /Andrés Núñez/);
  assert.ok(await dialog.evaluate((d) => d.open), 'the panel stayed open');
  assert.equal(await card(page).count(), 0);
  assert.ok(await page.evaluate(() => document.querySelector('dialog.drawer').contains(document.activeElement)), 'focus stays in the panel');
  await shot(page, 'banner-sync-panel');
  await page.keyboard.press('Escape');
  await page.waitForFunction(() => !document.querySelector('dialog.drawer').open);
  // Closed, the panel hands the banner back to the top of the screen.
  await page.locator('main > .verdict-banner-slot .verdict-banner[data-kind="warn"]').waitFor();

  // Settings with a field focused: a refusal is a red banner, the typed text stays.
  await page.keyboard.press('F6');
  await page.locator('#set-api').waitFor();
  await page.locator('#set-api').focus();
  await page.keyboard.type('https://api.', { delay: 40 });
  await mock(page, 'scan', 'U101_wrongcode');
  await page.locator('main .verdict-banner[data-kind="refused"]').waitFor();
  assert.equal(await bg(page.locator('main .verdict-banner')), RED);
  assert.equal(await card(page).count(), 0);
  assert.equal(await page.evaluate(() => document.activeElement.id), 'set-api');
  assert.equal(await page.locator('#set-api').inputValue(), 'https://api.');

  // A click dismisses it; back on the scan screen with nothing focused, the big card is shown.
  await page.locator('main .verdict-banner').click();
  await page.locator('main .verdict-banner').waitFor({ state: 'detached' });
  await page.keyboard.press('F1');
  await page.locator('.screen--scan').waitFor();
  await page.evaluate(() => document.activeElement?.blur());
  await mock(page, 'scan', 'U101_7f3a9c');
  await card(page).waitFor();
  assert.equal(await page.locator('.verdict-banner').count(), 0);
  assert.deepEqual(page.errors, []);
  await page.context().close();
});

test('a card still up when staff go to another screen carries on as the banner there', async () => {
  const page = await open();
  await mock(page, 'scan', 'U102_b81d44');
  await card(page).waitFor();
  await page.keyboard.press('F2');
  await page.locator('#manual-search').waitFor();
  await card(page).waitFor({ state: 'detached' });
  const banner = page.locator('main .verdict-banner');
  assert.equal(await banner.getAttribute('data-kind'), 'warn');
  assert.match(await banner.innerText(), /José Pérez Ruiz/);
  assert.match(await banner.innerText(), /Membresía vencida/);
  assert.equal(await page.evaluate(() => document.activeElement.id), 'manual-search');
  await page.context().close();
});

test('the scan screen opens its class list at the current class, also when coming back to it', async () => {
  const page = await open('', { viewport: { width: 1366, height: 560 } });
  const list = page.locator('.side .panel__body').first();
  const atCurrent = () =>
    list.evaluate((slot) => {
      const row = slot.querySelector('.session--in_progress');
      return {
        scrollable: slot.scrollHeight > slot.clientHeight,
        scrollTop: slot.scrollTop,
        offset: Math.round(row.getBoundingClientRect().top - slot.getBoundingClientRect().top),
      };
    });
  await list.locator('.session--in_progress').waitFor();
  await page.waitForFunction(() => document.querySelector('.side .panel__body').scrollTop > 0, null, { timeout: 5000 });
  let at = await atCurrent();
  assert.ok(at.scrollable, 'the list is longer than its panel at this height');
  assert.ok(at.scrollTop > 0 && Math.abs(at.offset) <= 6, `Yoga at the top of the list: ${JSON.stringify(at)}`);
  await page.keyboard.press('F2');
  await page.locator('#manual-search').waitFor();
  await page.keyboard.press('F1');
  await page.locator('.screen--scan').waitFor();
  at = await atCurrent();
  assert.ok(at.scrollTop > 0 && Math.abs(at.offset) <= 6, `again at Yoga after coming back: ${JSON.stringify(at)}`);
  // Spinning (earlier) is still there, above, by scrolling.
  assert.equal(await list.evaluate((slot) => { slot.scrollTop = 0; return slot.querySelector('.session').dataset.session; }), '9001');
  await page.context().close();
});

test('switching the language to English saves it and re-renders at once', async () => {
  const page = await open();
  assert.match(await page.locator('#nav-manual').innerText(), /^Check-in manual/);
  await page.keyboard.press('F6');
  await page.locator('#set-lang').waitFor();
  await page.selectOption('#set-lang', 'en');
  await page.waitForFunction(() => document.documentElement.lang === 'en');
  assert.match(await page.locator('#nav-manual').innerText(), /^Manual check-in/);
  assert.match(await page.locator('#nav-settings').innerText(), /^Settings/);
  assert.match(await page.locator('.screen__title').innerText(), /^Settings$/);
  assert.match(await page.locator('#sync-pill').innerText(), /Online/);
  const saved = await calls(page, 'save_settings');
  assert.equal(saved.length, 1);
  assert.equal(saved[0].settings.lang, 'en');
  assert.equal(saved[0].token, null);
  await shot(page, 'settings-en');
  await page.keyboard.press('F1');
  await mock(page, 'scan', 'U101_7f3a9c');
  await card(page).waitFor();
  assert.match(await card(page).innerText(), /COME IN/);
  assert.match(await card(page).locator('.verdict__reason').innerText(), /^Checked in$/);
  await page.context().close();
});

test('a card shown to the camera again inside the re-scan window says "already read", and checks no one in', async () => {
  const page = await open();
  const before = (await calls(page, 'check_in_code')).length;
  await mock(page, 'emit', 'already-read', { at: '2026-11-28T09:05:00Z' });
  const toast = page.locator('.toast-slot .toast');
  await toast.waitFor();
  assert.match(await toast.innerText(), /Ya leído/);
  assert.equal(await page.locator('.verdict-layer .verdict').count(), 0, 'no card: nothing was checked in');
  assert.equal((await calls(page, 'check_in_code')).length, before);
  await page.context().close();
});

test('offline: the header says when the server last answered, check-ins go on and queue', async () => {
  const page = await open();
  assert.match(await page.locator('#sync-pill').innerText(), /En línea/);
  await mock(page, 'setOnline', false, '2026-11-28T09:42:00Z'); // last contact 10:42 in Madrid
  await page.waitForFunction(() => document.getElementById('sync-pill').textContent.includes('Sin conexión · último contacto 10:42'));
  assert.match(await page.locator('#sync-pill').innerText(), /0 en cola/);
  await mock(page, 'scan', 'U103_c0ffee');
  await card(page).waitFor();
  assert.equal(await card(page).getAttribute('data-kind'), 'ok');
  await page.waitForFunction(() => document.getElementById('sync-pill').textContent.includes('1 en cola'));
  await page.keyboard.press('Escape');
  await page.waitForFunction(() => document.querySelector('.recent__row')?.textContent.includes('En cola'));
  await shot(page, 'offline');
  await mock(page, 'setOnline', true);
  await page.waitForFunction(() => document.getElementById('sync-pill').textContent.includes('En línea'));
  await page.context().close();
});

test('a wrong desk clock: a warning under the header, in the sync panel and on doubtful items', async () => {
  const page = await open();
  assert.equal(await page.locator('.clock-banner').count(), 0, 'no warning while the clocks agree');
  await mock(page, 'setClock', 'desk_behind_10min'); // 3 check-ins flagged
  const banner = page.locator('.clock-banner');
  await banner.waitFor();
  assert.match(await banner.innerText(), /va 10 min por detrás del servidor.*\(3\)/);
  assert.equal(await banner.getAttribute('role'), 'alert');
  await shot(page, 'clock-skew');
  await page.keyboard.press('F3');
  const dialog = page.locator('dialog.drawer');
  await dialog.locator('.parked__item').first().waitFor();
  assert.match(await dialog.locator('dd[data-clock]').innerText(), /10 min por detrás/);
  assert.equal(await dialog.locator('[data-event="ev-p1"] [data-clock-flag="skew"]').count(), 1);
  assert.equal(await dialog.locator('[data-event="ev-p2"] [data-clock-flag]').count(), 0);
  await page.keyboard.press('Escape');
  await mock(page, 'setClock', 'desk_went_back_1h');
  await page.waitForFunction(() => /retrocedió 1 h/.test(document.querySelector('.clock-banner')?.textContent ?? ''));
  await mock(page, 'setClock', 'ok');
  await page.waitForFunction(() => !document.querySelector('.clock-banner'));
  await page.context().close();
});

test('sync panel (F3): parked items with reasons, retry, dismiss needs a note', async () => {
  const page = await open();
  await page.keyboard.press('F3');
  const dialog = page.locator('dialog.drawer');
  await dialog.locator('.parked__item').first().waitFor();
  assert.equal(await dialog.locator('.parked__item').count(), 2);
  assert.match(await dialog.innerText(), /no tenía reserva: GymAPI ya no puede registrarlo/);
  assert.equal(await dialog.locator('[data-event="ev-p2"][data-park-code="class_started_unbooked"]').count(), 1);
  assert.match(await dialog.locator('[data-event="ev-p2"]').innerText(), /Spinning de las \d/, 'named by class and time');
  await shot(page, 'sync-panel');
  await page.locator('#retry-ev-p1').click();
  await page.waitForFunction(() => document.querySelectorAll('.parked__item').length === 1);
  assert.deepEqual(await calls(page, 'retry_parked'), [{ event_id: 'ev-p1' }]);
  await page.locator('#dismiss-ev-p2').click();
  assert.equal(await page.evaluate(() => document.activeElement.id), 'note-ev-p2');
  await page.keyboard.press('Enter');
  await dialog.locator('.parked__form .error').waitFor();
  assert.deepEqual(await calls(page, 'dismiss_parked'), []);
  await page.keyboard.type('Socio dado de baja, revisado con el gerente', { delay: 50 });
  await page.keyboard.press('Enter');
  await page.waitForFunction(() => document.querySelectorAll('.parked__item').length === 0);
  assert.deepEqual(await calls(page, 'dismiss_parked'), [
    { event_id: 'ev-p2', note: 'Socio dado de baja, revisado con el gerente' },
  ]);
  await page.waitForFunction(() => document.getElementById('sync-pill').textContent.includes('0 retenidos'));
  await page.keyboard.press('Escape');
  await page.waitForFunction(() => !document.querySelector('dialog.drawer').open);
  await page.context().close();
});

test('a replica download shows a progress bar: exact, the last pull\'s count, or no count yet', async () => {
  const page = await open();
  const bar = page.locator('.pullbar__track[role="progressbar"]');
  const label = page.locator('.pullbar__label');
  await mock(page, 'setPull', 12000, 20000, 'members');
  await bar.waitFor();
  assert.equal(await bar.getAttribute('aria-valuenow'), '12000');
  assert.equal(await bar.getAttribute('aria-valuemax'), '20000');
  assert.equal(await label.innerText(), 'Descargando datos del gimnasio: socios, 12.000 de 20.000');
  await mock(page, 'setPull', 1200, 20000, 'members', true);
  await page.waitForFunction(() => document.querySelector('.pullbar__label').textContent.includes('unos'));
  assert.equal(await label.innerText(), 'Descargando datos del gimnasio: socios, 1200 de unos 20.000');
  assert.equal(await bar.getAttribute('aria-valuenow'), '1200');
  // A new desk's first pull: GymAPI gives no count, so the bar claims none.
  await mock(page, 'setPull', 2200, null, 'members');
  await page.waitForFunction(() => document.querySelector('.pullbar__label').textContent.includes('hasta ahora'));
  assert.equal(await label.innerText(), 'Descargando datos del gimnasio: socios, 2200 hasta ahora');
  assert.equal(await bar.getAttribute('aria-valuenow'), null);
  assert.equal(await page.locator('.pullbar__fill--unknown').count(), 1);
  await mock(page, 'setPull', null);
  await bar.waitFor({ state: 'detached' });
  await page.context().close();
});

test('a camera error says what to do next and leads to the camera settings', async () => {
  const page = await open('camera_error=camera_not_found');
  const box = page.locator('.camera-error');
  await box.waitFor();
  assert.match(await box.innerText(), /No se encuentra la cámara/);
  assert.match(await box.innerText(), /elíjala en Ajustes/);
  await shot(page, 'camera-error');
  await box.locator('button').click();
  await page.locator('#set-camera').waitFor();
  const page2 = await open('frames=0');
  await mock(page2, 'cameraError', 'camera_busy');
  await page2.locator('.camera-error').waitFor();
  assert.match(await page2.locator('.camera-error').innerText(), /Otra aplicación está usando la cámara/);
  await page.context().close();
  await page2.context().close();
});

test('settings: a desk with no system keyring says so under the token field, in both languages', async () => {
  for (const [lang, text] of [
    ['es', /no tiene llavero del sistema.*FRONTDESK_TOKEN/],
    ['en', /has no system keyring.*FRONTDESK_TOKEN/],
  ]) {
    const page = await open(`token=keyring_unavailable&lang=${lang}`);
    await page.keyboard.press('F6');
    const help = page.locator('#set-token-help');
    await help.waitFor();
    assert.match(await help.innerText(), text);
    assert.equal(await help.getAttribute('data-token'), 'keyring_unavailable');
    assert.equal(await help.getAttribute('class'), 'token-missing');
    if (lang === 'es') await shot(page, 'settings-no-keyring');
    await page.context().close();
  }
  const env = await open('token=environment');
  await env.keyboard.press('F6');
  await env.locator('#set-token-help').waitFor();
  assert.match(await env.locator('#set-token-help').innerText(), /viene de FRONTDESK_TOKEN/);
  assert.equal(await env.locator('#set-token').getAttribute('placeholder'), '••••••••');
  await env.context().close();
});

test('settings: token is only sent when typed; "token stored" afterwards', async () => {
  const page = await open();
  await page.keyboard.press('F6');
  await page.locator('#set-token').waitFor();
  assert.match(await page.locator('#set-token-help').innerText(), /No hay token guardado/);
  await page.fill('#set-api', 'https://api.example.com');
  await page.fill('#set-gym', '42');
  await page.fill('#set-token', 's3cret');
  await page.selectOption('#set-alert-membership_inactive', 'block');
  await page.click('#set-save');
  await page.waitForFunction(() => document.getElementById('set-token-help').textContent.includes('Token guardado'));
  await page.click('#set-save');
  await page.waitForFunction(() => window.__frontDeskMock.calls.filter((c) => c.cmd === 'save_settings').length === 2);
  const saved = await calls(page, 'save_settings');
  assert.equal(saved[0].token, 's3cret');
  assert.equal(saved[0].settings.api_url, 'https://api.example.com');
  assert.equal(saved[0].settings.gym_id, 42);
  assert.equal(saved[0].settings.alerts.actions.membership_inactive, 'block');
  assert.ok(!('block_inactive_membership' in saved[0].settings), 'the old setting is gone');
  assert.equal(saved[1].token, null);
  assert.equal(await page.locator('#set-token').inputValue(), '');
  await page.fill('#set-api', 'not a url');
  await page.click('#set-save');
  await page.locator('#set-api-err').waitFor();
  assert.equal((await calls(page, 'save_settings')).length, 2);
  await shot(page, 'settings');
  await page.context().close();
});

test('settings: the "already inside" field keeps the core\'s limit and is saved', async () => {
  const page = await open();
  await page.keyboard.press('F6');
  const inside = page.locator('#set-inside');
  await inside.waitFor();
  assert.equal(await inside.inputValue(), '0');
  assert.equal(await inside.getAttribute('max'), '240');
  assert.equal(await page.locator('#set-rescan').getAttribute('max'), null);
  await inside.fill('241');
  await page.click('#set-save');
  await page.locator('#set-inside-err').waitFor();
  assert.match(await page.locator('#set-inside-err').innerText(), /entre 0 y 240/);
  assert.equal(await page.locator('#set-inside').getAttribute('aria-describedby'), 'set-inside-err set-inside-help');
  assert.equal(await page.evaluate(() => document.activeElement.id), 'set-inside');
  assert.equal((await calls(page, 'save_settings')).length, 0, 'nothing is saved past the limit');
  await page.locator('#set-inside').fill('45');
  await page.click('#set-save');
  await page.waitForFunction(() => window.__frontDeskMock.calls.some((c) => c.cmd === 'save_settings'));
  const saved = await calls(page, 'save_settings');
  assert.equal(saved[0].settings.already_inside_minutes, 45);
  await page.context().close();
});

test('settings: the log folder is shown and "copy diagnostics" puts the support page on the clipboard', async () => {
  const page = await open();
  await page.context().grantPermissions(['clipboard-read', 'clipboard-write'], { origin: base });
  await page.keyboard.press('F6');
  await page.locator('#set-diagnostics').waitFor();
  assert.match(await page.locator('#set-logdir').innerText(), /Registros en ~\/\.local\/state\/frontdesk\/logs/);
  await page.click('#set-diagnostics');
  await page.waitForFunction(() => document.getElementById('set-diag-msg').textContent.length > 0);
  assert.match(await page.locator('#set-diag-msg').innerText(), /Diagnóstico copiado/);
  const pasted = await page.evaluate(() => navigator.clipboard.readText());
  assert.match(pasted, /^front desk\s+0\.1\.0-mock/);
  assert.match(pasted, /data dir\s+~\/\.local\/share\/frontdesk/);
  assert.deepEqual(await calls(page, 'diagnostics'), [{}]);
  await page.context().close();
});

test('reports: preview in an iframe, export through the save dialog, and a cancelled dialog', async () => {
  const page = await open();
  await page.keyboard.press('F4');
  const frame = page.frameLocator('.report__frame');
  await frame.locator('h1').waitFor();
  assert.match(await frame.locator('h1').innerText(), /Informe de asistencia/);
  // The page names no path: the shell's save dialog chooses it (no path field is left to type in).
  assert.equal(await page.locator('#report-path').count(), 0);
  const day = await page.locator('#report-date').inputValue();
  await page.click('#export-xlsx');
  await page.locator('.report__status .ok').waitFor();
  assert.deepEqual(await calls(page, 'export_report'), [{ date: day, format: 'xlsx' }]);
  assert.equal(await page.locator('.report__status .ok').innerText(), `Guardado en ~/Front Desk/asistencia-${day}.xlsx`);
  await page.fill('#report-date', '2026-11-20');
  await page.waitForFunction(() =>
    window.__frontDeskMock.calls.some((c) => c.cmd === 'report_html' && c.args.date === '2026-11-20'),
  );
  await shot(page, 'reports');
  // The "saved" message follows a change of language (it used to stay in Spanish).
  await page.click('#export-csv');
  await page.waitForFunction(() => document.querySelector('.report__status .ok')?.textContent.includes('2026-11-20'));
  assert.equal(await page.locator('.report__status .ok').innerText(), 'Guardado en ~/Front Desk/asistencia-2026-11-20.csv');
  await page.keyboard.press('F6');
  await page.locator('#set-lang').waitFor();
  await page.selectOption('#set-lang', 'en');
  await page.waitForFunction(() => document.documentElement.lang === 'en');
  await page.keyboard.press('F4');
  await page.locator('.report__status .ok').waitFor();
  assert.equal(await page.locator('.report__status .ok').innerText(), 'Saved to ~/Front Desk/asistencia-2026-11-20.csv');
  await page.context().close();

  // Staff close the dialog: nothing is claimed saved, and the buttons work again.
  const cancel = await open('save=cancel');
  await cancel.keyboard.press('F4');
  await cancel.frameLocator('.report__frame').locator('h1').waitFor();
  await cancel.click('#export-html');
  await cancel.locator('#report-export-cancelled').waitFor();
  assert.equal(await cancel.locator('#report-export-cancelled').innerText(), 'Exportación cancelada: no se guardó ningún archivo.');
  assert.equal(await cancel.locator('.report__status .ok').count(), 0);
  assert.equal(await cancel.locator('#export-html').isEnabled(), true);
  await cancel.context().close();
});

/** Today in the gym's zone (the mock gym's, not the browser's), and `n` days from it, by the page's clock. */
const gymDays = (page, ...offsets) =>
  page.evaluate((offsets) => {
    const today = new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Madrid', year: 'numeric', month: '2-digit', day: '2-digit' })
      .format(new Date());
    return offsets.map((n) => new Date(Date.parse(`${today}T00:00:00Z`) + n * 86_400_000).toISOString().slice(0, 10));
  }, offsets);

test('reports: a period previews both SVG charts, quick periods, a wrong period is refused, a period exports', async () => {
  const page = await open();
  await page.keyboard.press('F4');
  const frame = page.frameLocator('.report__frame');
  await frame.locator('h1').waitFor();
  assert.equal(await page.locator('#report-mode-day').isChecked(), true);
  assert.equal(await frame.locator('svg.chart').count(), 0, 'the day report has no charts');
  const [today, minus6, minus29] = await gymDays(page, 0, -6, -29);

  // Period: the last 30 days ending today in the gym's zone; the iframe shows the range report's two charts.
  await page.check('#report-mode-range');
  await frame.locator('svg.chart--heat').waitFor();
  assert.equal(await page.locator('#report-from').inputValue(), minus29);
  assert.equal(await page.locator('#report-to').inputValue(), today);
  assert.deepEqual((await calls(page, 'report_html')).at(-1), { date: minus29, to: today });
  const charts = await page.locator('.report__frame').evaluate((f) =>
    [...f.contentDocument.querySelectorAll('svg.chart')].map((svg) => ({
      cls: svg.getAttribute('class'),
      width: svg.getBoundingClientRect().width,
      shapes: svg.querySelectorAll('rect').length,
    })),
  );
  assert.deepEqual(charts.map((c) => c.cls), ['chart chart--days', 'chart chart--heat']);
  for (const c of charts) assert.ok(c.width > 100 && c.shapes > 0, `a chart drawn: ${JSON.stringify(c)}`);
  const title = await page.locator('.report__frame').evaluate((f) => f.contentDocument.title);
  assert.ok(title.includes(minus29) && title.includes(today), `the title names both days: ${title}`);
  assert.match(title, /^Informe de asistencia por periodo/);
  await shot(page, 'reports-range');

  // Last 7 days: date = today-6, to = today.
  await page.click('#report-last7');
  await page.waitForFunction((d) => window.__frontDeskMock.calls.some((c) => c.cmd === 'report_html' && c.args.date === d), minus6);
  assert.deepEqual((await calls(page, 'report_html')).at(-1), { date: minus6, to: today });
  assert.equal(await page.locator('#report-from').inputValue(), minus6);
  assert.equal(await page.locator('#report-last7').getAttribute('aria-pressed'), 'true');
  await frame.locator(`b:text-is("${minus6}")`).waitFor();

  // An inverted period: the error in the desk's language, the preview cleared, and no call at all.
  const before = (await page.evaluate(() => window.__frontDeskMock.calls.length));
  const [plus3] = await gymDays(page, 3);
  await page.fill('#report-from', plus3);
  await page.locator('#report-range-error').waitFor();
  assert.match(await page.locator('#report-range-error').innerText(), /^El periodo termina antes de empezar/);
  assert.equal(await page.locator('#report-from').getAttribute('aria-invalid'), 'true');
  await frame.locator('text=Sin vista previa hasta que el periodo sea válido.').waitFor();
  await page.click('#export-csv');
  await page.waitForTimeout(200);
  const after = await page.evaluate(() => window.__frontDeskMock.calls.slice(0).map((c) => c.cmd));
  assert.deepEqual(after.slice(before), [], 'nothing was asked of the core');
  assert.equal(await page.locator('.report__status .ok').count(), 0);
  await shot(page, 'reports-range-inverted');

  // A good period again exports the range, with its `to`, to the core's FROM_TO name.
  await page.click('#report-last30');
  await page.locator('#report-range-error').waitFor({ state: 'detached' });
  await page.click('#export-csv');
  await page.locator('.report__status .ok').waitFor();
  assert.deepEqual(await calls(page, 'export_report'), [{ date: minus29, to: today, format: 'csv' }]);
  assert.equal(
    await page.locator('.report__status .ok').innerText(),
    `Guardado en ~/Front Desk/asistencia-${minus29}_${today}.csv`,
  );

  // The switch is a pair of native radios: the arrow keys move back to the day, asked without `to`.
  await page.focus('#report-mode-range');
  await page.keyboard.press('ArrowLeft');
  await page.locator('#report-date').waitFor();
  assert.equal(await page.locator('#report-mode-day').isChecked(), true);
  await frame.locator('h1:has-text("Informe de asistencia —")').waitFor();
  assert.deepEqual((await calls(page, 'report_html')).at(-1), { date: today });
  assert.deepEqual(page.errors, []);
  await page.context().close();

  // In English: the switch, the quick periods and the core's page are in the desk's language.
  const en = await open('lang=en');
  await en.keyboard.press('F4');
  await en.frameLocator('.report__frame').locator('h1').waitFor();
  assert.equal(await en.locator('label:has(#report-mode-range)').innerText(), 'Period');
  await en.check('#report-mode-range');
  await en.frameLocator('.report__frame').locator('svg.chart--days').waitFor();
  assert.match(await en.frameLocator('.report__frame').locator('h1').innerText(), /^Attendance report for a period/);
  assert.deepEqual(
    await en.locator('.report__quick button').allInnerTexts(),
    ['Last 7 days', 'Last 30 days', 'This month'],
  );
  await en.click('#report-month');
  const [enToday] = await gymDays(en, 0);
  await en.waitForFunction(
    (d) => window.__frontDeskMock.calls.some((c) => c.cmd === 'report_html' && c.args.date === d),
    `${enToday.slice(0, 8)}01`,
  );
  assert.deepEqual((await calls(en, 'report_html')).at(-1), { date: `${enToday.slice(0, 8)}01`, to: enToday });
  await en.click('#export-xlsx');
  await en.locator('.report__status .ok').waitFor();
  assert.equal(await en.locator('.report__status .ok').innerText(), `Saved to ~/Front Desk/attendance-${enToday.slice(0, 8)}01_${enToday}.xlsx`);
  assert.deepEqual(en.errors, []);
  await en.context().close();
});

test('demo camera: held while staff are on another screen, and the demo banner says so', async () => {
  const page = await open();
  const held = page.locator('#demo-camera-held');
  assert.equal(await held.isVisible(), false, 'on the scan screen the demo camera runs');
  await page.keyboard.press('F2');
  await page.locator('#manual-search').waitFor();
  await held.waitFor({ state: 'visible' });
  assert.match(await held.innerText(), /espera mientras usted está en esta pantalla/);
  await page.keyboard.press('F4');
  await page.locator('#export-csv').waitFor();
  assert.equal(await held.isVisible(), true, 'still held on the reports screen');
  await page.keyboard.press('F1');
  await held.waitFor({ state: 'hidden' });
  assert.deepEqual((await calls(page, 'hold_camera_check_ins')).map((a) => a.held), [true, true, false]);
  await page.context().close();
});

// ---- the alert catalogue and desk notes (issue 15) ------------------------------------------

test('a scan with a desk note shows an amber card that stays up until Esc', async () => {
  const page = await open('frames=0', { clock: true });
  await mock(page, 'scan', 'U109_9ab10c'); // Pablo: a desk note, which warns by default
  const c = card(page);
  await c.waitFor();
  assert.equal(await c.getAttribute('data-kind'), 'warn');
  assert.equal(await bg(c), AMBER);
  assert.equal(await c.getAttribute('data-ack'), 'required');
  const noteItem = c.locator('.verdict__warning[data-code="desk_note"]');
  assert.equal(await noteItem.getAttribute('class'), 'verdict__warning verdict__warning--warn');
  assert.equal(await noteItem.innerText(), '📝 Nota de recepción: Firma pendiente del consentimiento: pedírsela hoy');
  assert.equal(await c.locator('.verdict__hint').innerText(), 'Pulse Esc o haga clic para confirmar');
  assert.equal(await c.locator('.verdict__countdown').count(), 0, 'no countdown on a card that waits');
  assert.match(await c.locator('.verdict__meta').innerText(), /· datos de las \d\d:\d\d$/);
  await page.clock.runFor(VERDICT_MS * 3);
  assert.equal(await card(page).count(), 1, `still up ${VERDICT_MS * 3} ms later`);
  assert.equal(await c.getAttribute('data-kind'), 'warn');
  await shot(page, 'scan-desk-note');
  await page.keyboard.press('Escape');
  await c.waitFor({ state: 'detached' });
  assert.equal(await page.locator('.verdict-layer').getAttribute('hidden'), '');
  assert.deepEqual(page.errors, []);
  await page.context().close();
});

test('a scan with stale member data is amber and says since when the data is', async () => {
  const page = await open('frames=0', { clock: true });
  await mock(page, 'scan', 'U110_r05a11'); // Rosa: data pulled 30 hours ago
  const c = card(page);
  await c.waitFor();
  assert.equal(await c.getAttribute('data-kind'), 'warn');
  const stale = c.locator('.verdict__warning[data-code="stale_data"]');
  assert.match(await stale.innerText(), /^⏱ Datos sin actualizar desde \d+ \S+ \d{4} \d\d:\d\d: la membresía podría haber cambiado$/);
  // Not from the scan's day: the meta line gives the date too.
  assert.match(await c.locator('.verdict__meta').innerText(), /· datos del \d+ \S+ \d{4} a las \d\d:\d\d$/);
  await page.clock.runFor(VERDICT_MS * 2);
  assert.equal(await card(page).count(), 1);
  await c.click(); // a click acknowledges it too
  await c.waitFor({ state: 'detached' });
  await page.context().close();
});

test('a birthday scan shows a green card with the birthday note, which clears by itself', async () => {
  const page = await open('frames=0', { clock: true });
  await mock(page, 'scan', 'U108_e1e7a0'); // Elena: her birthday, allowed by default
  const c = card(page);
  await c.waitFor();
  assert.equal(await c.getAttribute('data-kind'), 'ok');
  assert.equal(await bg(c), GREEN);
  assert.equal(await c.getAttribute('data-ack'), null);
  assert.match(await c.innerText(), /ADELANTE/);
  const bday = c.locator('.verdict__warning[data-code="birthday"]');
  assert.equal(await bday.getAttribute('class'), 'verdict__warning verdict__warning--allow');
  assert.equal(await bday.innerText(), '🎂 ¡Hoy es su cumpleaños!');
  assert.equal(await c.locator('.verdict__countdown').count(), 1);
  await shot(page, 'scan-birthday');
  await page.clock.runFor(VERDICT_MS - 100);
  assert.equal(await card(page).count(), 1, 'still up just before its time');
  await page.clock.runFor(200);
  await c.waitFor({ state: 'detached' });
  await page.context().close();
});

test('settings: alert levels and limits are saved and kept; an out-of-range number saves nothing', async () => {
  const page = await open();
  await page.keyboard.press('F6');
  const birthday = page.locator('#set-alert-birthday');
  await birthday.waitFor();
  // One row per alert, in the catalogue's order, at the defaults.
  const rows = await page.locator('select[id^="set-alert-"]').evaluateAll((els) => els.map((e) => [e.id.slice(10), e.value]));
  assert.deepEqual(rows, [
    ['membership_inactive', 'warn'], ['membership_expired', 'warn'], ['membership_expiring', 'allow'],
    ['user_inactive', 'warn'], ['no_stored_code', 'warn'], ['new_member', 'allow'], ['birthday', 'allow'],
    ['desk_note', 'warn'], ['stale_data', 'warn'],
  ]);
  assert.deepEqual(await birthday.locator('option').allInnerTexts(), ['Permitir', 'Avisar', 'Bloquear']);
  assert.equal(await page.locator('#set-alert-stale-hours').inputValue(), '24');
  await page.locator('#set-alerts').screenshot({ path: join(OUT, 'settings-alerts.png') });

  // Out of range: an error in words, nothing saved.
  await page.locator('#set-alert-stale-hours').fill('400');
  await page.click('#set-save');
  await page.locator('#set-alert-stale-hours-err').waitFor();
  assert.equal(await page.locator('#set-alert-stale-hours-err').innerText(), 'Escriba un número de horas entre 1 y 336.');
  assert.equal(await page.evaluate(() => document.activeElement.id), 'set-alert-stale-hours');
  await page.locator('#set-alert-expiring-days').fill('61');
  await page.click('#set-save');
  await page.locator('#set-alert-expiring-days-err').waitFor();
  assert.match(await page.locator('#set-alert-expiring-days-err').innerText(), /entre 0 y 60/);
  assert.equal((await calls(page, 'save_settings')).length, 0, 'nothing is saved out of range');

  await page.locator('#set-alert-expiring-days').fill('7');
  await page.selectOption('#set-alert-birthday', 'warn');
  await page.locator('#set-alert-stale-hours').fill('48');
  await page.click('#set-save');
  await page.waitForFunction(() => document.querySelector('.settings__msg').textContent === 'Ajustes guardados.');
  const saved = await calls(page, 'save_settings');
  assert.equal(saved.length, 1);
  assert.deepEqual(saved[0].settings.alerts, {
    actions: {
      membership_inactive: 'warn', membership_expired: 'warn', membership_expiring: 'allow', user_inactive: 'warn',
      no_stored_code: 'warn', new_member: 'allow', birthday: 'warn', desk_note: 'warn', stale_data: 'warn',
    },
    expiring_within_days: 7, new_member_days: 14, stale_after_hours: 48,
  });

  // Away and back: the saved values are what the screen shows.
  await page.keyboard.press('F1');
  await page.locator('.screen--scan').waitFor();
  await page.keyboard.press('F6');
  await page.locator('#set-alert-birthday').waitFor();
  assert.equal(await page.locator('#set-alert-birthday').inputValue(), 'warn');
  assert.equal(await page.locator('#set-alert-stale-hours').inputValue(), '48');
  assert.equal(await page.locator('#set-alert-desk_note').inputValue(), 'warn');
  assert.deepEqual((await mock(page, 'settings')).alerts.actions.birthday, 'warn');
  assert.equal(await page.locator('#set-alert-stale-hours-err').count(), 0);
  assert.deepEqual(page.errors, []);
  await page.context().close();
});

test('manual screen: desk notes are listed, added and cleared for the member picked', async () => {
  const page = await open();
  await page.keyboard.press('F2');
  await page.keyboard.type('Maria', { delay: 90 });
  await page.locator('#hit-101').waitFor();
  await page.keyboard.press('Enter');
  const notes = page.locator('.manual__detail .notes');
  await notes.locator('.notes__none').waitFor();
  assert.equal(await notes.locator('.notes__local').innerText(), 'Las notas se quedan en esta recepción: GymAPI no tiene dónde guardarlas.');
  assert.equal(await page.locator('#note-text').getAttribute('maxlength'), '280');

  // An empty note is refused in words, without a call.
  await page.click('#note-add');
  await page.locator('#note-error').waitFor();
  assert.equal(await page.locator('#note-error').innerText(), 'Escriba una nota de una sola línea, de 1 a 280 caracteres.');
  assert.deepEqual(await calls(page, 'add_desk_note'), []);

  await page.locator('#note-text').focus();
  await page.keyboard.type('Trae la tarjeta nueva', { delay: 50 }); // human speed
  await page.keyboard.press('Enter');
  await notes.locator('.note').first().waitFor();
  assert.deepEqual(await calls(page, 'add_desk_note'), [{ member_id: 101, text: 'Trae la tarjeta nueva' }]);
  assert.equal(await notes.locator('.note__text').innerText(), '📝 Trae la tarjeta nueva');
  assert.match(await notes.locator('.note__meta').innerText(), /^Escrita el \d+ \S+ \d{4} a las \d\d:\d\d$/);
  assert.equal(await page.locator('#note-text').inputValue(), '', 'the field is emptied');
  assert.equal(await page.locator('#note-error').count(), 0);
  await shot(page, 'manual-notes');

  await notes.locator('.note__clear').click();
  await notes.locator('.notes__none').waitFor();
  const cleared = await calls(page, 'clear_desk_note');
  assert.equal(cleared.length, 1);
  assert.equal(typeof cleared[0].note_id, 'number');
  assert.equal(await notes.locator('.note').count(), 0);
  // The list was read again after each change, for her.
  assert.deepEqual(await calls(page, 'member_notes'), [{ member_id: 101 }, { member_id: 101 }, { member_id: 101 }]);

  // Someone else's open note is theirs: Pablo's canned note.
  await page.locator('#manual-search').fill('Pablo');
  await page.locator('#hit-109').click();
  await notes.locator('.note').first().waitFor();
  assert.match(await notes.locator('.note__text').innerText(), /Firma pendiente del consentimiento/);
  assert.deepEqual(page.errors, []);
  await page.context().close();
});

test('a desk note set to block: a red alert_blocked card, and staff override it with a reason', async () => {
  const page = await open();
  await page.keyboard.press('F6');
  await page.locator('#set-alert-desk_note').waitFor();
  await page.selectOption('#set-alert-desk_note', 'block');
  await page.click('#set-save');
  await page.waitForFunction(() => window.__frontDeskMock.calls.some((c) => c.cmd === 'save_settings'));

  // A scan: the red card lists the note as the reason.
  await page.keyboard.press('F1');
  await page.locator('.screen--scan').waitFor();
  await page.evaluate(() => document.activeElement?.blur());
  await mock(page, 'scan', 'U109_9ab10c');
  const c = card(page);
  await c.waitFor();
  assert.equal(await c.getAttribute('data-kind'), 'refused');
  assert.equal(await c.getAttribute('data-code'), 'alert_blocked');
  assert.equal(await bg(c), RED);
  assert.equal(await c.locator('.verdict__reason').innerText(), 'Acceso bloqueado por una alerta del gimnasio');
  assert.match(await c.locator('.verdict__warning--block[data-code="desk_note"]').innerText(), /Firma pendiente del consentimiento/);
  await shot(page, 'scan-alert-blocked');
  await page.keyboard.press('Escape');
  await c.waitFor({ state: 'detached' });

  // At the manual screen the same refusal may be overridden with a reason.
  await page.keyboard.press('F2');
  await page.keyboard.type('Pablo', { delay: 90 });
  await page.locator('#hit-109').waitFor();
  await page.keyboard.press('Enter');
  await page.locator('#manual-checkin').click();
  const inline = page.locator('.manual__detail .verdict');
  await inline.waitFor();
  assert.equal(await inline.getAttribute('data-code'), 'alert_blocked');
  assert.equal(await inline.getAttribute('data-kind'), 'refused');
  await page.locator('#manual-override').click();
  await page.locator('#manual-reason').waitFor();
  await page.keyboard.type('Firmará al salir', { delay: 50 });
  await page.keyboard.press('Enter');
  await page.locator('.manual__detail .verdict[data-kind="warn"]').waitFor();
  assert.match(
    await page.locator('.manual__detail .verdict').innerText(),
    /Autorizado por el personal: Acceso bloqueado por una alerta del gimnasio\. Motivo: Firmará al salir/,
  );
  const sent = await calls(page, 'check_in_member');
  assert.deepEqual(sent, [
    { member_id: 109, session_id: null, override_reason: null, approval_pin: null },
    { member_id: 109, session_id: 9002, override_reason: 'Firmará al salir', approval_pin: null },
  ]);
  await shot(page, 'manual-alert-blocked-override');
  assert.deepEqual(page.errors, []);
  await page.context().close();
});

// ---- the self check-in kiosk (issue 15) -----------------------------------------------------

/** The commands a kiosk must never call (the core refuses them with `forbidden`). */
const STAFF_COMMANDS = [
  'check_in_code', 'check_in_member', 'search_members', 'recent_check_ins', 'outbox_items', 'retry_parked',
  'dismiss_parked', 'add_desk_note', 'clear_desk_note', 'member_notes', 'get_settings', 'save_settings',
  'report_html', 'export_report', 'restore_backup', 'diagnostics', 'enter_kiosk', 'set_kiosk_pin', 'kiosk_refusals',
];
const BLUE = 'rgb(29, 79, 145)';

/** Opens the page as a kiosk: it waits for the kiosk screen, not the staff header. */
async function openKiosk(query = 'kiosk=1') {
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 }, locale: 'es-ES', timezoneId: 'America/New_York' });
  const page = await context.newPage();
  const errors = [];
  page.on('pageerror', (e) => errors.push(e));
  await page.goto(`${base}/index.html?${query}`);
  await page.locator('#kiosk').waitFor();
  page.errors = errors;
  return page;
}
const allCalls = (page) => page.evaluate(() => window.__frontDeskMock.calls.map((c) => c.cmd));
/** Whether a synthetic `type` event on `selector` was prevented by the page. */
const prevented = (page, selector, type, init) =>
  page.evaluate(([sel, ty, i]) => {
    const e = ty === 'contextmenu'
      ? new MouseEvent(ty, { bubbles: true, cancelable: true, button: 2 })
      : new KeyboardEvent(ty, { bubbles: true, cancelable: true, ...i });
    document.querySelector(sel).dispatchEvent(e);
    return e.defaultPrevented;
  }, [selector, type, init ?? {}]);

test('kiosk: only the prompt and the preview; F-keys and right-click do nothing; scans show the first name, class and message; no staff command', async () => {
  const page = await openKiosk();
  assert.equal(await page.locator('#kiosk-prompt').innerText(), 'Escanea tu código');
  await page.locator('.kiosk__stage.has-frame').waitFor();
  await page.waitForFunction(() => Number(document.querySelector('#kiosk-preview')?.dataset.frames ?? 0) > 0);
  // No navigation, no sync pill, no lists, no search.
  assert.equal(await page.locator('header, nav, #sync-pill, .recent, .sessions, #manual-search, .footer').count(), 0);
  assert.equal(await page.locator('#kiosk-staff').innerText(), 'Personal');
  assert.equal(await page.evaluate(() => getComputedStyle(document.body).userSelect), 'none');

  // F-keys: the staff screens do not open, and the keys are swallowed.
  for (const k of ['F1', 'F2', 'F3', 'F4', 'F6']) await page.keyboard.press(k);
  assert.equal(await page.locator('.screen--manual, .screen--settings, .screen--reports, dialog[open]').count(), 0);
  assert.equal(await page.locator('#kiosk').count(), 1);
  assert.equal(await prevented(page, '#kiosk-prompt', 'keydown', { key: 'F2' }), true);
  assert.equal(await prevented(page, '#kiosk-prompt', 'keydown', { key: 'r', ctrlKey: true }), true);
  assert.equal(await prevented(page, '#kiosk-prompt', 'keydown', { key: '7' }), false);
  // Right-click: no context menu.
  assert.equal(await prevented(page, '#kiosk-prompt', 'contextmenu'), true);
  await page.click('#kiosk-prompt', { button: 'right' });

  // A camera scan of a known member: green, first name, class and time, the message.
  const v = await mock(page, 'kioskScan', 'U101_7f3a9c');
  const c = page.locator('#kiosk-card');
  await c.waitFor();
  assert.equal(await c.getAttribute('data-kind'), 'ok');
  assert.equal(await bg(c), GREEN);
  assert.equal(await c.locator('.kiosk-card__hello').innerText(), '¡Hola, María!');
  assert.match(await c.locator('.kiosk-card__class').innerText(), /^Yoga · \d{2}:\d{2}$/);
  assert.equal(await c.locator('.kiosk-card__message').innerText(), 'Check-in hecho. ¡Buena clase!');
  assert.ok(!(await page.locator('body').innerText()).includes('López'), 'only the first name');
  await page.waitForFunction((id) => window.__frontDeskMock.calls.some((x) => x.cmd === 'verdict_painted' && x.args.paint_id === id), v.paint_id);
  await shot(page, 'kiosk-welcome');

  // An inactive membership: red, and the member is told to see reception and why.
  await mock(page, 'kioskScan', 'U104_aa11bb');
  await page.locator('#kiosk-card[data-kind="refused"]').waitFor();
  assert.equal(await bg(page.locator('#kiosk-card')), RED);
  assert.equal(await page.locator('#kiosk-card .kiosk-card__hello').innerText(), '¡Hola, Andrés!');
  assert.equal(await page.locator('#kiosk-card .kiosk-card__message').innerText(), 'Tu membresía no está activa. Pasa por recepción, por favor.');
  assert.ok(!(await page.locator('body').innerText()).includes('Núñez'), 'only the first name');
  await shot(page, 'kiosk-refused');

  // A USB scanner's burst goes through kiosk_check_in_code: Sofía is already in (calm blue).
  await scanner(page, 'U107_s0f1a');
  await page.locator('#kiosk-card[data-kind="again"]').waitFor();
  assert.equal(await bg(page.locator('#kiosk-card')), BLUE);
  assert.deepEqual(await calls(page, 'kiosk_check_in_code'), [{ code: 'U107_s0f1a' }]);

  const cmds = await allCalls(page);
  assert.ok(cmds.includes('window_ready') && cmds.includes('watch_preview'));
  assert.deepEqual(cmds.filter((x) => STAFF_COMMANDS.includes(x)), [], 'no staff command was called');
  assert.deepEqual(page.errors, []);
  await page.context().close();
});

test('kiosk: a wrong PIN says so, then 2468 brings the staff desk back', async () => {
  const page = await openKiosk();
  await page.click('#kiosk-staff');
  const input = page.locator('#kiosk-pin-input');
  await input.waitFor();
  assert.equal(await input.getAttribute('type'), 'password');
  await page.keyboard.type('1111', { delay: 90 });
  await page.click('#kiosk-pin-ok');
  const err = page.locator('#kiosk-pin-error[data-code="unauthorized"]');
  await err.waitFor();
  assert.equal(await err.innerText(), 'PIN incorrecto.');
  assert.equal(await input.inputValue(), '');
  assert.equal(await page.locator('#kiosk').count(), 1, 'still a kiosk');
  await shot(page, 'kiosk-pin-wrong');
  // Esc closes the pad (and nothing else); the staff button opens it again.
  await page.keyboard.press('Escape');
  await page.locator('#kiosk-pin').waitFor({ state: 'detached' });
  await page.click('#kiosk-staff');
  for (const d of '2468') await page.click(`.kiosk-pad__key[data-digit="${d}"]`);
  await page.click('#kiosk-pin-ok');
  // The page reloads into the staff desk.
  await page.locator('#sync-pill').waitFor();
  assert.equal(await page.locator('#kiosk').count(), 0);
  assert.ok(await page.evaluate(() => window.__frontDeskMock.calls.some((c) => c.cmd === 'get_settings')));
  await page.keyboard.press('F2');
  await page.locator('.screen--manual').waitFor();
  assert.equal(await page.evaluate(() => document.documentElement.classList.contains('kiosk-mode')), false);
  assert.deepEqual(page.errors, []);
  await page.context().close();
});

test('kiosk: five wrong PINs lock the pad for a minute', async () => {
  const page = await openKiosk();
  await page.click('#kiosk-staff');
  for (let i = 0; i < 5; i++) {
    for (const d of '9999') await page.click(`.kiosk-pad__key[data-digit="${d}"]`);
    await page.click('#kiosk-pin-ok');
    await page.waitForFunction((n) => window.__frontDeskMock.calls.filter((c) => c.cmd === 'leave_kiosk').length === n, i + 1);
  }
  const err = page.locator('#kiosk-pin-error[data-code="rate_limited"]');
  await err.waitFor();
  assert.match(await err.innerText(), /^Bloqueado un minuto/);
  // Even the right PIN is refused while locked.
  for (const d of '2468') await page.click(`.kiosk-pad__key[data-digit="${d}"]`);
  await page.click('#kiosk-pin-ok');
  await page.waitForFunction(() => window.__frontDeskMock.calls.filter((c) => c.cmd === 'leave_kiosk').length === 6);
  assert.equal(await page.locator('#kiosk').count(), 1);
  assert.deepEqual(page.errors, []);
  await page.context().close();
});

test('kiosk from Settings: set the PIN, start kiosk mode, the page becomes the kiosk', async () => {
  const page = await open();
  await page.keyboard.press('F6');
  const start = page.locator('#set-kiosk-start');
  await start.waitFor();
  assert.equal(await start.isDisabled(), true, 'no PIN yet');
  assert.match(await page.locator('#set-kiosk-start-help').innerText(), /Guarde primero un PIN/);
  // The refusals staff should follow up.
  await page.locator('#set-kiosk-refusals li').first().waitFor();
  const rows = page.locator('#set-kiosk-refusals li');
  assert.equal(await rows.count(), 2);
  assert.equal(await rows.nth(0).locator('.kiosk-refusal__name').innerText(), 'Andrés Núñez');
  assert.match(await rows.nth(0).locator('.kiosk-refusal__why').innerText(), /Membresía no activa/);
  assert.equal(await rows.nth(1).locator('.kiosk-refusal__name').innerText(), 'Desconocido');
  // Two PINs that differ are not sent.
  await page.fill('#set-kiosk-pin', '1357');
  await page.fill('#set-kiosk-pin2', '1358');
  await page.click('#set-kiosk-pin-save');
  await page.locator('#set-kiosk-pin-err').waitFor();
  assert.deepEqual(await calls(page, 'set_kiosk_pin'), []);
  await page.fill('#set-kiosk-pin2', '1357');
  await page.click('#set-kiosk-pin-save');
  await page.waitForFunction(() => !document.querySelector('#set-kiosk-start')?.disabled);
  assert.deepEqual(await calls(page, 'set_kiosk_pin'), [{ pin: '1357' }]);
  await shot(page, 'settings-kiosk');
  await start.click();
  await page.locator('#kiosk').waitFor();
  assert.equal(await mock(page, 'kiosk'), true);
  assert.equal(await page.locator('header, nav, #sync-pill, .screen--settings').count(), 0);
  assert.equal(await page.locator('#kiosk-prompt').innerText(), 'Escanea tu código');
  // From here on no staff command: a scan and a minute of list refreshes call none.
  const before = (await allCalls(page)).length;
  await mock(page, 'kioskScan', 'U101_7f3a9c');
  await page.locator('#kiosk-card[data-kind="ok"]').waitFor();
  await page.keyboard.press('F6');
  assert.equal(await page.locator('.screen--settings').count(), 0);
  const after = (await allCalls(page)).slice(before);
  assert.deepEqual(after.filter((x) => STAFF_COMMANDS.includes(x)), []);
  // The preview runs in the kiosk (it was held while staff were on Settings).
  await page.waitForFunction(() => Number(document.querySelector('#kiosk-preview')?.dataset.frames ?? 0) > 0);
  // The new PIN leaves it.
  await page.click('#kiosk-staff');
  await page.locator('#kiosk-pin-input').waitFor();
  await page.keyboard.type('1357', { delay: 90 });
  await page.keyboard.press('Enter');
  await page.locator('#sync-pill').waitFor();
  assert.equal(await page.locator('#kiosk').count(), 0);
  assert.deepEqual(page.errors, []);
  await page.context().close();
});

// ---- staff profiles, the shift and the idle lock (issue 15) ---------------------------------

/** F7, the person's digit, the PIN at human speed, Enter (the sign-in dialog's two keystrokes plus the PIN). */
async function signIn(page, digit, pin) {
  await page.keyboard.press('F7');
  await page.locator('#signin .staff-pick__btn').first().waitFor();
  await page.keyboard.press(digit);
  await page.waitForFunction(() => document.activeElement?.id === 'signin-pin');
  await page.keyboard.type(pin, { delay: 90 });
  await page.keyboard.press('Enter');
}
const pillText = (page) => page.locator('#staff-pill').innerText();

test('staff: a desk with profiles starts locked; F2 asks who is on shift; a digit and the PIN sign Ana in; F8 locks', async () => {
  const page = await open('staff=1');
  const pill = page.locator('#staff-pill');
  await pill.waitFor();
  assert.equal(await pill.getAttribute('data-locked'), 'true');
  // At this width the pill shows "Bloqueado" and its label says the rest (wider, it shows it all).
  assert.equal(await pillText(page), 'Bloqueado');
  assert.equal(await pill.textContent(), 'Bloqueado · F7 para entrar');
  assert.equal(await pill.getAttribute('aria-label'), 'Mostrador bloqueado: solo se escanea. F7 para entrar');
  assert.match(await page.locator('.footer').innerText(), /F7 Turno · F8 Bloquear/);
  assert.equal(await page.locator('#staff-lock').count(), 0, 'nothing to lock');
  // Scanning works on a locked desk.
  await mock(page, 'scan', 'U101_7f3a9c');
  await card(page).waitFor();
  await page.keyboard.press('Escape');
  await card(page).waitFor({ state: 'detached' });

  // F2: the sign-in dialog first, not the manual screen; the staff as the core lists them (by name).
  await page.keyboard.press('F2');
  const dialog = page.locator('#signin');
  await dialog.locator('.staff-pick__btn').first().waitFor();
  assert.equal(await page.locator('.screen--manual').count(), 0);
  assert.deepEqual(await dialog.locator('.staff-pick__name').allInnerTexts(), ['Ana Pérez', 'Luis Gómez', 'Zoe Ruiz']);
  assert.deepEqual(await dialog.locator('.staff-pick__key').allInnerTexts(), ['1', '2', '3']);
  await shot(page, 'staff-sign-in');
  // "3" picks Zoe; Ana's PIN is not Zoe's: said by its code, the field emptied, nothing opens.
  await page.keyboard.press('3');
  await page.waitForFunction(() => document.activeElement?.id === 'signin-pin');
  assert.equal(await dialog.locator('label[for="signin-pin"]').innerText(), 'PIN de Zoe Ruiz');
  assert.equal(await page.locator('#signin-pin').getAttribute('type'), 'password');
  assert.equal(await page.locator('#signin-pin').getAttribute('inputmode'), 'numeric');
  await page.keyboard.type('3333', { delay: 90 });
  await page.keyboard.press('Enter');
  const err = page.locator('#signin-error[data-code="unauthorized"]');
  await err.waitFor();
  assert.equal(await err.innerText(), 'PIN incorrecto.');
  assert.equal(await page.locator('#signin-pin').inputValue(), '');
  assert.equal(await pill.getAttribute('data-locked'), 'true');
  // Esc closes the dialog and nothing else.
  await page.keyboard.press('Escape');
  await dialog.waitFor({ state: 'detached' });
  assert.equal(await page.locator('.screen--scan').count(), 1);

  // F2 again, "1" (Ana), her PIN, Enter: signed in, and on to the manual screen.
  await page.keyboard.press('F2');
  await page.locator('#signin .staff-pick__btn').first().waitFor();
  await page.keyboard.press('1');
  await page.waitForFunction(() => document.activeElement?.id === 'signin-pin');
  await page.keyboard.type('3333', { delay: 90 });
  await page.keyboard.press('Enter');
  await page.locator('.screen--manual').waitFor();
  assert.equal(await page.locator('#signin').count(), 0);
  assert.equal(await pill.getAttribute('data-locked'), 'false');
  assert.equal(await pill.locator('.staffpill__name').innerText(), 'Ana Pérez');
  assert.equal(await pill.locator('.staffpill__role').innerText(), 'Recepción');
  assert.deepEqual(await calls(page, 'staff_sign_in'), [{ staff_id: 1, pin: '3333' }, { staff_id: 3, pin: '3333' }]);
  await shot(page, 'staff-on-shift');

  // F8 locks: back to the scan screen, the pill says so, and F4 asks for a PIN again.
  await page.keyboard.press('F8');
  await page.locator('#staff-pill[data-locked="true"]').waitFor();
  await page.locator('.screen--scan').waitFor();
  assert.equal((await calls(page, 'lock_desk')).length, 1);
  await page.keyboard.press('F4');
  await page.locator('#signin').waitFor();
  assert.equal(await page.locator('.screen--reports').count(), 0);
  await page.keyboard.press('Escape');
  // The idle lock (the core locked it meanwhile): the next staff command opens the dialog.
  await signIn(page, '1', '3333');
  await page.locator('#staff-pill[data-locked="false"]').waitFor();
  await page.keyboard.press('F2');
  await page.locator('.screen--manual').waitFor();
  await mock(page, 'idle');
  await page.keyboard.type('Lopez', { delay: 90 });
  await page.locator('#signin').waitFor();
  await page.locator('#staff-pill[data-locked="true"]').waitFor();
  await page.locator('.screen--scan').waitFor();
  assert.deepEqual(page.errors, []);
  await page.context().close();
});

test('staff: an override needs a supervisor or admin PIN: Ana\'s own is refused, Luis\'s lets it through and is recorded', async () => {
  const page = await open('staff=1');
  await page.locator('#staff-pill').waitFor();
  await signIn(page, '1', '3333');
  await page.locator('#staff-pill[data-locked="false"]').waitFor();
  await page.keyboard.press('F2');
  await page.locator('#manual-search').waitFor();
  await page.keyboard.type('Lopez', { delay: 90 });
  await page.locator('#hit-101').click();
  await page.selectOption('#manual-session', '9004'); // Boxeo, cancelled
  await page.click('#manual-checkin');
  await page.locator('.manual__detail .verdict[data-kind="refused"]').waitFor();
  await page.click('#manual-override');
  await page.fill('#manual-reason', 'Clase trasladada a la sala 2');
  const pin = page.locator('#manual-approval-pin');
  await pin.waitFor();
  assert.equal(await page.locator('label[for="manual-approval-pin"]').innerText(), 'PIN de un supervisor o administrador');
  assert.equal(await pin.getAttribute('type'), 'password');
  // No PIN: the form says so and sends nothing.
  await page.click('#manual-confirm');
  await page.locator('#manual-approval-error').waitFor();
  assert.equal((await calls(page, 'check_in_member')).length, 1);
  // Ana's own PIN (reception may not approve): refused by the core, said in the form.
  await pin.fill('3333');
  await page.click('#manual-confirm');
  await page.locator('#manual-approval-error[data-code="unauthorized"]').waitFor();
  assert.match(await page.locator('#manual-approval-error').innerText(), /no puede autorizar/);
  assert.equal(await page.locator('.manual__detail .verdict').getAttribute('data-kind'), 'refused');
  assert.equal(await page.locator('#manual-reason').inputValue(), 'Clase trasladada a la sala 2', 'the reason stays');
  // Luis's PIN (supervisor): the override goes through.
  await pin.fill('2222');
  await page.click('#manual-confirm');
  await page.locator('.manual__detail .verdict[data-kind="warn"]').waitFor();
  const sent = await calls(page, 'check_in_member');
  assert.deepEqual(sent.slice(1), [
    { member_id: 101, session_id: 9004, override_reason: 'Clase trasladada a la sala 2', approval_pin: '3333' },
    { member_id: 101, session_id: 9004, override_reason: 'Clase trasladada a la sala 2', approval_pin: '2222' },
  ]);
  await shot(page, 'staff-override-approved');
  // The latest check-ins say who entered it and who approved it.
  await page.keyboard.press('F1');
  const row = page.locator('.recent__row').first();
  await page.waitForFunction(() => document.querySelector('.recent__row')?.textContent.includes('autorizó'));
  assert.match(await row.innerText(), /María López García/);
  assert.equal(await row.locator('.recent__staff').innerText(), 'por Ana Pérez');
  assert.equal(await row.locator('.recent__approved').innerText(), 'autorizó Luis Gómez');
  assert.deepEqual(page.errors, []);
  await page.context().close();
});

test('staff: Settings asks an admin PIN of Ana; with Zoe\'s the staff section adds and removes a profile; leaving and coming back asks again', async () => {
  const page = await open('staff=1');
  await page.locator('#staff-pill').waitFor();
  await signIn(page, '1', '3333');
  await page.locator('#staff-pill[data-locked="false"]').waitFor();
  await page.keyboard.press('F6');
  const prompt = page.locator('#admin-pin');
  await prompt.waitFor();
  assert.equal(await page.locator('.screen--settings').count(), 0);
  await page.waitForFunction(() => document.activeElement?.id === 'admin-pin-pin');
  // Ana's own PIN is not an admin's.
  await page.keyboard.type('3333', { delay: 90 });
  await page.keyboard.press('Enter');
  await page.locator('#admin-pin-error[data-code="unauthorized"]').waitFor();
  assert.equal(await page.locator('.screen--settings').count(), 0);
  await page.keyboard.type('1111', { delay: 90 });
  await page.keyboard.press('Enter');
  await page.locator('.screen--settings').waitFor();
  const staff = page.locator('#set-staff-list');
  await staff.locator('.staff-row').first().waitFor();
  assert.deepEqual(await staff.locator('.staff-row__name').allInnerTexts(), ['Ana Pérez', 'Luis Gómez', 'Zoe Ruiz']);
  assert.ok((await staff.locator('.staff-row[data-staff-id="3"]').innerText()).includes('en turno'));

  // Add a profile: two PINs that differ are not sent; Zoe's PIN is refused by the core.
  await page.fill('#set-staff-name', 'Marta Díaz');
  await page.selectOption('#set-staff-role', 'supervisor');
  await page.fill('#set-staff-pin', '4444');
  await page.fill('#set-staff-pin2', '4445');
  await page.click('#set-staff-add-save');
  await page.locator('#set-staff-add-error').waitFor();
  assert.deepEqual(await calls(page, 'add_staff'), []);
  await page.fill('#set-staff-pin', '1111');
  await page.fill('#set-staff-pin2', '1111');
  await page.click('#set-staff-add-save');
  await page.waitForFunction(() => document.querySelector('#set-staff-add-error')?.textContent.includes('PIN'));
  assert.equal((await calls(page, 'add_staff')).length, 1);
  await page.fill('#set-staff-pin', '4444');
  await page.fill('#set-staff-pin2', '4444');
  await page.click('#set-staff-add-save');
  await page.locator('#set-staff-list .staff-row[data-staff-id="4"]').waitFor();
  assert.deepEqual((await calls(page, 'add_staff')).at(-1), { name: 'Marta Díaz', role: 'supervisor', pin: '4444' });
  assert.equal(await page.locator('#set-staff-msg').innerText(), 'Perfil de Marta Díaz añadido.');
  await shot(page, 'staff-settings');

  // Remove her, after a confirmation.
  await page.click('#set-staff-remove-4');
  await page.locator('#set-staff-remove-yes-4').click();
  await page.locator('#set-staff-list .staff-row[data-staff-id="4"]').waitFor({ state: 'detached' });
  assert.deepEqual(await calls(page, 'remove_staff'), [{ staff_id: 4 }]);
  assert.equal(await page.locator('#set-staff-list .staff-row').count(), 3);

  // Leaving Settings gives the admin rights back; coming back asks again.
  await page.keyboard.press('F1');
  await page.locator('.screen--scan').waitFor();
  await page.waitForFunction(() => window.__frontDeskMock.calls.some((c) => c.cmd === 'end_admin'));
  await page.keyboard.press('F6');
  await page.locator('#admin-pin').waitFor();
  assert.equal(await page.locator('.screen--settings').count(), 0);
  await page.keyboard.press('Escape');
  await page.locator('#admin-pin').waitFor({ state: 'detached' });
  assert.equal(await page.locator('.screen--settings').count(), 0);
  assert.deepEqual(page.errors, []);
  await page.context().close();
});

test('staff: without profiles nothing asks for a PIN; the first profile (an admin\'s) signs that admin in', async () => {
  const page = await open();
  assert.equal(await page.locator('#staff-pill').count(), 0);
  assert.doesNotMatch(await page.locator('.footer').innerText(), /F7/);
  await page.keyboard.press('F7');
  assert.equal(await page.locator('#signin').count(), 0);
  await page.keyboard.press('F6');
  await page.locator('#set-staff-help').waitFor();
  assert.match(await page.locator('#set-staff-help').innerText(), /no pide ningún PIN/);
  assert.equal(await page.locator('#set-staff-role').inputValue(), 'admin');
  await page.fill('#set-staff-name', 'Zoe Ruiz');
  await page.fill('#set-staff-pin', '1111');
  await page.fill('#set-staff-pin2', '1111');
  await page.click('#set-staff-add-save');
  await page.locator('#staff-pill[data-locked="false"]').waitFor();
  assert.equal(await page.locator('#staff-pill .staffpill__name').innerText(), 'Zoe Ruiz');
  assert.equal(await page.locator('.screen--settings').count(), 1, 'an admin stays in Settings');
  assert.deepEqual(page.errors, []);
  await page.context().close();
});

// ---- layout at every window size and language (issue 13) ------------------------------------

layoutTests({ test, open, out: OUT });

// ---- main ------------------------------------------------------------------------------------

let passed = 0;
let failed = 0;
let server;
try {
  await mkdir(OUT, { recursive: true });
  vite('build');
  vite('build', '--mode', 'mock', '--outDir', MOCK_DIST, '--emptyOutDir');
  server = await serve(MOCK_DIST);
  base = `http://127.0.0.1:${server.address().port}`;
  // Scrollbars shown, as the app's webview shows them (they take room, which a layout must leave).
  browser = await chromium.launch({ executablePath: CHROMIUM, args: ARGS, ignoreDefaultArgs: ['--hide-scrollbars'] });
  for (const t of tests) {
    if (only && !only.test(t.name)) continue;
    try {
      await t.fn();
      passed++;
      console.log(`ok - ${t.name}`);
    } catch (e) {
      failed++;
      console.log(`not ok - ${t.name}\n  ${String(e?.stack ?? e).split('\n').slice(0, 6).join('\n  ')}`);
    }
  }
} catch (e) {
  failed++;
  console.log(`not ok - setup\n  ${e?.stack ?? e}`);
} finally {
  await browser?.close();
  server?.close();
}
console.log(`${passed} passed, ${failed} failed`);
process.exit(failed ? 1 : 0);
