import assert from "node:assert/strict";
import * as tf from "@tensorflow/tfjs-core";
import "@tensorflow/tfjs";
import { createRng } from "../../lib/runtime/mod.ts";
import {
  kdStudentV1,
  type KdStudentV1Options,
} from "../../lib/models/kd_student_v1.ts";
import { kdStudentV1Cpu } from "../../lib/models/kd_student_v1_cpu.ts";

await tf.setBackend("cpu");

/** Tolerances: float32 tfjs against our float64 loops. */
const OUT_ATOL = 1e-5;
const GRAD_RTOL = 1e-4;

type Setting = Omit<KdStudentV1Options, "rng">;

function image(seed: number): Float32Array {
  const rng = createRng(seed);
  // Continuous pixels: no max-pool ties, so both tie rules route alike.
  return new Float32Array(784).map(() => rng.next());
}

function weights(seed: number, n: number): Float64Array {
  const rng = createRng(seed);
  return new Float64Array(n).map(() => rng.normal());
}

/** tfjs ∂(Σ_k r_k o_k)/∂W per variable, and the outputs o. */
function tfjsGrads(setting: Setting, x: Float32Array, r: Float64Array) {
  const model = kdStudentV1({ ...setting, rng: createRng(7) });
  const vars = model.variables.map((v) => v.variable);
  const xt = tf.tensor4d(x, [1, 28, 28, 1]);
  const { grads } = tf.variableGrads(
    () =>
      tf.sum(
        tf.mul(
          model.apply(xt, { training: false }),
          tf.tensor2d(Float32Array.from(r), [1, r.length]),
        ),
      ),
    vars,
  );
  return { model, grads: vars.map((v) => grads[v.name].dataSync()) };
}

/** Our gradient in tfjs layout: copy it into params and write them to a twin model. */
function cpuGrads(setting: Setting, x: Float32Array, r: Float64Array) {
  const model = kdStudentV1({ ...setting, rng: createRng(7) });
  const student = kdStudentV1Cpu(model, { rng: createRng(3) });
  student.forward(x, { training: false });
  student.backward(r);
  student.params.set(student.grads);
  student.writeTo(model);
  return model.variables.map((v) => v.variable.dataSync());
}

function norm(a: ArrayLike<number>): number {
  let s = 0;
  for (let i = 0; i < a.length; i++) s += a[i] * a[i];
  return Math.sqrt(s);
}

const SETTINGS: Setting[] = [
  { nQubits: 3, head: "sigmoid_pair", gradient: "exact" },
  { nQubits: 3, head: "sigmoid_pair", gradient: "shift" },
  { nQubits: 4, head: "softmax", gradient: "exact" },
  { nQubits: 4, head: "softmax", gradient: "shift" },
];

Deno.test("kdStudentV1Cpu() outputs equal kdStudentV1's when dropout is off and probabilities exact", () => {
  for (const setting of SETTINGS) {
    const model = kdStudentV1({ ...setting, rng: createRng(5) });
    const student = kdStudentV1Cpu(model, { rng: createRng(1) });
    for (const seed of [1, 2]) {
      const x = image(seed);
      const want = model.apply(tf.tensor4d(x, [1, 28, 28, 1]), {
        training: false,
      }).dataSync();
      const got = student.forward(x, { training: false });
      assert.equal(got.length, want.length);
      for (let k = 0; k < want.length; k++) {
        assert.ok(
          Math.abs(got[k] - want[k]) < OUT_ATOL,
          `${setting.head} ${k}: ${got[k]} vs ${want[k]}`,
        );
      }
    }
  }
});

Deno.test("kdStudentV1Cpu() weight gradients equal tfjs' for both heads and both gradient forms", () => {
  for (const setting of SETTINGS) {
    const x = image(11);
    const r = weights(12, setting.head === "softmax" ? 16 : 16);
    const { grads: want } = tfjsGrads(setting, x, r);
    const got = cpuGrads(setting, x, r);
    for (let v = 0; v < want.length; v++) {
      const diff = want[v].map((w, i) => w - got[v][i]);
      assert.ok(norm(want[v]) > 0, `variable ${v} has a gradient`);
      assert.ok(
        norm(diff) <= GRAD_RTOL * norm(want[v]),
        `${setting.head} ${setting.gradient} variable ${v}: ‖Δ‖ ${
          norm(diff)
        } vs ‖g‖ ${norm(want[v])}`,
      );
    }
  }
});

Deno.test("kdStudentV1Cpu() exact gradients match float64 central differences", () => {
  for (const head of ["sigmoid_pair", "softmax"] as const) {
    const model = kdStudentV1({
      nQubits: 3,
      head,
      gradient: "exact",
      rng: createRng(9),
    });
    const student = kdStudentV1Cpu(model, { rng: createRng(1) });
    const x = image(3);
    const r = weights(4, student.nOut);
    const f = () => {
      const o = student.forward(x, { training: false });
      return o.reduce((s, v, k) => s + v * r[k], 0);
    };
    f();
    student.backward(r);
    // A few coordinates from every layer: conv1, conv2, fc1, fc2 kernels and biases.
    const coords = [3, 252, 700, 5265, 9000, 21284, 21350, 21482];
    const h = 1e-6;
    for (const i of coords) {
      const w0 = student.params[i];
      student.params[i] = w0 + h;
      const up = f();
      student.params[i] = w0 - h;
      const down = f();
      student.params[i] = w0;
      const fd = (up - down) / (2 * h);
      const g = student.grads[i];
      assert.notEqual(g, 0, `${head} coordinate ${i} has a gradient`);
      assert.ok(
        Math.abs(fd - g) <= 1e-6 * (1e-3 + Math.abs(g)) + 1e-9,
        `${head} coordinate ${i}: fd ${fd} vs ${g}`,
      );
    }
  }
});

Deno.test("kdStudentV1Cpu() code-mode gradient is √2 × the exact one when shots = 0", () => {
  const x = image(21);
  const r = weights(22, 16);
  const grads = (gradient: "shift" | "exact") => {
    const model = kdStudentV1({ nQubits: 3, gradient, rng: createRng(2) });
    const student = kdStudentV1Cpu(model, { rng: createRng(1) });
    student.forward(x, { training: false });
    student.backward(r);
    return student.grads;
  };
  const code = grads("shift");
  const exact = grads("exact");
  for (let i = 0; i < code.length; i++) {
    assert.ok(
      Math.abs(code[i] - Math.SQRT2 * exact[i]) <=
        1e-12 * (1 + Math.abs(exact[i])),
    );
  }
});

Deno.test("kdStudentV1Cpu() draws the same dropout masks and shots when seeded alike, and others otherwise", () => {
  const model = kdStudentV1({ nQubits: 3, shots: 5000, rng: createRng(2) });
  const x = image(5);
  const run = (seed: number) => {
    const student = kdStudentV1Cpu(model, { rng: createRng(seed) });
    const outs = [1, 2, 3].map(() =>
      Array.from(student.forward(x, { training: true }))
    );
    student.backward(weights(1, 16));
    return { outs, grads: Array.from(student.grads) };
  };
  assert.deepEqual(run(1), run(1));
  assert.notDeepEqual(run(1).outs, run(2).outs);
  // Frequencies are multiples of 1/5000 behind σ: σ⁻¹(o) · 5000 is an integer.
  for (const o of run(3).outs[0].slice(0, 8)) {
    const p = Math.log(o / (1 - o));
    assert.ok(Math.abs(p * 5000 - Math.round(p * 5000)) < 1e-6, `${p}`);
  }
});

Deno.test("kdStudentV1Cpu() writes its parameters back to the tfjs model unchanged", () => {
  const model = kdStudentV1({ nQubits: 4, rng: createRng(8) });
  const before = model.variables.map((v) => Array.from(v.variable.dataSync()));
  kdStudentV1Cpu(model, { rng: createRng(1) }).writeTo(model);
  assert.deepEqual(
    model.variables.map((v) => Array.from(v.variable.dataSync())),
    before,
  );
});
