import assert from "node:assert/strict";
import * as tf from "@tensorflow/tfjs-core";
import "@tensorflow/tfjs";
import { createRng } from "../../lib/runtime/mod.ts";
import { countParams } from "../../lib/models/mod.ts";
import { kdStudentV1 } from "../../lib/models/kd_student_v1.ts";

await tf.setBackend("cpu");

Deno.test("kdStudentV1() has the notebooks' used-layer parameter counts when Q = 3 and 4", () => {
  // Notes §2.1: 21,493 / 21,556 printed, minus the unused qcsim and fc3 layers.
  assert.equal(
    countParams(kdStudentV1({ nQubits: 3, rng: createRng(1) })),
    21483,
  );
  assert.equal(
    countParams(kdStudentV1({ nQubits: 4, rng: createRng(1) })),
    21534,
  );
});

Deno.test("kdStudentV1() outputs 2^{Q+1} values in [σ(0), σ(1)] ranges with H1 and a softmax with H2", () => {
  const x = tf.randomUniform([3, 28, 28, 1], 0, 1, "float32", 1) as tf.Tensor4D;
  const h1 = kdStudentV1({ nQubits: 3, rng: createRng(2) }).apply(x, {
    training: false,
  });
  assert.deepEqual(h1.shape, [3, 16]);
  const v = h1.arraySync() as number[][];
  for (const row of v) {
    // σ(p) ∈ [0.5, 0.731] and 1 − σ(p) ∈ [0.269, 0.5] (notes §2.1).
    for (let k = 0; k < 8; k++) {
      assert.ok(row[k] >= 0.5 && row[k] <= 0.7311, `${row[k]}`);
      assert.ok(Math.abs(row[k] + row[k + 8] - 1) < 1e-6);
    }
  }
  const h2 = kdStudentV1({ nQubits: 4, head: "softmax", rng: createRng(2) })
    .apply(x, {
      training: false,
    });
  assert.deepEqual(h2.shape, [3, 16]);
  for (const row of h2.arraySync() as number[][]) {
    assert.ok(Math.abs(row.reduce((a, b) => a + b, 0) - 1) < 1e-5);
  }
});

Deno.test("kdStudentV1() code-mode weight gradients are √2 × the exact ones when shots = 0", () => {
  const x = tf.randomUniform([2, 28, 28, 1], 0, 1, "float32", 4) as tf.Tensor4D;
  const gradsOf = (gradient: "shift" | "exact") => {
    const model = kdStudentV1({ nQubits: 3, gradient, rng: createRng(7) });
    const vars = model.variables.map((v) => v.variable);
    const { grads } = tf.variableGrads(
      () =>
        tf.sum(tf.mul(model.apply(x, { training: false }), tf.range(0, 16))),
      vars,
    );
    return vars.map((v) => grads[v.name].dataSync());
  };
  const code = gradsOf("shift");
  const exact = gradsOf("exact");
  for (let l = 0; l < code.length; l++) {
    for (let i = 0; i < code[l].length; i += 17) {
      assert.ok(
        Math.abs(code[l][i] - Math.SQRT2 * exact[l][i]) <
          1e-4 * (1 + Math.abs(exact[l][i])),
        `variable ${l} entry ${i}`,
      );
    }
  }
});

Deno.test("kdStudentV1() draws the same shots when seeded alike", () => {
  const x = tf.randomUniform([2, 28, 28, 1], 0, 1, "float32", 5) as tf.Tensor4D;
  const run = () =>
    kdStudentV1({ nQubits: 3, shots: 100, rng: createRng(3) }).apply(x, {
      training: false,
    })
      .dataSync();
  assert.deepEqual(run(), run());
});

Deno.test("kdStudentV1() names expected versus got when Q or shots are out of range", () => {
  assert.throws(
    () => kdStudentV1({ nQubits: 9, rng: createRng(1) }),
    /Cannot build the v1 KD student: expected 1…8 qubits, got 9/,
  );
  assert.throws(
    () => kdStudentV1({ nQubits: 3, shots: -1, rng: createRng(1) }),
    /Cannot build the v1 KD student: expected a non-negative integer shot count, got -1/,
  );
});
