import assert from "node:assert/strict";
import { flatten } from "../../lib/data/flatten.ts";
import { imageSet } from "./_fixtures.ts";

Deno.test("flatten() orders features row, column, channel like NumPy reshape", () => {
  // value at (i, y, x, c) = 100i + 10y + 2x + c in NHWC
  const images = new Uint8Array(2 * 2 * 3 * 2);
  for (let i = 0; i < 2; i++) {
    for (let y = 0; y < 2; y++) {
      for (let x = 0; x < 3; x++) {
        for (let c = 0; c < 2; c++) {
          images[((i * 2 + y) * 3 + x) * 2 + c] = 100 * i + 10 * y + 2 * x + c;
        }
      }
    }
  }
  const out = flatten(imageSet(images, [2, 2, 3, 2], [4, 5]));
  assert.deepEqual(out.shape, [2, 12]);
  assert.deepEqual([...out.features.subarray(12, 16)], [100, 101, 102, 103]);
  assert.equal(out.features[12 + 11], 100 + 10 + 4 + 1);
  assert.deepEqual([...out.labels], [4, 5]);
});
