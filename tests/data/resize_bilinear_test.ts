import assert from "node:assert/strict";
import * as tf from "@tensorflow/tfjs-core";
import "@tensorflow/tfjs-backend-cpu";
import { centerCrop } from "../../lib/data/center_crop.ts";
import { resizeBilinear } from "../../lib/data/resize_bilinear.ts";
import { imageSet } from "./_fixtures.ts";

const ATOL = 1e-5;

function pseudoImages(shape: [number, number, number, number]): Float32Array {
  const n = shape.reduce((a, b) => a * b, 1);
  return Float32Array.from({ length: n }, (_, i) => ((i * 37) % 101) / 7);
}

Deno.test("resizeBilinear() matches tfjs resizeBilinear(halfPixelCenters=true) on the cpu backend", async () => {
  await tf.setBackend("cpu");
  const cases: [[number, number, number, number], [number, number]][] = [
    [[2, 5, 7, 3], [3, 4]], // shrink, non-integer scales
    [[1, 3, 2, 1], [7, 5]], // enlarge: clamping at the borders
    [[1, 24, 24, 1], [4, 4]], // the qdrop MNIST step
    [[1, 4, 6, 2], [4, 6]], // same size: identity
  ];
  for (const [shape, size] of cases) {
    const images = pseudoImages(shape);
    const ours = resizeBilinear(imageSet(images, shape), { size });
    const ref = tf.image.resizeBilinear(
      tf.tensor4d(images, shape),
      size,
      false,
      true,
    );
    const want = await ref.data();
    ref.dispose();
    assert.deepEqual(ours.shape, [shape[0], size[0], size[1], shape[3]]);
    for (let i = 0; i < want.length; i++) {
      assert.ok(
        Math.abs(ours.images[i] - want[i]) <= ATOL,
        `${shape}→${size} at ${i}: ${ours.images[i]} vs ${want[i]}`,
      );
    }
  }
});

Deno.test("resizeBilinear() enlarging 1×2 to 1×4 gives the hand-computed half-pixel weights", () => {
  // s = (o + 0.5)/2 − 0.5 = −0.25, 0.25, 0.75, 1.25 → clamp 0, ¼, ¾, clamp 1
  const out = resizeBilinear(imageSet(new Uint8Array([0, 8]), [1, 1, 2, 1]), {
    size: [1, 4],
  });
  assert.deepEqual([...out.images], [0, 2, 6, 8]);
});

Deno.test("resizeBilinear() after the 24/28 crop averages original rows and columns 6r+4, 6r+5", () => {
  const src = Uint8Array.from({ length: 28 * 28 }, (_, i) => (i * 13) % 256);
  const set = imageSet(src, [1, 28, 28, 1]);
  const out = resizeBilinear(centerCrop(set, { fraction: 24 / 28 }), {
    size: [4, 4],
  });
  for (let r = 0; r < 4; r++) {
    for (let c = 0; c < 4; c++) {
      const px = (y: number, x: number) => src[y * 28 + x];
      const mean = (px(6 * r + 4, 6 * c + 4) + px(6 * r + 4, 6 * c + 5) +
        px(6 * r + 5, 6 * c + 4) + px(6 * r + 5, 6 * c + 5)) / 4;
      assert.equal(out.images[r * 4 + c], mean);
    }
  }
});

Deno.test("resizeBilinear() rejects a non-positive size", () => {
  const set = imageSet(new Uint8Array(4), [1, 2, 2, 1]);
  assert.throws(
    () => resizeBilinear(set, { size: [0, 2] }),
    /^RangeError: Cannot resize: expected a positive integer size, got 0×2$/,
  );
});
