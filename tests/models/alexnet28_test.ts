import assert from "node:assert/strict";
import * as tf from "@tensorflow/tfjs-core";
import { createRng } from "../../lib/runtime/mod.ts";
import { initBackend } from "../../lib/runtime/tfjs/mod.ts";
import { alexnet28, alexnet28Layers } from "../../lib/models/alexnet28.ts";
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
