// Why this file exists: TEST-ONLY. The mock's demo camera: synthetic preview frames (a hand
// holding a phone with a QR-like pattern, moving a little) at 15 fps, sent as the shell does:
// raw grey bytes behind a width/height header (src/scan/preview.rs) over the channel the page
// gave `watch_preview`, so the preview, its mirroring and the paint meter run in a plain browser.
// Like the shell, it sends nothing while the page says the preview is out of sight (`show_preview`).

import type { Channel } from '@tauri-apps/api/core';
import { HEADER_LEN } from '../preview-frame';

type Internals = { runCallback: (id: number, data: unknown) => void };

let channel: Channel<ArrayBuffer> | null = null;
let index = 0;
let shown = true;

/** `watch_preview`: frames go to this channel from now on (a new one replaces the old). As in
 * the shell, a page that asks anew starts with the preview in sight. */
export function watchPreview(ch: Channel<ArrayBuffer>): null {
  channel = ch;
  index = 0;
  shown = true;
  return null;
}

/** `show_preview`: out of sight, no frame is sent. */
export function showPreview(on: boolean): null {
  shown = on;
  return null;
}

/** The canvas as the shell's bytes: the header, then one grey byte per pixel. */
function greyMessage(g: CanvasRenderingContext2D, w: number, h: number): ArrayBuffer {
  const rgba = g.getImageData(0, 0, w, h).data;
  const out = new Uint8Array(HEADER_LEN + w * h);
  new DataView(out.buffer).setUint16(0, w, true);
  new DataView(out.buffer).setUint16(2, h, true);
  for (let i = 0; i < w * h; i++) {
    out[HEADER_LEN + i] = (rgba[4 * i] * 77 + rgba[4 * i + 1] * 150 + rgba[4 * i + 2] * 29) >> 8;
  }
  return out.buffer;
}

export function startFrames(): void {
  const canvas = document.createElement('canvas');
  canvas.width = 640;
  canvas.height = 360;
  const g = canvas.getContext('2d', { willReadFrequently: true });
  if (!g) return;
  const cells = 25;
  const bits: boolean[] = [];
  let seed = 7;
  for (let i = 0; i < cells * cells; i++) {
    seed = (seed * 1103515245 + 12345) & 0x7fffffff;
    bits.push(((seed >> 16) & 1) === 1);
  }
  const finder = (x: number, y: number) => (x < 7 && y < 7) || (x >= cells - 7 && y < 7) || (x < 7 && y >= cells - 7);
  const finderBit = (x: number, y: number) => {
    const fx = x >= cells - 7 ? x - (cells - 7) : x;
    const fy = y >= cells - 7 ? y - (cells - 7) : y;
    const d = Math.max(Math.abs(fx - 3), Math.abs(fy - 3));
    return d !== 2;
  };
  let n = 0;
  setInterval(() => {
    n++;
    const bg = g.createLinearGradient(0, 0, 640, 360);
    bg.addColorStop(0, '#3a4654');
    bg.addColorStop(1, '#1d242c');
    g.fillStyle = bg;
    g.fillRect(0, 0, 640, 360);
    // a desk edge and a hand holding a phone showing a QR code
    g.fillStyle = '#57432f';
    g.fillRect(0, 300, 640, 60);
    const dx = Math.sin(n / 20) * 10;
    const dy = Math.cos(n / 27) * 6;
    const px = 245 + dx;
    const py = 55 + dy;
    g.fillStyle = '#d9a98a';
    g.beginPath();
    g.ellipse(px + 75, py + 250, 70, 40, 0, 0, Math.PI * 2);
    g.fill();
    g.fillStyle = '#111';
    g.fillRect(px, py, 150, 250);
    g.fillStyle = '#fff';
    g.fillRect(px + 10, py + 40, 130, 130);
    const size = 110 / cells;
    g.fillStyle = '#000';
    for (let y = 0; y < cells; y++)
      for (let x = 0; x < cells; x++) {
        const on = finder(x, y) ? finderBit(x, y) : bits[y * cells + x];
        if (on) g.fillRect(px + 20 + x * size, py + 50 + y * size, size + 0.5, size + 0.5);
      }
    if (!channel || !shown) return; // not asked for yet, or out of sight: the shell sends nothing either
    const internals = (window as unknown as { __TAURI_INTERNALS__: Internals }).__TAURI_INTERNALS__;
    internals.runCallback(channel.id, { message: greyMessage(g, 640, 360), index: index++ });
  }, 1000 / 15);
}
