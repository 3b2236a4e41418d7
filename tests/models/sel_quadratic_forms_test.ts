import assert from "node:assert/strict";
import * as tf from "@tensorflow/tfjs-core";
import { createRng, initBackend } from "../../lib/runtime/mod.ts";
import { hermitianReadout, qddCircuit } from "../../lib/models/mod.ts";
import { circuitQuadraticForms } from "../../lib/models/_circuit_quadratic_forms.ts";
import { selQuadraticForms } from "../../lib/models/_sel_quadratic_forms.ts";
import { tfjsCircuit } from "../../lib/quantum/mod.ts";
import { assertClose, mixedSecondOrder } from "./_second_order.ts";

await initBackend("cpu");

// PennyLane ranges 1, 2, 3; per wire X, Y, Z (or Z only), as qddCircuit
const optionsOf = (pauliZOnly: boolean) => ({
  ranges: [1, 2, 3],
  observables: Array.from(
    { length: 6 },
    (_, wire) =>
      (pauliZOnly ? ["Z"] as const : ["X", "Y", "Z"] as const).map((axis) => ({
        wire,
        axis,
      })),
  ).flat(),
});

function randoms(n: number, seed: number, scale = 1): Float32Array {
  const rng = createRng(seed);
  return Float32Array.from({ length: n }, () => scale * rng.normal());
}

Deno.test("selQuadraticForms() equals Re(U†PU) from the float64 CPU simulator when the angles are random", () => {
  for (const pauliZOnly of [false, true]) {
    const circuit = qddCircuit({ pauliZOnly });
    const nObs = circuit.observables.length;
    const w = randoms(54, 3, 2);
    const want = circuitQuadraticForms(circuit, w); // [p, j, k]
    const got = selQuadraticForms(
      tf.tensor3d(w, [3, 6, 3]),
      optionsOf(pauliZOnly),
    )
      .dataSync(); // [j, p, k]
    assert.equal(got.length, nObs * 64 * 64);
    let worst = 0;
    for (let p = 0; p < nObs; p++) {
      for (let j = 0; j < 64; j++) {
        for (let k = 0; k < 64; k++) {
          const d = got[(j * nObs + p) * 64 + k] - want[(p * 64 + j) * 64 + k];
          worst = Math.max(worst, Math.abs(d));
        }
      }
    }
    assert.ok(worst < 1e-5, `max |ΔK| = ${worst}`);
  }
});

Deno.test("selQuadraticForms() expectations fᵀKf/fᵀf equal tfjsCircuit()'s gate-by-gate simulation when the features are random", () => {
  const circuit = qddCircuit({ pauliZOnly: false });
  const w = randoms(54, 4), f = tf.tensor2d(randoms(5 * 64, 5), [5, 64]);
  const want = tfjsCircuit(circuit, { weights: tf.tensor1d(w), inputs: f });
  const k = selQuadraticForms(tf.tensor3d(w, [3, 6, 3]), optionsOf(false));
  const fk = tf.reshape(tf.matMul(f, k), [5, 18, 64]);
  const got = tf.div(
    tf.sum(tf.mul(fk, tf.reshape(f, [5, 1, 64])), 2),
    tf.sum(tf.square(f), 1, true),
  );
  assertClose(Array.from(got.dataSync()), Array.from(want.dataSync()), {
    atol: 1e-5,
    rtol: 0,
  });
});

Deno.test("selQuadraticForms() + hermitianReadout() second derivatives in the angles through the feature and H gradients match finite differences", () => {
  // The QNN block with trained angles: F(w, [f, M]) = Σ c ⊙ q(f; w, M)²
  const options = optionsOf(false);
  const w = tf.tensor3d(randoms(54, 6, 0.8), [3, 6, 3]);
  const f = tf.tensor2d(randoms(2 * 64, 7), [2, 64]);
  const m = tf.tensor4d(randoms(48, 8), [6, 2, 2, 2]);
  const c = tf.tensor2d(randoms(12, 9), [2, 6]);
  const block = (ww: tf.Tensor, p: tf.Tensor[]) => {
    const k = selQuadraticForms(ww, options);
    const ff = p[0] as tf.Tensor2D;
    const fk = tf.reshape(tf.matMul(ff, k), [2, 18, 64]);
    const paulis = tf.div(
      tf.sum(tf.mul(fk, tf.reshape(ff, [2, 1, 64])), 2),
      tf.sum(tf.square(ff), 1, true),
    ) as tf.Tensor2D;
    return tf.sum(
      tf.mul(c, tf.square(hermitianReadout(paulis, p[1]))),
    ) as tf.Scalar;
  };
  const { autodiff, finiteDiff } = mixedSecondOrder(block, w, [f, m], {
    probes: [0, 7, 20, 31, 45, 53],
    eps: 3e-3,
  });
  assertClose(autodiff, finiteDiff, { atol: 2e-3, rtol: 2e-2 });
  assert.ok(autodiff.some((a) => Math.abs(a) > 1e-2));
});

Deno.test("selQuadraticForms() throws a RangeError naming both counts when the ranges miss a layer", () => {
  assert.throws(
    () =>
      selQuadraticForms(tf.zeros([3, 6, 3]), {
        ranges: [1, 2],
        observables: [],
      }),
    /expected 3 ranges, got 2/,
  );
});
