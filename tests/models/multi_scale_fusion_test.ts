import assert from "node:assert/strict";
import * as tf from "@tensorflow/tfjs";
import { multiScaleFusion } from "../../lib/models/mod.ts";
import { createRng } from "../../lib/runtime/mod.ts";

await tf.setBackend("cpu");

const size = (vs: { variable: tf.Variable }[]) =>
  vs.reduce((n, v) => n + v.variable.size, 0);

Deno.test("multiScaleFusion() has the notes' head sizes when C is 1024 or 1280 (notes §6)", () => {
  // conv1×1 C→512 + bias, conv3×3 512→C + bias, ECA k = 5
  assert.equal(
    size(multiScaleFusion("m", 1024).variables),
    1024 * 512 + 512 + 9 * 512 * 1024 + 1024 + 5,
  );
  assert.equal(
    size(multiScaleFusion("m", 1280).variables),
    655_872 + 5_899_520 + 5,
  );
});

Deno.test("multiScaleFusion() uses only the 3×3 centre tap when the map is 1×1 (notes §3)", () => {
  const rng = createRng(2);
  const [c, hidden] = [6, 4];
  const head = multiScaleFusion("m", c, { nHidden: hidden, rng });
  const [w1, b1, w2, b2, e] = head.variables.map((v) => v.variable.dataSync());
  const x = Float32Array.from({ length: c }, () => rng.normal());
  const y = head.apply(tf.tensor4d(x, [1, 1, 1, c])).dataSync();
  // channel MLP: h = ReLU(x W1 + b1), z = h W2[centre] + b2, then ECA on the 1×1 map
  const hid = Array.from(
    { length: hidden },
    (_, j) =>
      Math.max(
        0,
        b1[j] + x.reduce((a, xi, i) => a + xi * w1[i * hidden + j], 0),
      ),
  );
  const z = Array.from(
    { length: c },
    (_, o) =>
      b2[o] +
      hid.reduce(
        (a, hj, j) => a + hj * w2[((1 * 3 + 1) * hidden + j) * c + o],
        0,
      ),
  );
  const k = e.length;
  for (let o = 0; o < c; o++) {
    let g = 0;
    for (let j = 0; j < k; j++) {
      const src = o + j - (k - 1) / 2;
      if (src >= 0 && src < c) g += e[j] * z[src];
    }
    assert.ok(
      Math.abs(y[o] - z[o] / (1 + Math.exp(-g))) < 1e-5,
      `channel ${o}`,
    );
  }
});
