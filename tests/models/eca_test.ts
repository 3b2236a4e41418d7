import assert from "node:assert/strict";
import * as tf from "@tensorflow/tfjs";
import { eca, ecaKernelSize } from "../../lib/models/mod.ts";
import { createRng } from "../../lib/runtime/mod.ts";

await tf.setBackend("cpu");

Deno.test("ecaKernelSize() gives k = 5 when C is 1024 or 1280 (notes §3)", () => {
  assert.equal(ecaKernelSize(1024), 5);
  assert.equal(ecaKernelSize(1280), 5);
  assert.equal(ecaKernelSize(256), 5); // t = 4 is even → 5
  assert.equal(ecaKernelSize(16), 3); // t = 2 → 3
});

Deno.test("eca() gates each channel by σ(1-D conv of the channel means) when written out by hand", () => {
  const rng = createRng(1);
  const [b, h, w, c] = [2, 2, 3, 6];
  const x = Float32Array.from({ length: b * h * w * c }, () => rng.normal());
  const layer = eca("eca", c, { kernelSize: 3, rng });
  const kernel = layer.variables[0].variable.dataSync();
  const y = layer.apply(tf.tensor4d(x, [b, h, w, c])).dataSync();
  for (let n = 0; n < b; n++) {
    const mean = new Float64Array(c);
    for (let p = 0; p < h * w; p++) {
      for (let k = 0; k < c; k++) {
        mean[k] += x[(n * h * w + p) * c + k] / (h * w);
      }
    }
    for (let k = 0; k < c; k++) {
      let z = 0;
      for (let j = 0; j < 3; j++) {
        const src = k + j - 1; // zero padding (k−1)/2 = 1
        if (src >= 0 && src < c) z += kernel[j] * mean[src];
      }
      const gate = 1 / (1 + Math.exp(-z));
      for (let p = 0; p < h * w; p++) {
        const i = (n * h * w + p) * c + k;
        assert.ok(Math.abs(y[i] - x[i] * gate) < 1e-5);
      }
    }
  }
});

Deno.test("eca() throws a RangeError naming the layer when the kernel size is even", () => {
  assert.throws(() => eca("head/eca", 8, { kernelSize: 4 }), {
    name: "RangeError",
    message:
      'Cannot build ECA "head/eca": expected a positive odd kernel size, got 4',
  });
});
