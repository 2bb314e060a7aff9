// Why this file exists: the preview rate that matters is the one the window paints, not the
// one Rust sends; a software-rendered webview drops frames it cannot paint in time. This
// counts painted frames and hands the rate to the log every period (docs/PERFORMANCE.md
// reads it from there). Time the preview spends covered by a verdict card, when it is not
// painted at all, is left out: the rate is the one staff see while they can see it.

export class PaintMeter {
  private frames = 0;
  private since: number;
  private pausedAt: number | null = null;

  constructor(
    private readonly report: (frames: number, seconds: number) => void,
    private readonly now: () => number = () => performance.now(),
    private readonly periodMs = 10_000,
  ) {
    this.since = now();
  }

  /** The preview is covered: the time until `resume` does not count. */
  pause(): void {
    this.pausedAt ??= this.now();
  }

  resume(): void {
    if (this.pausedAt === null) return;
    this.since += this.now() - this.pausedAt;
    this.pausedAt = null;
  }

  /** One preview frame was drawn. */
  painted(): void {
    const t = this.now();
    const elapsed = t - this.since;
    if (elapsed > 3 * this.periodMs) {
      // The preview stopped for a while (camera away, window hidden): a rate over the
      // gap would say nothing about painting. Start a fresh window with this frame.
      this.frames = 1;
      this.since = t;
      return;
    }
    this.frames++;
    if (elapsed >= this.periodMs) {
      this.report(this.frames, elapsed / 1000);
      this.frames = 0;
      this.since = t;
    }
  }
}
