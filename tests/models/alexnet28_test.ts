import assert from "node:assert/strict";
import * as tf from "@tensorflow/tfjs-core";
import { createRng } from "../../lib/runtime/mod.ts";
import { initBackend } from "../../lib/runtime/tfjs/mod.ts";
import {
  alexnet28,
  alexnet28Layers,
  denseWeightsFirstGrad,
} from "../../lib/models/alexnet28.ts";
import { kdEnsemble } from "../../lib/models/kd_ensemble.ts";
import { countParams, lenet5 } from "../../lib/models/mod.ts";

// wasm: the 77 M-weight first FC layer is slow on the plain-JS cpu backend.
await initBackend("wasm");

function layerCount(nClasses: number): number {
  return alexnet28Layers(nClasses).reduce(
    (acc, [, shape]) =>
      acc + shape.reduce((a, b) => a * b, 1) + shape[shape.length - 1],
    0,
  );
}

Deno.test("alexnet28Layers() gives the notebooks' 94,655,686 parameters when C = 6", () => {
  assert.equal(layerCount(6), 94655686);
});

Deno.test("alexnet28() has 94,663,880 parameters and the ensemble 94,708,136 when C = 8", () => {
  // The three KD teachers of notes §1, printed by the notebooks.
  const alex = alexnet28({ nClasses: 8, rng: createRng(0) });
  const lenet = lenet5({ nClasses: 8, rng: createRng(1) });
  try {
    console.log(`alexnet28 parameters (C = 8): ${countParams(alex)}`);
    assert.equal(countParams(alex), 94663880);
    assert.equal(countParams(lenet), 44256);
    assert.equal(countParams(kdEnsemble([alex, lenet])), 94708136);
    const x = tf.randomUniform(
      [2, 28, 28, 1],
      0,
      1,
      "float32",
      3,
    ) as tf.Tensor4D;
    const z = alex.apply(x, { training: false });
    assert.deepEqual(z.shape, [2, 8]);
    // Mean of the members' logits.
    const mean = tf.div(tf.add(z, lenet.apply(x, { training: false })), 2);
    const e = kdEnsemble([alex, lenet]).apply(x, { training: false });
    assert.ok(tf.max(tf.abs(tf.sub(mean, e))).dataSync()[0] < 1e-5);
  } finally {
    [...alex.variables, ...lenet.variables].forEach((v) =>
      v.variable.dispose()
    );
  }
});

Deno.test("kdEnsemble() names expected versus got when given no member", () => {
  assert.throws(
    () => kdEnsemble([]),
    /Cannot build an ensemble: expected at least one member, got 0/,
  );
});

Deno.test("denseWeightsFirstGrad() gives tfjs' own dense gradients for x, W and b", () => {
  // Independent truth: autodiff through the plain matMul + add.
  const rng = (seed: number, shape: [number, number] | [number]) =>
    tf.randomNormal(shape, 0, 1, "float32", seed);
  const x = rng(1, [3, 5]) as tf.Tensor2D;
  const w = rng(2, [5, 4]) as tf.Tensor2D;
  const b = rng(3, [4]);
  const probe = rng(4, [3, 4]); // a fixed, non-uniform upstream gradient
  const loss =
    (f: (x: tf.Tensor2D, w: tf.Tensor2D, b: tf.Tensor) => tf.Tensor) =>
    (xx: tf.Tensor, ww: tf.Tensor, bb: tf.Tensor) =>
      tf.sum(tf.mul(f(xx as tf.Tensor2D, ww as tf.Tensor2D, bb), probe));
  const mine = tf.grads(loss(denseWeightsFirstGrad))([x, w, b]);
  const plain = tf.grads(loss((xx, ww, bb) => tf.add(tf.matMul(xx, ww), bb)))([
    x,
    w,
    b,
  ]);
  for (let k = 0; k < 3; k++) {
    assert.deepEqual(mine[k].shape, plain[k].shape);
    const err = tf.max(tf.abs(tf.sub(mine[k], plain[k]))).dataSync()[0];
    assert.ok(err < 1e-5, `input ${k}: max |Δ| = ${err}`);
  }
});
