import assert from "node:assert/strict";
import * as tf from "@tensorflow/tfjs-core";
import "@tensorflow/tfjs";
import { createRng } from "../../lib/runtime/mod.ts";
import { countParams } from "../../lib/models/mod.ts";
import { kdStudentV2 } from "../../lib/models/kd_student_v2.ts";

await tf.setBackend("cpu");

Deno.test("kdStudentV2() has 3Q + 3 circuit angles plus the head when the reduction is fixed", () => {
  // Notes §2.2: 15 angles for Q = 4, 27 for Q = 8; head Q → 10 with bias.
  const m4 = kdStudentV2({
    nQubits: 4,
    nInputs: 16,
    reduction: "fixed",
    rng: createRng(1),
  });
  assert.equal(countParams(m4), 15 + 4 * 10 + 10);
  const m8 = kdStudentV2({
    nQubits: 8,
    nInputs: 256,
    reduction: "fixed",
    rng: createRng(1),
  });
  assert.equal(countParams(m8), 27 + 8 * 10 + 10);
  const x = tf.randomUniform([3, 16, 16, 1], 0, 1, "float32", 2) as tf.Tensor4D;
  assert.deepEqual(m8.apply(x, { training: false }).shape, [3, 10]);
});

Deno.test("kdStudentV2() reduces to Q angles with angle encoding and the fc reduction", () => {
  const m = kdStudentV2({
    nQubits: 4,
    nInputs: 784,
    reduction: "fc",
    encoding: "angle",
    rng: createRng(1),
  });
  assert.equal(countParams(m), 784 * 4 + 4 + 15 + 50);
});

Deno.test("kdStudentV2() fc reduction maps 784 pixels to 2^Q amplitudes when Q = 4 and 8", () => {
  // Notes §4 (a): a linear layer 784 → 2^Q feeds the amplitude encoder.
  for (const nQubits of [4, 8]) {
    const m = kdStudentV2({
      nQubits,
      nInputs: 784,
      reduction: "fc",
      rng: createRng(1),
    });
    const dim = 2 ** nQubits;
    const kernels = m.variables.filter((v) => v.name.endsWith("kernel"));
    assert.deepEqual(kernels[0].variable.shape, [784, dim]);
    assert.equal(
      countParams(m),
      784 * dim + dim + (3 * nQubits + 3) + nQubits * 10 + 10,
    );
    m.variables.forEach((v) => v.variable.dispose());
  }
});

Deno.test("kdStudentV2() trains its circuit angles and reduction when fitted with gradients", () => {
  const m = kdStudentV2({
    nQubits: 2,
    nInputs: 8,
    reduction: "fc",
    nClasses: 2,
    rng: createRng(3),
  });
  const x = tf.randomUniform([4, 1, 1, 8], 0, 1, "float32", 5) as tf.Tensor4D;
  const { grads } = tf.variableGrads(
    () => tf.sum(m.apply(x, { training: true })),
    m.variables.map((v) => v.variable),
  );
  for (const v of m.variables) {
    const g = grads[v.variable.name].dataSync();
    assert.ok(g.some((value) => value !== 0), `${v.name} has a zero gradient`);
  }
});

Deno.test("kdStudentV2() gives the same logits and gradients with the simulator as in closed form", () => {
  const x = tf.randomUniform([3, 28, 28, 1], 0, 1, "float32", 9) as tf.Tensor4D;
  const run = (
    quantum: "closed_form" | "simulator",
    encoding: "amplitude" | "angle",
  ) => {
    const m = kdStudentV2({
      nQubits: 4,
      nInputs: 784,
      reduction: "fc",
      encoding,
      quantum,
      rng: createRng(4),
    });
    const vars = m.variables.map((v) => v.variable);
    const { value, grads } = tf.variableGrads(
      () => tf.sum(tf.mul(m.apply(x, { training: true }), tf.range(1, 11))),
      vars,
    );
    return [value.dataSync(), ...vars.map((v) => grads[v.name].dataSync())];
  };
  for (const encoding of ["amplitude", "angle"] as const) {
    const closed = run("closed_form", encoding);
    const simulated = run("simulator", encoding);
    for (let t = 0; t < closed.length; t++) {
      for (let i = 0; i < closed[t].length; i++) {
        assert.ok(
          Math.abs(closed[t][i] - simulated[t][i]) <
            1e-4 * (1 + Math.abs(closed[t][i])),
          `${encoding} tensor ${t} entry ${i}: ${closed[t][i]} vs ${
            simulated[t][i]
          }`,
        );
      }
    }
  }
});

Deno.test("kdStudentV2() gives finite, equal logits on both paths when a feature vector is all zero", () => {
  // A black 4×4 centre crop: without the offset the amplitude encoding divides 0 by 0.
  const x = tf.zeros([2, 4, 4, 1]) as tf.Tensor4D;
  const logits = (quantum: "closed_form" | "simulator") =>
    kdStudentV2({
      nQubits: 4,
      nInputs: 16,
      reduction: "fixed",
      quantum,
      rng: createRng(6),
    })
      .apply(x, { training: false }).dataSync();
  const closed = logits("closed_form");
  const simulated = logits("simulator");
  for (let i = 0; i < closed.length; i++) {
    assert.ok(Number.isFinite(closed[i]) && Number.isFinite(simulated[i]));
    assert.ok(Math.abs(closed[i] - simulated[i]) < 1e-5);
  }
});

Deno.test("kdStudentV2() names expected versus got when fixed features do not match 2^Q", () => {
  assert.throws(
    () =>
      kdStudentV2({
        nQubits: 4,
        nInputs: 784,
        reduction: "fixed",
        rng: createRng(1),
      }),
    /Cannot build the v2 KD student: expected 16 pre-reduced features for amplitude encoding on 4 qubits, got 784/,
  );
});
