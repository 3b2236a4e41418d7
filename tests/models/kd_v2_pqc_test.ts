import assert from "node:assert/strict";
import * as tf from "@tensorflow/tfjs-core";
import "@tensorflow/tfjs";
import { createRng } from "../../lib/runtime/mod.ts";
import { CpuSimulator } from "../../lib/quantum/mod.ts";
import {
  kdV2Circuit,
  type KdV2Encoding,
  kdV2ExpectationZ,
  kdV2PqcShape,
} from "../../lib/models/kd_v2_pqc.ts";

await tf.setBackend("cpu");

const ATOL = 1e-5;

function draw(n: number, seed: number, scale = Math.PI): Float32Array {
  const rng = createRng(seed);
  return Float32Array.from({ length: n }, () => (2 * rng.next() - 1) * scale);
}

function simulate(
  nQubits: number,
  encoding: KdV2Encoding,
  inputs: { features: Float32Array; weights: Float32Array; nBatch: number },
): Float64Array {
  const sim = new CpuSimulator(kdV2Circuit(nQubits, { encoding }), {
    batch: inputs.nBatch,
  });
  return sim.forward({ weights: inputs.weights, inputs: inputs.features });
}

for (
  const [nQubits, encoding] of [[2, "amplitude"], [4, "amplitude"], [
    3,
    "angle",
  ]] as const
) {
  Deno.test(`kdV2ExpectationZ() matches the statevector simulator when Q = ${nQubits} with ${encoding} encoding`, () => {
    const nBatch = 3;
    const nFeatures = encoding === "amplitude" ? 2 ** nQubits : nQubits;
    const features = draw(nBatch * nFeatures, 10 + nQubits, 1);
    const weights = draw(kdV2PqcShape(nQubits), 20 + nQubits);
    const z = kdV2ExpectationZ(
      tf.tensor2d(features, [nBatch, nFeatures]),
      tf.tensor1d(weights),
      {
        nQubits,
        encoding,
      },
    ).dataSync();
    const expected = simulate(nQubits, encoding, { features, weights, nBatch });
    for (let i = 0; i < expected.length; i++) {
      assert.ok(
        Math.abs(z[i] - expected[i]) < ATOL,
        `entry ${i}: ${z[i]} vs ${expected[i]}`,
      );
    }
  });
}

Deno.test("kdV2ExpectationZ() has weight gradients equal to central differences of the simulator", () => {
  const nQubits = 3;
  const features = draw(8, 31, 1);
  const weights = draw(kdV2PqcShape(nQubits), 32);
  const grad = tf.grad((w: tf.Tensor) =>
    tf.sum(
      kdV2ExpectationZ(tf.tensor2d(features, [1, 8]), w as tf.Tensor1D, {
        nQubits,
      }),
    )
  )(tf.tensor1d(weights)).dataSync();
  const h = 1e-3;
  for (let j = 0; j < weights.length; j++) {
    const plus = weights.slice();
    const minus = weights.slice();
    plus[j] += h;
    minus[j] -= h;
    const sumOf = (w: Float32Array) =>
      simulate(nQubits, "amplitude", { features, weights: w, nBatch: 1 })
        .reduce((a, b) => a + b, 0);
    const fd = (sumOf(plus) - sumOf(minus)) / (2 * h);
    assert.ok(
      Math.abs(grad[j] - fd) < 1e-3,
      `weight ${j}: ${grad[j]} vs ${fd}`,
    );
  }
  // rz₀ is the last gate before a Z measurement: it cannot change ⟨Z⟩.
  assert.ok(Math.abs(grad[3 * nQubits + 2]) < 1e-7);
});

Deno.test("kdV2ExpectationZ() names expected versus got when the feature count is wrong", () => {
  assert.throws(
    () => kdV2ExpectationZ(tf.zeros([1, 8]), tf.zeros([15]), { nQubits: 4 }),
    /Cannot evaluate the v2 KD circuit on 4 qubits: expected 16 features and 15 weights, got 8 and 15/,
  );
  assert.throws(
    () => kdV2Circuit(0, { encoding: "angle" }),
    /Cannot build the v2 KD circuit: expected a positive integer qubit count, got 0/,
  );
});
