// Why this file exists: staff hear the result before they look. Each verdict kind has its own
// short sound, generated with WebAudio (no audio files): a rising chirp for "come in", two
// equal beeps for "come in, with a warning", a low buzz for "refused".

import type { VerdictKind } from './verdict';

export interface Tone {
  freq: number;
  ms: number;
  type: OscillatorType;
  /** Silence after the tone, in ms. */
  gap: number;
}

export const PATTERNS: Record<VerdictKind, Tone[]> = {
  ok: [
    { freq: 880, ms: 90, type: 'sine', gap: 20 },
    { freq: 1320, ms: 150, type: 'sine', gap: 0 },
  ],
  // Already in: one soft tone, neither the welcome nor the refusal.
  again: [{ freq: 740, ms: 120, type: 'sine', gap: 0 }],
  warn: [
    { freq: 660, ms: 130, type: 'triangle', gap: 90 },
    { freq: 660, ms: 130, type: 'triangle', gap: 0 },
  ],
  refused: [
    { freq: 220, ms: 220, type: 'square', gap: 40 },
    { freq: 165, ms: 380, type: 'square', gap: 0 },
  ],
};

let ctx: AudioContext | null = null;

function audio(): AudioContext | null {
  if (ctx) return ctx;
  const Ctor =
    (globalThis as { AudioContext?: typeof AudioContext }).AudioContext ??
    (globalThis as { webkitAudioContext?: typeof AudioContext }).webkitAudioContext;
  if (!Ctor) return null;
  try {
    ctx = new Ctor();
  } catch {
    ctx = null;
  }
  return ctx;
}

/** Plays the sound of one verdict kind. Never throws: a silent PC must not break check-in. */
export function playVerdictSound(kind: VerdictKind): void {
  const ac = audio();
  if (!ac) return;
  try {
    if (ac.state === 'suspended') void ac.resume();
    let at = ac.currentTime + 0.02;
    for (const tone of PATTERNS[kind]) {
      const osc = ac.createOscillator();
      const gain = ac.createGain();
      osc.type = tone.type;
      osc.frequency.value = tone.freq;
      const end = at + tone.ms / 1000;
      const peak = tone.type === 'square' ? 0.12 : 0.3;
      // Short ramps avoid clicks at the start and end of each beep.
      gain.gain.setValueAtTime(0.0001, at);
      gain.gain.exponentialRampToValueAtTime(peak, at + 0.01);
      gain.gain.setValueAtTime(peak, end - 0.02);
      gain.gain.exponentialRampToValueAtTime(0.0001, end);
      osc.connect(gain).connect(ac.destination);
      osc.start(at);
      osc.stop(end + 0.01);
      at = end + tone.gap / 1000;
    }
  } catch {
    /* ignore audio failures */
  }
}
