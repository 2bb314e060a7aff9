import { describe, expect, it } from 'vitest';
import { parsePreviewFrame } from '../src/preview-frame';

const bytes = (...b: number[]) => new Uint8Array(b).buffer;

describe('parsePreviewFrame', () => {
  it('reads the little-endian width and height, then the grey pixels', () => {
    // 300 x 1: width 0x012c
    const msg = new Uint8Array(4 + 300);
    msg.set([0x2c, 0x01, 1, 0]);
    msg[4] = 7;
    msg[303] = 200;
    const f = parsePreviewFrame(msg.buffer);
    expect(f && [f.width, f.height, f.pixels.length, f.pixels[0], f.pixels[299]]).toEqual([300, 1, 300, 7, 200]);
  });

  it('refuses what is not a whole frame', () => {
    const cases: [string, ArrayBuffer][] = [
      ['empty', bytes()],
      ['a header cut short', bytes(2, 0, 1)],
      ['a zero width', bytes(0, 0, 1, 0)],
      ['a zero height', bytes(1, 0, 0, 0, 9)],
      ['fewer pixels than the header says', bytes(2, 0, 2, 0, 1, 2, 3)],
    ];
    for (const [what, msg] of cases) expect(parsePreviewFrame(msg), what).toBeNull();
  });

  it('takes a frame with trailing bytes, reading only its pixels', () => {
    const f = parsePreviewFrame(bytes(1, 0, 1, 0, 42, 99));
    expect(f && Array.from(f.pixels)).toEqual([42]);
  });
});
