import assert from "node:assert/strict";
import * as tf from "@tensorflow/tfjs";
import { createQuantumOrthogonalNetwork } from "../../lib/models/mod.ts";
import { createRng } from "../../lib/runtime/mod.ts";
import { rocAuc, trainQdrop } from "../../lib/training/mod.ts";
import {
  createKerasAdam,
  kerasAdamStep,
} from "../../lib/training/_keras_adam.ts";
import {
  classOneScores,
  isConstantPredictor,
  kerasAccuracy,
  kerasAuc,
  meanLoss,
} from "../../lib/training/_binary_metrics.ts";

await tf.setBackend("cpu");

/** A small separable task: the label sets feature y or 1 − y high. */
function toyTask(n: number, seed: number) {
  const rng = createRng(seed);
  const features = new Float32Array(n * 6), labels = new Uint8Array(n);
  for (let i = 0; i < n; i++) {
    labels[i] = rng.int(2);
    for (let j = 0; j < 6; j++) features[i * 6 + j] = 0.3 * rng.normal();
    features[i * 6 + labels[i]] += 2;
  }
  return { features, shape: [n, 6] as [number, number], labels };
}

const LR = { initial: 0.3, decaySteps: 16, alpha: 0.1 };

Deno.test("trainQdrop() gives identical records and weights twice when the seed is the same", () => {
  const set = toyTask(96, 1);
  const run = () => {
    const net = createQuantumOrthogonalNetwork({ nFeatures: 6, repeat: 2 });
    const records = trainQdrop(net, { train: set, test: set }, {
      epochs: 3,
      batchSize: 16,
      lr: LR,
      pruning: {
        accumulateWindow: 3,
        pruneWindow: 2,
        scalarBroadcastBug: true,
      },
      dropout: { pDrop: 0.9 },
      rng: createRng(7),
    });
    const theta = net.variables.theta.dataSync().slice();
    net.dispose();
    return { records, theta };
  };
  const a = run(), b = run();
  assert.deepEqual(a.records, b.records);
  assert.deepEqual(a.theta, b.theta);
});

Deno.test("trainQdrop() never updates θ when pruning freezes it in accumulate steps only", () => {
  const set = toyTask(64, 2);
  const net = createQuantumOrthogonalNetwork({
    nFeatures: 6,
    quantumInit: "normal",
  });
  trainQdrop(net, { train: set, test: set }, {
    epochs: 1,
    batchSize: 16, // 4 steps, all in the accumulate window of 7 (notes §2.3)
    lr: LR,
    pruning: {
      accumulateWindow: 7,
      pruneWindow: 6,
      ratio: 0,
      freezeQuantumInAccumulate: true,
    },
    rng: createRng(3),
  });
  const init = createQuantumOrthogonalNetwork({
    nFeatures: 6,
    quantumInit: "normal",
  });
  init.initialize(createRng(3).fork("init"));
  assert.deepEqual(
    net.variables.theta.dataSync(),
    init.variables.theta.dataSync(),
  );
  assert.notDeepEqual(
    net.variables.w1.dataSync(),
    init.variables.w1.dataSync(),
  ); // classical layers train
  net.dispose();
  init.dispose();
});

Deno.test("trainQdrop() freezes exactly θ0, θ2, θ6, θ11, θ14 of a fresh model when wire 0 is dropped", () => {
  const set = toyTask(64, 4);
  const net = createQuantumOrthogonalNetwork({
    nFeatures: 6,
    quantumInit: "normal",
  });
  const records = trainQdrop(net, { train: set, test: set }, {
    epochs: 2,
    batchSize: 16,
    lr: LR,
    dropout: { pDrop: 1, freshModelEachEpoch: true }, // epoch 2 drops wire 0 on a new model (§3.1)
    rng: createRng(5),
  });
  assert.deepEqual(records.map((r) => r.droppedWires), [[], [0]]);
  const fresh = createQuantumOrthogonalNetwork({
    nFeatures: 6,
    quantumInit: "normal",
  });
  fresh.initialize(createRng(5).fork("init-2"));
  const trained = net.variables.theta.dataSync(),
    start = fresh.variables.theta.dataSync();
  for (let k = 0; k < 15; k++) {
    if ([0, 2, 6, 11, 14].includes(k)) {
      assert.equal(trained[k], start[k], `θ${k} frozen`);
    } else assert.notEqual(trained[k], start[k], `θ${k} trained`);
  }
  net.dispose();
  fresh.dispose();
});

Deno.test("trainQdrop() uses Keras CosineDecay per optimizer step from t = 0 when it records the epoch's last lr", () => {
  const set = toyTask(64, 6);
  const net = createQuantumOrthogonalNetwork({ nFeatures: 6 });
  const records = trainQdrop(net, { train: set }, {
    epochs: 2,
    batchSize: 16, // 4 updates per epoch: the last ones run at t = 3 and t = 7
    lr: LR,
    rng: createRng(2),
  });
  // lr(t) = 0.3·[0.9·½(1 + cos(πt/16)) + 0.1] (notes §1.8)
  const keras = (t: number) =>
    0.3 * (0.9 * 0.5 * (1 + Math.cos(Math.PI * t / 16)) + 0.1);
  assert.ok(Math.abs(records[0].lr - keras(3)) < 1e-12);
  assert.ok(Math.abs(records[1].lr - keras(7)) < 1e-12);
  net.dispose();
});

Deno.test("trainQdrop() throws a RangeError when the batch size is zero", () => {
  const set = toyTask(8, 1);
  const net = createQuantumOrthogonalNetwork({ nFeatures: 6 });
  assert.throws(
    () =>
      trainQdrop(net, { train: set }, {
        epochs: 1,
        batchSize: 0,
        lr: LR,
        rng: createRng(1),
      }),
    {
      name: "RangeError",
      message: "Cannot train: expected batchSize ≥ 1, got 0",
    },
  );
  net.dispose();
});

Deno.test("trainQdrop() throws a RangeError when lr.decaySteps is zero", () => {
  const set = toyTask(8, 1);
  const net = createQuantumOrthogonalNetwork({ nFeatures: 6 });
  assert.throws(
    () =>
      trainQdrop(net, { train: set }, {
        epochs: 1,
        batchSize: 4,
        lr: { initial: 0.3, decaySteps: 0, alpha: 0.1 },
        rng: createRng(1),
      }),
    {
      name: "RangeError",
      message: "Cannot build cosineDecay: expected decaySteps > 0, got 0",
    },
  );
  net.dispose();
});

Deno.test("kerasAdamStep() moves a weight by about lr against its gradient when t is 0", () => {
  const adam = createKerasAdam({
    w: new Float32Array([1, 1]),
    u: new Float32Array([5]),
  });
  kerasAdamStep(adam, { w: [2, -3] }, { lr: 0.1 }); // u left out: Keras apply_gradients on a subset
  const w = adam.slots.get("w")!.value;
  assert.ok(Math.abs(w[0] - 0.9) < 1e-5 && Math.abs(w[1] - 1.1) < 1e-5);
  assert.equal(adam.slots.get("u")!.value[0], 5);
  assert.equal(adam.iterations, 1);
});

Deno.test("kerasAdamStep() shares one t across subset updates when the subsets differ", () => {
  const adam = createKerasAdam({
    w: new Float32Array([0]),
    u: new Float32Array([0]),
  });
  const seen: number[] = [];
  const lr = (t: number) => {
    seen.push(t);
    return 0.1;
  };
  kerasAdamStep(adam, { w: [1] }, { lr });
  kerasAdamStep(adam, { u: [1] }, { lr });
  assert.deepEqual(seen, [0, 1]);
  // u's first update runs at t = 2: α = 0.1·√(1 − 0.999²)/(1 − 0.9²), m = 0.1, v = 0.001
  const alpha = 0.1 * Math.sqrt(1 - 0.999 ** 2) / (1 - 0.9 ** 2);
  const u = -alpha * 0.1 / (Math.sqrt(0.001) + 1e-7);
  assert.ok(Math.abs(adam.slots.get("u")!.value[0] - u) < 1e-7);
  assert.ok(Math.abs(adam.slots.get("w")!.value[0] + 0.1) < 1e-6);
});

Deno.test("kerasAuc(), rocAuc() and kerasAccuracy() agree with hand counts when scores separate partly", () => {
  // class-1 scores 0.9, 0.4 vs class-0 scores 0.6, 0.1: 3 of 4 pairs ordered → AUC 0.75
  const p = new Float32Array([0.9, 0.6, 0.4, 0.1]),
    y = new Uint8Array([1, 0, 1, 0]);
  assert.equal(rocAuc(classOneScores(p, 1), y), 0.75);
  assert.ok(Math.abs(kerasAuc(p, { labels: y, k: 1 }) - 0.75) < 1e-12);
  assert.equal(kerasAccuracy(p, { labels: y, k: 1, kind: "binary" }), 0.5);
  assert.equal(kerasAccuracy(p, { labels: y, k: 1, kind: "categorical" }), 0.5);
  // two outputs: Keras binary accuracy averages the 4 thresholded outputs, categorical uses argmax
  const p2 = new Float32Array([0.2, 0.7, 0.6, 0.7]),
    y2 = new Uint8Array([1, 0]);
  assert.equal(kerasAccuracy(p2, { labels: y2, k: 2, kind: "binary" }), 0.75); // hits: [0, 1] vs [0, 1]; [1, 1] vs [1, 0]
  assert.equal(
    kerasAccuracy(p2, { labels: y2, k: 2, kind: "categorical" }),
    0.5,
  );
  assert.equal(rocAuc(classOneScores(p2, 2), y2), 0.5); // class-1 scores tie at 0.7: a tie counts ½
  const bce = -(Math.log(0.8) + Math.log(0.7) + Math.log(0.6) + Math.log(0.3)) /
    4;
  assert.ok(
    Math.abs(meanLoss(p2, { labels: y2, k: 2, loss: "bce" }) - bce) < 1e-6,
  );
  const cce = -(Math.log(0.7 / 0.9) + Math.log(0.6 / 1.3)) / 2;
  assert.ok(
    Math.abs(meanLoss(p2, { labels: y2, k: 2, loss: "cce" }) - cce) < 1e-6,
  );
});

Deno.test("isConstantPredictor() is true only when every sample gets the same class", () => {
  assert.equal(
    isConstantPredictor(new Float32Array([0.2, 0.7, 0.6, 0.7]), { k: 2 }),
    true,
  ); // both rows predict class 1
  assert.equal(
    isConstantPredictor(new Float32Array([0.8, 0.7, 0.6, 0.7]), { k: 2 }),
    false,
  );
  assert.equal(
    isConstantPredictor(new Float32Array([0.9, 0.1]), { k: 1 }),
    false,
  );
});
