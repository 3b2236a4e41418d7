// Private: check an image figure's PNG before the page shows it. A missing or
// unreadable file is a problem line on the page, never an exception, so one
// absent image cannot stop a report from being built.

import type { ImageFigure } from "./figure_spec.ts";

/** What the page needs to show one image figure. */
export interface ImageCheck {
  /** The PNG's own width and height in px, when the file is a readable PNG. */
  size?: { widthPx: number; heightPx: number };
  /** Why the image cannot be shown, e.g. "not found: reports/kd/a.png". */
  problem?: string;
}

const SIGNATURE = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];

/** Read the IHDR size of `<dir>/<figure.src>` (signature 8 B, length 4 B, "IHDR" 4 B, width, height). */
export async function checkImage(
  dir: string,
  figure: ImageFigure,
): Promise<ImageCheck> {
  const path = `${dir}/${figure.src}`;
  let head: Uint8Array;
  try {
    using file = await Deno.open(path, { read: true });
    head = new Uint8Array(24);
    let got = 0;
    while (got < head.length) {
      const n = await file.read(head.subarray(got));
      if (n === null) break;
      got += n;
    }
    head = head.subarray(0, got);
  } catch (err) {
    if (err instanceof Deno.errors.NotFound) {
      return { problem: `not found: ${path}` };
    }
    return { problem: `cannot read ${path}: ${(err as Error).message}` };
  }
  const isPng = head.length === 24 &&
    SIGNATURE.every((b, i) => head[i] === b) &&
    String.fromCharCode(...head.subarray(12, 16)) === "IHDR";
  if (!isPng) return { problem: `not a PNG file: ${path}` };
  const view = new DataView(head.buffer, head.byteOffset, head.byteLength);
  return {
    size: { widthPx: view.getUint32(16), heightPx: view.getUint32(20) },
  };
}
