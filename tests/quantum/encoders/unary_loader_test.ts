import assert from "node:assert/strict";
import { unaryLoader, unaryLoaderAngles } from "../../../lib/quantum/mod.ts";

Deno.test("unaryLoaderAngles() matches the W4 intermediate check of WORKLOADS.md", () => {
  const want = [
    1.500725,
    1.429959,
    1.356495,
    1.276370,
    1.182028,
    1.056940,
    0.851966,
  ];
  const raw = Float64Array.from({ length: 8 }, (_, j) => j + 1);
  const alpha = unaryLoaderAngles(raw, { nQubits: 8, loader: "atan2" });
  want.forEach((v, k) => assert.ok(Math.abs(alpha[k] - v) < 5e-7, `α${k}`));
});

Deno.test("unaryLoaderAngles() inverts y_i = cos α_i ∏ sin α_j with the arccos loader", () => {
  const x = [0.3, -0.5, 0.1, 0.7, -0.2];
  const norm = Math.hypot(...x);
  const alpha = unaryLoaderAngles(x, { nQubits: 5, loader: "arccos" });
  let p = 1;
  for (let i = 0; i < 4; i++) {
    assert.ok(Math.abs(Math.cos(alpha[i]) * p - x[i] / norm) < 1e-12);
    p *= Math.sin(alpha[i]);
  }
  assert.ok(Math.abs(p - Math.abs(x[4]) / norm) < 1e-12); // sign of the last component lost (§1.3)
});

Deno.test("unaryLoader() applies X then one RBS per neighbouring pair", () => {
  const ops = unaryLoader(4, { inputOffset: 2 });
  assert.deepEqual(ops.map((o) => o.wires), [[0], [0, 1], [1, 2], [2, 3]]);
  assert.deepEqual(
    ops.slice(1).map((o) => (o.params[0] as { index: number }).index),
    [2, 3, 4],
  );
});

Deno.test("unaryLoaderAngles() throws RangeError when x does not split into rows of n", () => {
  assert.throws(
    () => unaryLoaderAngles([1, 2, 3], { nQubits: 2 }),
    /Cannot compute unary loader angles: expected n >= 2 dividing 3, got n = 2/,
  );
});

Deno.test("unaryLoader() throws RangeError when n is below 2", () => {
  assert.throws(
    () => unaryLoader(1),
    /Cannot build unary loader: nQubits expected an integer >= 2, got 1/,
  );
});
