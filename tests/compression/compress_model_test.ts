import assert from "node:assert/strict";
import * as tf from "@tensorflow/tfjs";
import {
  applyMasks,
  compressModel,
  lowRankKernel,
} from "../../lib/compression/mod.ts";
import type { Model } from "../../lib/models/mod.ts";
import { createRng } from "../../lib/runtime/mod.ts";

await tf.setBackend("cpu");

function tinyModel(seed: number): Model {
  const rng = createRng(seed);
  const fill = (n: number) =>
    Float32Array.from({ length: n }, () => 0.1 * rng.normal());
  const variables = [
    {
      name: "conv/kernel",
      variable: tf.variable(tf.tensor4d(fill(3 * 3 * 4 * 8), [3, 3, 4, 8])),
      trainable: true,
    },
    {
      name: "eca/kernel",
      variable: tf.variable(tf.tensor3d(fill(5), [5, 1, 1])),
      trainable: true,
    },
    {
      name: "fc/kernel",
      variable: tf.variable(tf.tensor2d(fill(8 * 3), [8, 3])),
      trainable: true,
    },
  ];
  return {
    name: "tiny",
    variables,
    apply: (x) => tf.reshape(x, [1, -1]) as tf.Tensor2D,
  };
}

Deno.test("compressModel() writes the dense rank-r SVD kernel when only the svd step runs", () => {
  const model = tinyModel(1);
  const before = model.variables.map((v) => v.variable.dataSync().slice());
  compressModel(model, {
    impl: "code",
    sparsity: 0.5,
    rank: 2,
    rng: createRng(0),
    steps: { prune: false, svd: true, anneal: false },
  });
  const expected = lowRankKernel(before[0], [3, 3, 4, 8], { rank: 2 });
  const got = model.variables[0].variable.dataSync();
  assert.deepEqual(model.variables[0].variable.shape, [3, 3, 4, 8]);
  for (let i = 0; i < got.length; i++) {
    assert.ok(Math.abs(got[i] - expected[i]) < 1e-6);
  }
  assert.deepEqual(model.variables[1].variable.dataSync(), before[1]); // ECA 1-D conv untouched
  assert.deepEqual(model.variables[2].variable.dataSync(), before[2]); // linear untouched
});

Deno.test("compressModel() leaves dense full-shape kernels without the pruned zeros when all steps run (notes §2)", () => {
  const model = tinyModel(2);
  const r = compressModel(model, {
    impl: "code",
    sparsity: 0.3779,
    rank: 5,
    rng: createRng(3),
  });
  assert.equal(r.layers.length, 1);
  assert.ok(r.layers[0].prunedSparsity > 0.9); // ≈ 99.3 % after 5 sweeps with entanglement
  assert.equal(r.layers[0].finalSparsity, 0); // SVD + factorization overwrite the zeros
  assert.ok(r.layers[0].annealingRelativeError! > 0);
  assert.deepEqual(model.variables[0].variable.shape, [3, 3, 4, 8]);
});

Deno.test("applyMasks() restores the pruned zeros when masks are kept", () => {
  const model = tinyModel(4);
  const r = compressModel(model, {
    impl: "paper",
    sparsity: 0.5,
    rank: 3,
    rng: createRng(5),
    pEntangle: 0,
  });
  applyMasks(model, r.masks);
  const w = model.variables[0].variable.dataSync();
  const mask = r.masks.get("conv/kernel")!;
  let zeros = 0;
  for (let i = 0; i < w.length; i++) {
    if (mask[i] === 0) assert.ok(w[i] === 0, `w[${i}] = ${w[i]}`);
    zeros += w[i] === 0 ? 1 : 0;
  }
  assert.equal(zeros, Math.floor(0.5 * w.length));
});

Deno.test("applyMasks() throws a RangeError naming the variable when a mask has the wrong size", () => {
  assert.throws(
    () => applyMasks(tinyModel(6), new Map([["fc/kernel", new Uint8Array(2)]])),
    {
      name: "RangeError",
      message: 'Cannot apply mask to "fc/kernel": expected 24 entries, got 2',
    },
  );
});
