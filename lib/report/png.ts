/**
 * A minimal PNG encoder (8-bit greyscale or RGB, no interlace, filter 0 per
 * row), enough to save image grids such as distilled datasets beside a report.
 * Format: W3C PNG specification (Third Edition), §5 chunks, §11.2.2 IHDR;
 * the zlib stream comes from `node:zlib`.
 *
 * @module
 */

import { deflateSync } from "node:zlib";

const CRC_TABLE = (() => {
  const table = new Uint32Array(256);
  for (let n = 0; n < 256; n++) {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    table[n] = c >>> 0;
  }
  return table;
})();

function crc32(bytes: Uint8Array): number {
  let c = 0xffffffff;
  for (let i = 0; i < bytes.length; i++) {
    c = CRC_TABLE[(c ^ bytes[i]) & 0xff] ^ (c >>> 8);
  }
  return (c ^ 0xffffffff) >>> 0;
}

function chunk(type: string, data: Uint8Array): Uint8Array {
  const out = new Uint8Array(12 + data.length);
  const view = new DataView(out.buffer);
  view.setUint32(0, data.length);
  for (let i = 0; i < 4; i++) out[4 + i] = type.charCodeAt(i);
  out.set(data, 8);
  view.setUint32(8 + data.length, crc32(out.subarray(4, 8 + data.length)));
  return out;
}

/**
 * Encodes 8-bit pixels as a PNG file.
 *
 * @param pixels Row-major `[H, W, C]` bytes.
 * @param shape `[H, W, C]` with C = 1 (greyscale) or 3 (RGB).
 * @returns The PNG file's bytes.
 * @throws {RangeError} If C is not 1 or 3, a side is not positive, or the
 * pixel count does not match the shape.
 *
 * @example A 1×1 white pixel: signature, IHDR, IDAT and IEND
 * ```ts
 * import assert from "node:assert/strict";
 * import { encodePng } from "./png.ts";
 * const png = encodePng(new Uint8Array([255]), [1, 1, 1]);
 * assert.deepEqual([...png.subarray(0, 8)], [137, 80, 78, 71, 13, 10, 26, 10]);
 * assert.equal(new TextDecoder().decode(png.subarray(png.length - 8, png.length - 4)), "IEND");
 * ```
 */
export function encodePng(
  pixels: Uint8Array,
  shape: [number, number, number],
): Uint8Array {
  const [h, w, c] = shape;
  if (
    (c !== 1 && c !== 3) || !(h > 0 && w > 0) || pixels.length !== h * w * c
  ) {
    throw new RangeError(
      `Cannot encode PNG: expected [H, W, 1 or 3] with H·W·C bytes, got [${shape}] and ${pixels.length} bytes`,
    );
  }
  const header = new Uint8Array(13);
  const view = new DataView(header.buffer);
  view.setUint32(0, w);
  view.setUint32(4, h);
  header[8] = 8; // bit depth
  header[9] = c === 1 ? 0 : 2; // colour type: greyscale or truecolour
  const raw = new Uint8Array(h * (1 + w * c)); // each row: filter byte 0, then pixels
  for (let y = 0; y < h; y++) {
    raw.set(pixels.subarray(y * w * c, (y + 1) * w * c), y * (1 + w * c) + 1);
  }
  const parts = [
    new Uint8Array([137, 80, 78, 71, 13, 10, 26, 10]),
    chunk("IHDR", header),
    chunk("IDAT", new Uint8Array(deflateSync(raw))),
    chunk("IEND", new Uint8Array(0)),
  ];
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let offset = 0;
  for (const p of parts) {
    out.set(p, offset);
    offset += p.length;
  }
  return out;
}
