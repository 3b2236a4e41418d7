import assert from "node:assert/strict";
import * as tf from "@tensorflow/tfjs";
import {
  factorizeConvKernel,
  lowRankKernel,
} from "../../lib/compression/mod.ts";
import { createRng } from "../../lib/runtime/mod.ts";

await tf.setBackend("cpu");

const ATOL = 1e-4;

for (
  const { strides, pad } of [{ strides: 1, pad: "same" }, {
    strides: 2,
    pad: "valid",
  }] as const
) {
  Deno.test(`factorizeConvKernel() gives the dense rank-r layer's output when strides are ${strides} and padding ${pad}`, () => {
    const rng = createRng(strides);
    const shape: [number, number, number, number] = [3, 3, 5, 7];
    const kernel = Float32Array.from(
      { length: 3 * 3 * 5 * 7 },
      () => rng.normal(),
    );
    const x = tf.tensor4d(
      Float32Array.from({ length: 2 * 9 * 9 * 5 }, () => rng.normal()),
      [2, 9, 9, 5],
    );
    for (const rank of [1, 3, 7]) {
      const dense = tf.conv2d(
        x,
        tf.tensor4d(lowRankKernel(kernel, shape, { rank }), shape),
        strides,
        pad,
      );
      const f = factorizeConvKernel(kernel, shape, { rank });
      const h = tf.conv2d(x, tf.tensor4d(f.first, f.firstShape), strides, pad); // k×k Cin → r
      const y = tf.conv2d(h, tf.tensor4d(f.second, f.secondShape), 1, "same"); // 1×1 r → Cout
      assert.deepEqual(y.shape, dense.shape);
      const diff = tf.max(tf.abs(tf.sub(y, dense))).dataSync()[0];
      assert.ok(diff < ATOL, `rank ${rank}: max |Δ| = ${diff}`);
    }
  });
}

Deno.test("lowRankKernel() returns the kernel unchanged when the rank reaches min(Cout, Cin·k²)", () => {
  const kernel = Float32Array.from(
    { length: 2 * 2 * 3 * 4 },
    (_, i) => Math.sin(i),
  );
  assert.deepEqual(lowRankKernel(kernel, [2, 2, 3, 4], { rank: 4 }), kernel);
});

Deno.test("lowRankKernel() keeps the layer's shape and parameter count when the rank is small", () => {
  const kernel = Float32Array.from(
    { length: 3 * 3 * 4 * 8 },
    (_, i) => Math.cos(i),
  );
  const r = lowRankKernel(kernel, [3, 3, 4, 8], { rank: 1 });
  assert.equal(r.length, kernel.length);
  assert.ok(r.some((v, i) => v !== kernel[i]));
});
