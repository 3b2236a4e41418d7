import assert from "node:assert/strict";
import { toFloat32 } from "../../lib/data/to_float32.ts";
import { imageSet } from "./_fixtures.ts";

Deno.test("toFloat32() divides by 255 exactly as float64 then rounds to float32", () => {
  const bytes = Uint8Array.from({ length: 256 }, (_, i) => i);
  const out = toFloat32(imageSet(bytes, [1, 16, 16, 1]));
  assert.ok(out.images instanceof Float32Array);
  for (let i = 0; i < 256; i++) {
    assert.equal(out.images[i], Math.fround(i / 255));
  }
  assert.deepEqual(out.shape, [1, 16, 16, 1]);
});

Deno.test("toFloat32() honours divideBy and rejects zero", () => {
  const set = imageSet(new Uint8Array([8]), [1, 1, 1, 1]);
  assert.equal(toFloat32(set, { divideBy: 2 }).images[0], 4);
  assert.throws(
    () => toFloat32(set, { divideBy: 0 }),
    /^RangeError: Cannot scale images: expected a finite non-zero divideBy, got 0$/,
  );
});
