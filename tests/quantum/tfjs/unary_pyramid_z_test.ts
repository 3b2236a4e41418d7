import assert from "node:assert/strict";
import * as tf from "@tensorflow/tfjs-core";
import "@tensorflow/tfjs";
import { unaryPyramidVjp, unaryPyramidZ } from "../../../lib/quantum/mod.ts";
import { createRng } from "../../../lib/runtime/mod.ts";

await tf.setBackend("cpu");

Deno.test("unaryPyramidZ() returns the typed-array gradients for x and theta when used in tf.grads", () => {
  const rng = createRng(5);
  const b = 4, n = 6;
  const xs = Float64Array.from({ length: b * n }, () => rng.normal());
  const ts = Float64Array.from({ length: 15 }, () => rng.normal());
  const weights = Float64Array.from({ length: b * n }, () => rng.normal());
  const gateMask = Uint8Array.from(
    { length: 15 },
    (_, k) => (k % 3 === 0 ? 0 : 1),
  );
  const opts = { repeat: 2 as const, gateMask };
  const x = tf.tensor2d(Float32Array.from(xs), [b, n]);
  const theta = tf.tensor1d(Float32Array.from(ts));
  const w = tf.tensor2d(Float32Array.from(weights), [b, n]);
  const [dx, dTheta] = tf.grads((a: tf.Tensor, t: tf.Tensor) =>
    tf.sum(tf.mul(unaryPyramidZ(a as tf.Tensor2D, t as tf.Tensor1D, opts), w))
  )([x, theta]);
  const ref = unaryPyramidVjp(x.dataSync(), theta.dataSync(), {
    ...opts,
    nQubits: n,
    dOut: weights,
  });
  const gx = dx.dataSync(), gt = dTheta.dataSync();
  ref.dx.forEach((v, i) =>
    assert.ok(Math.abs(gx[i] - v) < 1e-4 * (1 + Math.abs(v)), `dx${i}`)
  );
  ref.dTheta.forEach((v, k) =>
    assert.ok(Math.abs(gt[k] - v) < 1e-4 * (1 + Math.abs(v)), `dθ${k}`)
  );
  assert.equal(gt[0], 0);
});

Deno.test("unaryPyramidZ() trains theta with a tfjs optimizer when the target is reachable", () => {
  // Target: ⟨Z⟩ produced by known angles; SGD on squared error must reduce the loss 100-fold.
  const n = 4;
  const x = tf.tensor2d([[0.2, 0.5, -0.3, 0.8], [0.9, -0.1, 0.4, 0.1]]);
  const target = unaryPyramidZ(
    x,
    tf.tensor1d([0.3, -0.2, 0.5, 0.1, -0.4, 0.2]),
    { layout: "w4" },
  );
  const theta = tf.variable(tf.zeros([n * (n - 1) / 2]));
  const opt = tf.train.adam(0.05);
  const loss = () =>
    tf.mean(
      tf.square(
        tf.sub(
          unaryPyramidZ(x, theta as tf.Tensor1D, { layout: "w4" }),
          target,
        ),
      ),
    ) as tf.Scalar;
  const first = loss().dataSync()[0];
  for (let i = 0; i < 200; i++) opt.minimize(loss);
  const last = loss().dataSync()[0];
  assert.ok(last < first / 100, `loss ${first} -> ${last}`);
});
