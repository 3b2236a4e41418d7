import assert from "node:assert/strict";
import { centerCrop } from "../../lib/data/center_crop.ts";
import { imageSet } from "./_fixtures.ts";

/** value at (i, y, x, c) = 1000·i + 100·y + 10·x + c, so each pixel names its origin */
function coded(n: number, h: number, w: number, c: number) {
  const images = new Float32Array(n * h * w * c);
  for (let i = 0; i < n; i++) {
    for (let y = 0; y < h; y++) {
      for (let x = 0; x < w; x++) {
        for (let k = 0; k < c; k++) {
          images[((i * h + y) * w + x) * c + k] = 1000 * i + 100 * y + 10 * x +
            k;
        }
      }
    }
  }
  return imageSet(images, [n, h, w, c]);
}

Deno.test("centerCrop() with fraction 24/28 keeps rows and columns 2…25 like tf.image.central_crop", () => {
  const out = centerCrop(coded(2, 28, 28, 1), { fraction: 24 / 28 });
  assert.deepEqual(out.shape, [2, 24, 24, 1]);
  assert.equal(out.images[0], 100 * 2 + 10 * 2);
  assert.equal(out.images[24 * 24 - 1], 100 * 25 + 10 * 25);
  assert.equal(out.images[24 * 24], 1000 + 220);
});

Deno.test("centerCrop() with a size takes rows and columns 12…15 of 28 for 4×4", () => {
  const out = centerCrop(coded(1, 28, 28, 3), { size: [4, 4] });
  assert.deepEqual(out.shape, [1, 4, 4, 3]);
  assert.deepEqual(
    [...out.images.subarray(0, 3)],
    [1320, 1321, 1322],
  );
  assert.equal(out.images[out.images.length - 1], 100 * 15 + 10 * 15 + 2);
});

Deno.test("centerCrop() floors the offset of an odd margin", () => {
  const out = centerCrop(coded(1, 5, 6, 1), { size: [2, 3] });
  assert.deepEqual([...out.images], [110, 120, 130, 210, 220, 230]);
});

Deno.test("centerCrop() rejects both or neither option and a window too large", () => {
  const set = coded(1, 4, 4, 1);
  assert.throws(
    () => centerCrop(set, {}),
    /^RangeError: Cannot crop: expected exactly one of size and fraction, got neither$/,
  );
  assert.throws(
    () => centerCrop(set, { size: [2, 2], fraction: 0.5 }),
    /got both/,
  );
  assert.throws(
    () => centerCrop(set, { size: [5, 2] }),
    /^RangeError: Cannot crop 4×4 images: expected a window inside them, got 5×2$/,
  );
});
