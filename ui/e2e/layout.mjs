// Why this file exists: issue 13 ("Small screens"). Every screen, at the window's minimum size
// (1024x700), a common laptop (1366x768) and full HD (1920x1080), in Spanish and English: a
// screenshot each (ui/test-results/screens/<lang>-<size>-<screen>.png) and measured layout
// facts, so a clipped gym name, a cut warning, a preview squeezed to nothing, a wrapped menu or
// a panel running off the screen fails the run. run.mjs registers these tests in its harness.

import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';

export const SIZES = [
  { width: 1024, height: 700 },
  { width: 1366, height: 768 },
  { width: 1920, height: 1080 },
];
export const LANGS = ['es', 'en'];
const sizeName = (v) => `${v.width}x${v.height}`;

/** The least height the camera preview keeps, by viewport height (a code must fit in the guide). */
const previewMin = (v) => (v.height <= 700 ? 240 : v.height <= 768 ? 300 : 480);

/**
 * Runs in the page: every visible element is measured, and each problem is described in words.
 * - content that overflows its box horizontally (cut, ellipsised, or spilling over a neighbour);
 * - content cut vertically by a box that hides its overflow (a scroll box may scroll);
 * - the visible part of an element (after its clipping ancestors) outside the viewport;
 * - in-flow children of a flex or grid container overlapping one another;
 * - the page itself scrolling.
 */
function layoutProblems() {
  const W = window.innerWidth;
  const H = window.innerHeight;
  const problems = [];
  const name = (el) => {
    const cls = [...el.classList].slice(0, 2).join('.');
    const id = el.id ? `#${el.id}` : '';
    const text = (el.textContent ?? '').trim().replace(/\s+/g, ' ').slice(0, 40);
    return `${el.tagName.toLowerCase()}${id}${cls ? '.' + cls : ''}${text ? ` "${text}"` : ''}`;
  };
  const SKIP_TAGS = new Set(['CANVAS', 'IFRAME', 'INPUT', 'SELECT', 'TEXTAREA', 'OPTION', 'SCRIPT', 'STYLE', 'BR', 'IMG']);
  const shown = (el) => {
    if (el.closest('.sr-only, .skip, [hidden], dialog:not([open])')) return false;
    const cs = getComputedStyle(el);
    return cs.display !== 'none' && cs.visibility !== 'hidden' && el.getClientRects().length > 0;
  };
  // The part of el's box its clipping ancestors let through.
  const visibleRect = (el) => {
    const r = el.getBoundingClientRect();
    let { left, top, right, bottom } = r;
    for (let a = el.parentElement; a && a !== document.documentElement; a = a.parentElement) {
      const cs = getComputedStyle(a);
      const clipX = cs.overflowX !== 'visible';
      const clipY = cs.overflowY !== 'visible';
      if (clipX || clipY) {
        const ar = a.getBoundingClientRect();
        if (clipX) { left = Math.max(left, ar.left); right = Math.min(right, ar.right); }
        if (clipY) { top = Math.max(top, ar.top); bottom = Math.min(bottom, ar.bottom); }
      }
      if (cs.position === 'fixed') break; // placed against the viewport: the ancestors above do not clip it
    }
    return { left, top, right, bottom };
  };

  const root = document.scrollingElement ?? document.documentElement;
  if (root.scrollWidth > W + 1) problems.push(`the page scrolls sideways (${root.scrollWidth} > ${W})`);
  if (root.scrollHeight > H + 1) problems.push(`the page scrolls down (${root.scrollHeight} > ${H})`);

  for (const el of document.querySelectorAll('body *')) {
    if (!shown(el)) continue;
    const cs = getComputedStyle(el);
    const measure = !SKIP_TAGS.has(el.tagName) && el.clientWidth > 0 && cs.display !== 'inline';
    if (measure && el.scrollWidth > el.clientWidth + 1)
      problems.push(`${name(el)}: content overflows sideways (${el.scrollWidth} > ${el.clientWidth})`);
    if (measure && (cs.overflowY === 'hidden' || cs.overflowY === 'clip') && el.scrollHeight > el.clientHeight + 1)
      problems.push(`${name(el)}: content cut at the bottom (${el.scrollHeight} > ${el.clientHeight})`);
    const v = visibleRect(el);
    if (v.right - v.left > 0.5 && v.bottom - v.top > 0.5) {
      if (v.left < -0.5 || v.top < -0.5 || v.right > W + 0.5 || v.bottom > H + 0.5)
        problems.push(
          `${name(el)}: outside the ${W}x${H} viewport (${Math.round(v.left)},${Math.round(v.top)})-(${Math.round(v.right)},${Math.round(v.bottom)})`,
        );
    }
    // Overlapping in-flow children of a flex or grid container.
    if (/flex|grid/.test(cs.display)) {
      const kids = [...el.children].filter((k) => {
        if (!shown(k)) return false;
        const p = getComputedStyle(k).position;
        return p !== 'absolute' && p !== 'fixed';
      });
      const rects = kids.map((k) => k.getBoundingClientRect());
      for (let i = 0; i < kids.length; i++)
        for (let j = i + 1; j < kids.length; j++) {
          const a = rects[i];
          const b = rects[j];
          const w = Math.min(a.right, b.right) - Math.max(a.left, b.left);
          const h = Math.min(a.bottom, b.bottom) - Math.max(a.top, b.top);
          if (w > 1 && h > 1) problems.push(`${name(kids[i])} overlaps ${name(kids[j])}`);
        }
    }
  }
  // The dismiss hint sits over the card's corner: it must not cover the card's text.
  const hint = document.querySelector('.verdict-layer .verdict__hint');
  if (hint && shown(hint)) {
    const hr = hint.getBoundingClientRect();
    for (const t of document.querySelectorAll('.verdict-layer .verdict__body > *, .verdict-layer .verdict__photo')) {
      const r = t.getBoundingClientRect();
      if (Math.min(hr.right, r.right) - Math.max(hr.left, r.left) > 1 && Math.min(hr.bottom, r.bottom) - Math.max(hr.top, r.top) > 1)
        problems.push(`the dismiss hint covers ${name(t)}`);
    }
  }
  return problems;
}

/** Facts about the header and the scan screen that hold on every screen and size. */
function headerFacts() {
  const tops = [...document.querySelectorAll('.nav__btn')].map((b) => Math.round(b.getBoundingClientRect().top));
  const stage = document.querySelector('.preview__stage');
  const hint = document.querySelector('.preview__hint');
  const r = (el) => (el && el.getClientRects().length ? el.getBoundingClientRect() : null);
  return {
    navLines: new Set(tops).size,
    header: document.querySelector('.topbar').getBoundingClientRect().height,
    stage: r(stage) && { width: r(stage).width, height: r(stage).height },
    hint: r(hint) && { top: r(hint).top, bottom: r(hint).bottom, height: r(hint).height },
    mainBottom: document.querySelector('#main').getBoundingClientRect().bottom,
    lineHeight: hint ? parseFloat(getComputedStyle(hint).lineHeight) : 0,
  };
}

const SCREENS = ['scan', 'offline', 'manual', 'reports', 'reports-range', 'settings', 'sync', 'sync-offline', 'verdict-ok', 'verdict-warn', 'verdict-refused', 'verdict-again', 'verdict-note', 'verdict-stale', 'verdict-birthday', 'verdict-many-alerts'];
const VERDICT_CODES = {
  'verdict-ok': 'U101_7f3a9c', // green, with a photo
  'verdict-warn': 'U104_aa11bb', // amber: Andrés, inactive membership
  'verdict-refused': 'U101_wrongcode', // red, no one named
  'verdict-again': 'U107_s0f1a', // blue: already in, with a warning
  'verdict-note': 'U109_9ab10c', // amber until acknowledged: a desk note, data as of today
  'verdict-stale': 'U110_r05a11', // amber: the longest alert text, data as of another day
  'verdict-birthday': 'U108_e1e7a0', // green, with the birthday as a note
};

/** Brings `screen` up on `page` (from the scan screen, nothing open). */
async function show(page, screen) {
  if (screen === 'scan') {
    await page.locator('.preview__stage.has-frame').waitFor();
    await page.locator('.recent__row').first().waitFor();
  } else if (screen === 'offline') {
    // The longest sync pill: "offline since", a queued check-in and the parked ones.
    await page.evaluate(() => window.__frontDeskMock.setOnline(false, '2026-11-28T09:42:00Z'));
    await page.evaluate(() => window.__frontDeskMock.scan('U103_c0ffee'));
    await page.locator('.verdict-layer .verdict').waitFor();
    await page.keyboard.press('Escape');
    await page.waitForFunction(() => document.querySelector('.recent__row')?.textContent.includes('Lucía'));
  } else if (screen === 'manual') {
    await page.keyboard.press('F2');
    await page.fill('#manual-search', 'Lopez');
    await page.locator('#hit-101').click();
    await page.locator('#manual-checkin').waitFor();
  } else if (screen === 'reports') {
    await page.keyboard.press('F4');
    await page.frameLocator('.report__frame').locator('h1').waitFor();
  } else if (screen === 'reports-range') {
    // A period with its dates, quick periods and the longest message the period can show.
    await page.keyboard.press('F4');
    await page.check('#report-mode-range');
    await page.frameLocator('.report__frame').locator('svg.chart--heat').waitFor();
    await page.fill('#report-to', '2000-01-01');
    await page.locator('#report-range-error').waitFor();
  } else if (screen === 'settings') {
    await page.keyboard.press('F6');
    await page.locator('#set-lang').waitFor();
    await page.locator('#set-camera option').first().waitFor({ state: 'attached' });
  } else if (screen === 'sync-offline') {
    await page.evaluate(() => window.__frontDeskMock.setOnline(false, '2026-11-28T09:42:00Z'));
    await page.locator('.syncpill--offline').waitFor();
    await page.keyboard.press('F3');
    await page.locator('dialog.drawer .parked__item').first().waitFor();
    await page.locator('dialog.drawer .facts__error').waitFor();
  } else if (screen === 'sync') {
    await page.keyboard.press('F3');
    await page.locator('dialog.drawer .parked__item').first().waitFor();
  } else if (screen === 'verdict-many-alerts') {
    // The most a card may have to say: a desk note of the full 280 characters, and three more alerts.
    await page.evaluate(() => {
      const m = window.__frontDeskMock;
      const v = m.scan('U110_r05a11'); // Rosa, stale data; then the same verdict with every alert
      const note = 'Pendiente: firmar el consentimiento, traer el justificante de pago de octubre y recoger la tarjeta nueva en recepción; si no puede hoy, avisar al encargado antes de la clase y anotar aquí la fecha en que vendrá. Gracias por revisarlo con calma antes de dejarle pasar al gimnasio.'.slice(0, 280);
      return m.emit('verdict', {
        ...v,
        warnings: [
          { code: 'desk_note', message: note, level: 'warn', note_id: 9, text: note, at: v.at },
          { code: 'membership_expiring', message: 'x', level: 'warn', at: v.at, days: 3 },
          { code: 'birthday', message: 'x', level: 'allow' },
          ...v.warnings,
        ],
      });
    });
    await page.locator('.verdict-layer .verdict .verdict__warnings--longer').waitFor();
    await page.waitForFunction(() =>
      document.querySelector('.verdict-layer').getAnimations().every((a) => a.playState === 'finished'),
    );
  } else {
    await page.evaluate((code) => window.__frontDeskMock.scan(code), VERDICT_CODES[screen]);
    await page.locator('.verdict-layer .verdict').waitFor();
    // The layer fades in (no animation under reduced motion, see below); the card is measured and shot at its full size.
    await page.waitForFunction(() =>
      document.querySelector('.verdict-layer').getAnimations().every((a) => a.playState === 'finished'),
    );
  }
}

/** Back to the scan screen with nothing open. */
async function reset(page, screen) {
  if (screen.startsWith('sync') || screen.startsWith('verdict')) {
    await page.keyboard.press('Escape');
    await page.waitForFunction(
      () => !document.querySelector('dialog.drawer')?.open && document.querySelector('.verdict-layer')?.hidden,
    );
  }
  if (screen === 'offline' || screen === 'sync-offline') {
    await page.evaluate(() => window.__frontDeskMock.setOnline(true));
    await page.waitForFunction(() => !document.querySelector('.syncpill--offline'));
  }
  if (!['scan', 'offline', 'sync', 'sync-offline'].includes(screen) && !screen.startsWith('verdict')) await page.keyboard.press('F1');
  await page.locator('.preview__stage').waitFor();
}

export function layoutTests({ test, open, out }) {
  const dir = join(out, 'screens');

  for (const lang of LANGS)
    for (const size of SIZES) {
      test(`layout ${lang} ${sizeName(size)}: every screen fits, nothing cut or overlapping`, async () => {
        await mkdir(dir, { recursive: true });
        const page = await open(lang === 'en' ? 'lang=en' : '', { viewport: size });
        const failures = [];
        try {
          // No fade-in: a screenshot must not catch a card half transparent.
          await page.emulateMedia({ reducedMotion: 'reduce' });
          // Fonts settle before anything is measured.
          await page.evaluate(() => document.fonts.ready);
          for (const screen of SCREENS) {
            await show(page, screen);
            const problems = await page.evaluate(layoutProblems);
            const f = await page.evaluate(headerFacts);
            if (f.navLines !== 1) problems.push(`the menu wraps onto ${f.navLines} lines`);
            if (screen === 'scan') {
              if (!f.stage || f.stage.height < previewMin(size))
                problems.push(`the preview is ${Math.round(f.stage?.height ?? 0)} px high (< ${previewMin(size)})`);
              if (!f.hint || f.hint.height < f.lineHeight - 1 || f.hint.bottom > f.mainBottom + 0.5)
                problems.push(`the hint under the preview is not fully shown (${JSON.stringify(f.hint)})`);
            }
            await page.screenshot({ path: join(dir, `${lang}-${sizeName(size)}-${screen}.png`) });
            for (const p of problems) failures.push(`${screen}: ${p}`);
            await reset(page, screen);
          }
          if (page.errors.length) failures.push(`page errors: ${page.errors.join('; ')}`);
        } finally {
          await page.context().close();
        }
        if (failures.length) {
          const list = [...new Set(failures)];
          // The harness prints only the head of an error: the whole list goes to the log.
          console.log(`  layout ${lang} ${sizeName(size)}:\n    ${list.join('\n    ')}`);
          throw new Error(`${list.length} layout problems, listed above; first: ${list[0]}`);
        }
      });
    }

  test('layout: a camera error fits in the preview at every size and language', async () => {
    await mkdir(dir, { recursive: true });
    const failures = [];
    for (const lang of LANGS)
      for (const size of SIZES) {
        const page = await open(`camera_error=camera_permission_denied${lang === 'en' ? '&lang=en' : ''}`, { viewport: size });
        await page.locator('.camera-error').waitFor();
        await page.evaluate(() => document.fonts.ready);
        const problems = await page.evaluate(layoutProblems);
        // The message (and its button) shows whole inside the preview, not scrolled away in it.
        const [box, stage] = await page.evaluate(() =>
          ['.camera-error', '.preview__stage'].map((s) => document.querySelector(s).getBoundingClientRect().toJSON()),
        );
        if (box.top < stage.top - 0.5 || box.bottom > stage.bottom + 0.5)
          problems.push(`the camera message (${Math.round(box.top)}-${Math.round(box.bottom)}) is cut by the preview (${Math.round(stage.top)}-${Math.round(stage.bottom)})`);
        for (const p of problems) failures.push(`${lang} ${sizeName(size)}: ${p}`);
        await page.screenshot({ path: join(dir, `${lang}-${sizeName(size)}-camera-error.png`) });
        await page.context().close();
      }
    if (failures.length) {
      console.log(`  layout camera error:\n    ${failures.join('\n    ')}`);
      throw new Error(`${failures.length} layout problems, listed above; first: ${failures[0]}`);
    }
  });

  // Staff profiles (issue 15): the staff pill, locked and then with someone on shift (and the lock
  // button), fits in the header with the rest, and the screens it opens fit too.
  test('layout: the staff pill and the lock button fit in the header at every size and language', async () => {
    await mkdir(dir, { recursive: true });
    const failures = [];
    for (const lang of LANGS)
      for (const size of SIZES) {
        const page = await open(`staff=1${lang === 'en' ? '&lang=en' : ''}`, { viewport: size });
        await page.locator('#staff-pill').waitFor();
        await page.evaluate(() => document.fonts.ready);
        const check = async (what) => {
          const problems = await page.evaluate(layoutProblems);
          const f = await page.evaluate(headerFacts);
          if (f.navLines !== 1) problems.push(`the menu wraps onto ${f.navLines} lines`);
          for (const p of problems) failures.push(`${lang} ${sizeName(size)} ${what}: ${p}`);
          await page.screenshot({ path: join(dir, `${lang}-${sizeName(size)}-staff-${what}.png`) });
        };
        await check('locked');
        await page.keyboard.press('F7');
        await page.locator('#signin .staff-pick__btn').first().waitFor();
        await check('sign-in');
        await page.keyboard.press('1');
        await page.keyboard.type('3333', { delay: 60 });
        await page.keyboard.press('Enter');
        await page.locator('#staff-lock').waitFor();
        await check('on-shift');
        await page.context().close();
      }
    if (failures.length) {
      console.log(`  layout staff:\n    ${failures.join('\n    ')}`);
      throw new Error(`${failures.length} layout problems, listed above; first: ${failures[0]}`);
    }
  });

  for (const lang of LANGS)
    test(`layout ${lang}: the header is as high after growing from 1024x700 to 1920x1080 as when opened at 1920x1080`, async () => {
      const q = lang === 'en' ? 'lang=en' : '';
      const fresh = await open(q, { viewport: { width: 1920, height: 1080 } });
      const want = await fresh.evaluate(headerFacts);
      const wantVar = await fresh.evaluate(() => getComputedStyle(document.documentElement).getPropertyValue('--header-h'));
      await fresh.context().close();

      const page = await open(q, { viewport: { width: 1024, height: 700 } });
      await page.locator('.preview__stage.has-frame').waitFor();
      const small = await page.evaluate(headerFacts);
      await page.setViewportSize({ width: 1920, height: 1080 });
      await page.waitForTimeout(150);
      const got = await page.evaluate(headerFacts);
      const gotVar = await page.evaluate(() => getComputedStyle(document.documentElement).getPropertyValue('--header-h'));
      // ...and back down: as high as when opened small.
      await page.setViewportSize({ width: 1024, height: 700 });
      await page.waitForTimeout(150);
      const again = await page.evaluate(headerFacts);
      await page.context().close();
      if (got.header !== want.header || gotVar !== wantVar || again.header !== small.header)
        throw new Error(
          `header ${small.header}px at 1024x700, ${got.header}px (--header-h ${gotVar}) after growing to 1920x1080, ` +
            `${want.header}px (--header-h ${wantVar}) when opened at 1920x1080, ${again.header}px after shrinking back`,
        );
    });
}
