import assert from "node:assert/strict";
import { inflateSync } from "node:zlib";
import { encodePng } from "../../lib/report/mod.ts";

/** Chunks of a PNG file: type, data and whether the stored CRC-32 matches. */
function chunks(png: Uint8Array) {
  const view = new DataView(png.buffer, png.byteOffset, png.byteLength);
  const out: { type: string; data: Uint8Array; crcOk: boolean }[] = [];
  for (let at = 8; at < png.length;) {
    const n = view.getUint32(at);
    const type = new TextDecoder().decode(png.subarray(at + 4, at + 8));
    const body = png.subarray(at + 4, at + 8 + n);
    let c = 0xffffffff; // bitwise CRC-32, independent of the encoder's table
    for (const b of body) {
      c ^= b;
      for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    }
    out.push({
      type,
      data: body.subarray(4),
      crcOk: ((c ^ 0xffffffff) >>> 0) === view.getUint32(at + 8 + n),
    });
    at += 12 + n;
  }
  return out;
}

Deno.test("encodePng() writes IHDR, one IDAT of filter-0 rows and IEND with valid CRCs when the image is RGB", () => {
  const pixels = Uint8Array.from({ length: 2 * 3 * 3 }, (_, i) => i * 10);
  const png = encodePng(pixels, [2, 3, 3]);
  const cs = chunks(png);
  assert.deepEqual(cs.map((c) => c.type), ["IHDR", "IDAT", "IEND"]);
  assert.ok(cs.every((c) => c.crcOk));
  const ihdr = new DataView(cs[0].data.buffer, cs[0].data.byteOffset);
  assert.deepEqual([
    ihdr.getUint32(0),
    ihdr.getUint32(4),
    cs[0].data[8],
    cs[0].data[9],
  ], [3, 2, 8, 2]);
  const raw = inflateSync(cs[1].data);
  assert.deepEqual([...raw], [
    0,
    ...pixels.subarray(0, 9),
    0,
    ...pixels.subarray(9),
  ]);
});

Deno.test("encodePng() throws a RangeError naming the shape when the channel count is 2", () => {
  assert.throws(
    () => encodePng(new Uint8Array(4), [1, 2, 2]),
    /Cannot encode PNG: expected \[H, W, 1 or 3\] with H·W·C bytes, got \[1,2,2\] and 4 bytes/,
  );
});
