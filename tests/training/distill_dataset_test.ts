import assert from "node:assert/strict";
import * as tf from "@tensorflow/tfjs-core";
import { createRng, initBackend } from "../../lib/runtime/mod.ts";
import type { ParamNet } from "../../lib/models/mod.ts";
import { distillDataset, evaluateDistilled } from "../../lib/training/mod.ts";

await initBackend("cpu");

// Two linearly separable 1-pixel classes; a kept (resample: false) offset.
const net: ParamNet = {
  name: "toy",
  specs: [
    {
      name: "w",
      shape: [1, 2],
      init: { kind: "normal", std: 0.1 },
      trainable: true,
      resample: true,
    },
    {
      name: "b",
      shape: [2],
      init: { kind: "normal", std: 0.1 },
      trainable: true,
      resample: false,
    },
  ],
  apply: (p, x) =>
    tf.add(
      tf.matMul(tf.reshape(x, [x.shape[0], 1]), p[0]),
      p[1],
    ) as tf.Tensor2D,
};
const rng = createRng(4);
const xs = Float32Array.from(
  { length: 64 },
  (_, i) => (i % 2 ? 1 : -1) * (0.5 + rng.next()),
);
const train = {
  images: xs,
  shape: [64, 1, 1, 1] as [number, number, number, number],
  labels: Uint8Array.from(xs, (v) => (v > 0 ? 1 : 0)),
};

Deno.test("distillDataset() keeps θ_0 fixed when init is known and re-draws only resample specs when unknown", () => {
  const options = {
    shape: { nClasses: 2, imagesPerClass: 1, nSteps: 1, nEpochs: 2 },
    nOuterSteps: 3,
    batchSize: 16,
  };
  const known = distillDataset(net, train, {
    ...options,
    rng: createRng(1),
    initMode: "known",
  });
  const unknown = distillDataset(net, train, {
    ...options,
    rng: createRng(1),
    initMode: "unknown",
  });
  // same rng: the first draw is shared; known keeps it, unknown re-draws w only
  const [kw, kb] = known.thetas[0].map((t) => Array.from(t.dataSync()));
  const [uw, ub] = unknown.thetas[0].map((t) => Array.from(t.dataSync()));
  assert.deepEqual(ub, kb);
  assert.notDeepEqual(uw, kw);
  assert.equal(known.losses.length, 3);
});

Deno.test("distillDataset() keeps n_nets = 2 distinct fixed initialisations, the first equal to the single-network draw, when init is known", () => {
  const options = {
    shape: { nClasses: 2, imagesPerClass: 1, nSteps: 1, nEpochs: 2 },
    nOuterSteps: 3,
    batchSize: 16,
    initMode: "known" as const,
  };
  const two = distillDataset(net, train, {
    ...options,
    rng: createRng(2),
    nNets: 2,
  });
  const one = distillDataset(net, train, { ...options, rng: createRng(2) });
  const values = (thetas: tf.Tensor[][]) =>
    thetas.map((t) => t.map((p) => Array.from(p.dataSync())));
  const [a, b] = values(two.thetas);
  assert.equal(two.thetas.length, 2);
  assert.notDeepEqual(a, b);
  // known_init never moves θ_0: after 3 steps both are still the first draws
  assert.deepEqual(a, values(one.thetas)[0]);
  // the second network enters the (averaged) outer loss
  assert.notEqual(two.losses[0], one.losses[0]);
});

Deno.test("distillDataset() lowers the outer loss and the distilled steps teach a fresh network when the classes are separable", () => {
  const r = distillDataset(net, train, {
    shape: { nClasses: 2, imagesPerClass: 1, nSteps: 1, nEpochs: 1 },
    rng: createRng(2),
    initMode: "known",
    nOuterSteps: 40,
    batchSize: 32,
    lr: 0.05,
    distillLr: 0.5,
  });
  const mean = (a: number[]) => a.reduce((s, v) => s + v, 0) / a.length;
  assert.ok(mean(r.losses.slice(-5)) < mean(r.losses.slice(0, 5)));
  const e = evaluateDistilled(net, r.set, { theta0: r.thetas[0], test: train });
  assert.equal(e.accuracyAfter, 1);
});

Deno.test("distillDataset() throws a RangeError naming the range when the batch exceeds the set", () => {
  assert.throws(
    () =>
      distillDataset(net, train, {
        shape: { nClasses: 2, imagesPerClass: 1, nSteps: 1, nEpochs: 1 },
        rng: createRng(0),
        initMode: "known",
        nOuterSteps: 1,
        batchSize: 65,
      }),
    /Cannot distil: expected a batch size in \[1, 64\], got 65/,
  );
});
