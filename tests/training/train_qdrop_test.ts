import assert from "node:assert/strict";
import * as tf from "@tensorflow/tfjs";
import { createQuantumOrthogonalNetwork } from "../../lib/models/mod.ts";
import { createRng } from "../../lib/runtime/mod.ts";
import { trainQdrop } from "../../lib/training/mod.ts";
import {
  cosineDecay,
  createKerasAdam,
  kerasAdamStep,
} from "../../lib/training/_keras_adam.ts";
import {
  accuracy,
  exactAuc,
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
  // CosineDecay(0.3, 16, 0.1): 0.3 at t = 0, 0.3·(0.9·½ + 0.1) = 0.165 at t = 8, 0.03 from t = 16
  assert.ok(Math.abs(cosineDecay(0, LR) - 0.3) < 1e-12);
  assert.ok(Math.abs(cosineDecay(8, LR) - 0.165) < 1e-12);
  assert.ok(Math.abs(cosineDecay(40, LR) - 0.03) < 1e-12);
});

Deno.test("kerasAuc() and exactAuc() agree with hand counts when scores separate partly", () => {
  // class-1 scores 0.9, 0.4 vs class-0 scores 0.6, 0.1: 3 of 4 pairs ordered → AUC 0.75
  const p = new Float32Array([0.9, 0.6, 0.4, 0.1]),
    y = new Uint8Array([1, 0, 1, 0]);
  assert.equal(exactAuc(p, y, 1), 0.75);
  assert.ok(Math.abs(kerasAuc(p, y, 1) - 0.75) < 1e-12);
  assert.equal(accuracy(p, y, 1, "binary"), 0.5);
  // two outputs: Keras binary accuracy averages the 4 thresholded outputs, categorical uses argmax
  const p2 = new Float32Array([0.2, 0.7, 0.6, 0.7]),
    y2 = new Uint8Array([1, 0]);
  assert.equal(accuracy(p2, y2, 2, "binary"), 0.75); // hits: [0, 1] vs [0, 1]; [1, 1] vs [1, 0]
  assert.equal(accuracy(p2, y2, 2, "categorical"), 0.5);
  const bce = -(Math.log(0.8) + Math.log(0.7) + Math.log(0.6) + Math.log(0.3)) /
    4;
  assert.ok(Math.abs(meanLoss(p2, y2, 2, "bce") - bce) < 1e-6);
  const cce = -(Math.log(0.7 / 0.9) + Math.log(0.6 / 1.3)) / 2;
  assert.ok(Math.abs(meanLoss(p2, y2, 2, "cce") - cce) < 1e-6);
});
