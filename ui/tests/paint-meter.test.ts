import { describe, expect, it } from 'vitest';
import { PaintMeter } from '../src/paint-meter';

function meter() {
  let now = 0;
  const reports: Array<[number, number]> = [];
  const m = new PaintMeter((f, s) => reports.push([f, s]), () => now, 10_000);
  return { m, reports, at: (t: number) => (now = t) };
}

describe('PaintMeter', () => {
  it('reports the painted rate once per period', () => {
    const { m, reports, at } = meter();
    // 18 frames a second for 25 s
    for (let i = 1; i <= 18 * 25; i++) {
      at((i * 1000) / 18);
      m.painted();
    }
    expect(reports).toHaveLength(2);
    for (const [frames, seconds] of reports) expect(frames / seconds).toBeCloseTo(18, 0);
  });

  it('says nothing before a whole period has passed', () => {
    const { m, reports, at } = meter();
    for (let i = 1; i <= 100; i++) {
      at(i * 50);
      m.painted();
    }
    expect(reports).toEqual([]);
  });

  it('does not average a long pause into the rate', () => {
    const { m, reports, at } = meter();
    at(1000);
    m.painted();
    // the camera is away for two minutes, then 20 fps for 10.5 s
    for (let i = 0; i <= 210; i++) {
      at(121_000 + i * 50);
      m.painted();
    }
    expect(reports).toHaveLength(1);
    const [frames, seconds] = reports[0];
    expect(frames / seconds).toBeCloseTo(20, 0);
  });

  it('leaves the time the preview was covered out of the rate', () => {
    const { m, reports, at } = meter();
    // 20 fps for 4 s, covered by a card for 4 s (nothing painted), 20 fps for 6 s more
    let now = 0;
    for (let i = 1; i <= 80; i++) {
      at((now = i * 50));
      m.painted();
    }
    m.pause();
    at((now += 4000));
    m.resume();
    for (let i = 1; i <= 130; i++) {
      at((now += 50));
      m.painted();
    }
    expect(reports).toHaveLength(1);
    const [frames, seconds] = reports[0];
    expect(frames / seconds).toBeCloseTo(20, 0);
  });

  it('a second pause or a resume without one changes nothing', () => {
    const { m, reports, at } = meter();
    m.resume();
    m.pause();
    at(1000);
    m.pause();
    at(2000);
    m.resume();
    m.resume();
    for (let i = 1; i <= 220; i++) {
      at(2000 + i * 50);
      m.painted();
    }
    // Covered from 0 to 2 s, not from 1 s: 200 frames in the 10 s after it.
    expect(reports).toEqual([[200, 10]]);
  });
});
