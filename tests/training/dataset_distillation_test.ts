import assert from "node:assert/strict";
import * as tf from "@tensorflow/tfjs-core";
import { createRng, initBackend } from "../../lib/runtime/mod.ts";
import type { ParamNet } from "../../lib/models/mod.ts";
import {
  createDistilledSet,
  createDistillOptimizer,
  crossEntropy,
  distillStep,
  hypergradients,
  unrollSteps,
} from "../../lib/training/mod.ts";

await initBackend("cpu");

// Tiny problem: softmax regression z = x·W on 3-pixel images, 2 classes,
// S = 2 distilled steps of 2 images, E = 2 epochs (T = 4 inner steps).
const D = 3, C = 2, S = 2, E = 2;
const linear: ParamNet = {
  name: "linear",
  specs: [{
    name: "w",
    shape: [D, C],
    init: { kind: "normal", std: 0.5 },
    trainable: true,
    resample: true,
  }],
  apply: (p, x) =>
    tf.matMul(tf.reshape(x, [x.shape[0], D]), p[0]) as tf.Tensor2D,
};

/** CE of softmax(x·W) and its gradient Xᵀ(P − Y)/N, in float64. */
function ceAndGrad(x: number[][], y: number[], w: number[][]) {
  const g = w.map((row) => row.map(() => 0));
  let loss = 0;
  for (let n = 0; n < x.length; n++) {
    const z = [0, 1].map((c) => x[n].reduce((s, v, d) => s + v * w[d][c], 0));
    const m = Math.max(...z),
      lse = m + Math.log(z.reduce((s, v) => s + Math.exp(v - m), 0));
    loss -= (z[y[n]] - lse) / x.length;
    for (let c = 0; c < C; c++) {
      const p = Math.exp(z[c] - lse) - (c === y[n] ? 1 : 0);
      for (let d = 0; d < D; d++) g[d][c] += (x[n][d] * p) / x.length;
    }
  }
  return { loss, g };
}

/** The unrolled objective written out by hand: T steps of θ ← θ − softplus(r_t)·∇CE, then CE on real data. */
function handLoss(
  xt: number[],
  r: number[],
  ctx: { w0: number[][]; real: number[][]; realY: number[] },
): number {
  let w = ctx.w0.map((row) => [...row]);
  for (let t = 0; t < S * E; t++) {
    const s = t % S;
    const x = [0, 1].map((j) => xt.slice((s * 2 + j) * D, (s * 2 + j + 1) * D));
    const { g } = ceAndGrad(x, [0, 1], w); // labels j mod C
    const eta = Math.log1p(Math.exp(r[t]));
    w = w.map((row, d) => row.map((v, c) => v - eta * g[d][c]));
  }
  return ceAndGrad(ctx.real, ctx.realY, w).loss;
}

function setup() {
  const rng = createRng(42);
  const set = createDistilledSet(
    {
      nClasses: C,
      imagesPerClass: 1,
      nSteps: S,
      nEpochs: E,
      imageShape: [1, D, 1],
    },
    { rng, distillLr: 0.3 },
  );
  set.rawLr.assign(tf.tensor1d([0.1, -0.4, 0.7, -1.2])); // distinct η_t, so the order matters
  const w0 = [[0.3, -0.2], [0.1, 0.5], [-0.4, 0.2]];
  const real = [[1, -0.5, 0.2], [-0.3, 0.8, -1], [0.5, 0.5, 0.5], [
    -1,
    0.2,
    0.1,
  ]];
  const realY = [0, 1, 0, 1];
  const tensors = {
    theta: [tf.tensor2d(w0)],
    real: {
      x: tf.tensor4d(real.flat(), [4, 1, D, 1]),
      y: tf.oneHot(tf.tensor1d(realY, "int32"), C) as tf.Tensor2D,
    },
  };
  return { set, ctx: { w0, real, realY }, ...tensors };
}

function finiteDiffs(
  f: (v: number[]) => number,
  v: number[],
  eps = 1e-5,
): number[] {
  return v.map((_, i) => {
    const up = [...v], down = [...v];
    up[i] += eps;
    down[i] -= eps;
    return (f(up) - f(down)) / (2 * eps);
  });
}

Deno.test("hypergradients() matches finite differences of the hand-unrolled objective when T = 4 and S = 2", () => {
  const { set, ctx, theta, real } = setup();
  const xt = Array.from(set.images.dataSync()),
    r = Array.from(set.rawLr.dataSync());
  const h = hypergradients(linear, set, { thetas: [theta], real });
  assert.ok(Math.abs(h.loss - handLoss(xt, r, ctx)) < 1e-5);
  const wantX = finiteDiffs((v) => handLoss(v, r, ctx), xt);
  const wantR = finiteDiffs((v) => handLoss(xt, v, ctx), r);
  const gotX = h.dImages.dataSync(), gotR = h.dRawLr.dataSync();
  wantX.forEach((w, i) =>
    assert.ok(
      Math.abs(gotX[i] - w) < 1e-5 + 1e-3 * Math.abs(w),
      `x̃[${i}]: ${gotX[i]} vs ${w}`,
    )
  );
  wantR.forEach((w, i) =>
    assert.ok(
      Math.abs(gotR[i] - w) < 1e-5 + 1e-3 * Math.abs(w),
      `r[${i}]: ${gotR[i]} vs ${w}`,
    )
  );
  assert.ok(wantR.every((w) => Math.abs(w) > 1e-4)); // every step size matters
});

Deno.test("distillStep() moves x̃ and r by −lr·g/|g| (Adam's first step) when g is the hand-unrolled gradient", () => {
  const { set, ctx, theta, real } = setup();
  const xt = Array.from(set.images.dataSync()),
    r = Array.from(set.rawLr.dataSync());
  const lr = 0.01;
  const loss = distillStep(linear, set, {
    thetas: [theta],
    real,
    optimizer: createDistillOptimizer(lr),
    lr,
  });
  assert.ok(Math.abs(loss - handLoss(xt, r, ctx)) < 1e-5);
  const check = (before: number[], after: Float32Array, g: number[]) =>
    g.forEach((gi, i) => {
      // m̂ = g, v̂ = g² after one step: Δ = −lr·g/(|g| + 1e-8)
      const want = before[i] - lr * gi / (Math.abs(gi) + 1e-8);
      assert.ok(
        Math.abs(after[i] - want) < 1e-6,
        `[${i}]: ${after[i]} vs ${want}`,
      );
    });
  check(
    xt,
    set.images.dataSync() as Float32Array,
    finiteDiffs((v) => handLoss(v, r, ctx), xt),
  );
  check(
    r,
    set.rawLr.dataSync() as Float32Array,
    finiteDiffs((v) => handLoss(xt, v, ctx), r),
  );
});

Deno.test("hypergradients() averages over networks when two initialisations are sampled", () => {
  const { set, theta, real } = setup();
  const other = [tf.tensor2d([[-0.1, 0.4], [0.2, -0.3], [0.6, 0.1]])];
  const both = hypergradients(linear, set, { thetas: [theta, other], real });
  const a = hypergradients(linear, set, { thetas: [theta], real });
  const b = hypergradients(linear, set, { thetas: [other], real });
  assert.ok(Math.abs(both.loss - (a.loss + b.loss) / 2) < 1e-6);
  const avg = tf.div(tf.add(a.dImages, b.dImages), 2).dataSync();
  both.dImages.dataSync().forEach((v, i) =>
    assert.ok(Math.abs(v - avg[i]) < 1e-6)
  );
});

Deno.test("unrollSteps() leaves non-trainable parameters unchanged", () => {
  const { set, theta } = setup();
  const frozen: ParamNet = {
    ...linear,
    specs: [
      { ...linear.specs[0] },
      {
        name: "b",
        shape: [C],
        init: { kind: "constant", value: 0 },
        trainable: false,
        resample: false,
      },
    ],
    apply: (p, x) => tf.add(linear.apply(p, x), p[1]) as tf.Tensor2D,
  };
  const bias = tf.tensor1d([0.5, -0.5]);
  const out = unrollSteps(frozen, [theta[0], bias], {
    images: set.images,
    rawLr: set.rawLr,
    set,
  });
  assert.equal(out[1], bias);
  assert.notDeepEqual(
    Array.from(out[0].dataSync()),
    Array.from(theta[0].dataSync()),
  );
});

Deno.test("crossEntropy() equals −log softmax of the true class when logits are large", () => {
  const l = crossEntropy(tf.tensor2d([[1000, 1001]]), tf.tensor2d([[1, 0]]));
  assert.ok(Math.abs(l.dataSync()[0] - Math.log1p(Math.E)) < 1e-4);
});

Deno.test("createDistilledSet() and hypergradients() throw RangeErrors that name the problem", () => {
  assert.throws(
    () =>
      createDistilledSet({
        nClasses: 2,
        imagesPerClass: 0,
        nSteps: 1,
        nEpochs: 1,
        imageShape: [1, 1, 1],
      }, { rng: createRng(0) }),
    /Cannot create a distilled set: expected positive integer sizes and distillLr > 0, got \[2,0,1,1,1,1,1\] and 0.02/,
  );
  const { set, real } = setup();
  assert.throws(
    () => hypergradients(linear, set, { thetas: [], real }),
    /Cannot compute hypergradients: expected at least one network, got 0/,
  );
});
