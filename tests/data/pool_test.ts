import assert from "node:assert/strict";
import { avgPool, maxPool } from "../../lib/data/pool.ts";
import { imageSet } from "./_fixtures.ts";

const RAMP = imageSet(Uint8Array.from({ length: 36 }, (_, i) => i), [
  1,
  6,
  6,
  1,
]);

Deno.test("avgPool() with an output size that divides evenly averages equal blocks", () => {
  const out = avgPool(RAMP, { size: [2, 3] });
  // blocks 3×2: top-left holds rows 0–2, cols 0–1: mean of 0,1,6,7,12,13 = 6.5
  assert.deepEqual([...out.images], [6.5, 8.5, 10.5, 24.5, 26.5, 28.5]);
});

Deno.test("avgPool() uses PyTorch adaptive bins when the size does not divide", () => {
  // 6 → 4 bins: [0,2) [1,3) [3,5) [4,6) per axis
  const out = avgPool(RAMP, { size: [4, 4] });
  const cell = (y0: number, x0: number) =>
    (6 * y0 + x0 + 6 * (y0 + 1) + x0 + 6 * y0 + x0 + 1 + 6 * (y0 + 1) + x0 +
      1) / 4;
  const starts = [0, 1, 3, 4];
  assert.deepEqual(
    [...out.images],
    starts.flatMap((y) => starts.map((x) => cell(y, x))),
  );
});

Deno.test("avgPool() with a fixed kernel drops windows that do not fit, like avg_pool2d(x, 4)", () => {
  const out = avgPool(RAMP, { kernel: [4, 4] });
  assert.deepEqual(out.shape, [1, 1, 1, 1]);
  assert.equal(out.images[0], (0 + 3 + 18 + 21) / 4 + 0); // mean of a linear ramp = mean of its corners
});

Deno.test("maxPool() takes the maximum per channel with a stride", () => {
  const rgb = imageSet(
    Float32Array.from({ length: 4 * 4 * 2 }, (_, i) => (i % 2 === 0 ? i : -i)),
    [1, 4, 4, 2],
  );
  const out = maxPool(rgb, { kernel: [2, 2], stride: [2, 2] });
  assert.deepEqual(out.shape, [1, 2, 2, 2]);
  // channel 0 holds 2p at pixel p, channel 1 holds −(2p+1): max at the last / first pixel
  assert.deepEqual([...out.images], [
    2 * 5,
    -1,
    2 * 7,
    -(2 * 2 + 1),
    2 * 13,
    -(2 * 8 + 1),
    2 * 15,
    -(2 * 10 + 1),
  ]);
});

Deno.test("avgPool() and maxPool() reject both or neither of size and kernel", () => {
  assert.throws(
    () => avgPool(RAMP, {}),
    /^RangeError: Cannot pool: expected exactly one of size and kernel, got neither$/,
  );
  assert.throws(
    () => maxPool(RAMP, { size: [2, 2], kernel: [2, 2] }),
    /got both/,
  );
  assert.throws(
    () => maxPool(RAMP, { size: [7, 7] }),
    /^RangeError: Cannot pool 6 pixels: expected 1…6 regions, got 7$/,
  );
});
