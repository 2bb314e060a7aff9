// Why this file exists: the live preview arrives as raw bytes over a Tauri channel, not as
// JSON (src/scan/preview.rs): a 4-byte header, width then height as little-endian u16, then
// one grey byte per pixel. No JPEG, base64 or JSON per frame, on either side. This reads a
// message and paints it into a canvas, reusing one pixel buffer from frame to frame.

/** One preview frame: `pixels` holds width × height grey values, row by row. */
export interface PreviewFrame {
  width: number;
  height: number;
  pixels: Uint8Array;
}

export const HEADER_LEN = 4;

/** The frame in `message`, or null when it is not one (too short, a size of zero). */
export function parsePreviewFrame(message: ArrayBuffer): PreviewFrame | null {
  if (!(message instanceof ArrayBuffer) || message.byteLength < HEADER_LEN) return null;
  const head = new DataView(message, 0, HEADER_LEN);
  const width = head.getUint16(0, true);
  const height = head.getUint16(2, true);
  if (width === 0 || height === 0 || message.byteLength < HEADER_LEN + width * height) return null;
  return { width, height, pixels: new Uint8Array(message, HEADER_LEN, width * height) };
}

/** Paints grey frames into one canvas, keeping its ImageData between frames. */
export class GreyPainter {
  private image: ImageData | null = null;
  private words: Uint32Array | null = null;

  constructor(private readonly canvas: HTMLCanvasElement) {}

  paint(f: PreviewFrame): boolean {
    const g = this.canvas.getContext('2d');
    if (!g) return false;
    if (!this.image || this.image.width !== f.width || this.image.height !== f.height) {
      this.canvas.width = f.width;
      this.canvas.height = f.height;
      this.image = g.createImageData(f.width, f.height);
      this.words = new Uint32Array(this.image.data.buffer);
    }
    const words = this.words as Uint32Array;
    const px = f.pixels;
    // RGBA in memory on a little-endian machine (every desk PC): 0xAABBGGRR.
    for (let i = 0; i < px.length; i++) {
      const v = px[i];
      words[i] = 0xff000000 | (v << 16) | (v << 8) | v;
    }
    g.putImageData(this.image, 0, 0);
    return true;
  }
}
