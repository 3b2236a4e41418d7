/**
 * The Q-Drop training loop (research notes `qdrop.md` §2.5, §3.5): Keras-style
 * mini-batch training of a {@linkcode QuantumOrthogonalNetwork} in which
 * scheduled gradient pruning decides each step's quantum update and dynamic
 * quantum dropout masks one epoch at a time. One call trains one cell
 * (dataset × arm × protocol × impl × seed) and returns its per-epoch records.
 *
 * @module
 */

import * as tf from "@tensorflow/tfjs-core";
import type { Rng } from "../runtime/mod.ts";
import type { FeatureSet } from "../data/mod.ts";
import type { QuantumOrthogonalNetwork } from "../models/mod.ts";
import {
  createGradientPruning,
  type GradientPruningOptions,
} from "./gradient_pruning.ts";
import {
  createQuantumDropout,
  type DropoutEpoch,
  maskGradient,
  type QuantumDropoutOptions,
} from "./quantum_dropout.ts";
import { cosineDecay } from "./lr_schedule.ts";
import { rocAuc } from "./metrics.ts";
import {
  createKerasAdam,
  type KerasAdam,
  kerasAdamStep,
} from "./_keras_adam.ts";
import {
  classOneScores,
  isConstantPredictor,
  kerasAccuracy,
  kerasAuc,
  meanLoss,
  oneHotTargets,
} from "./_binary_metrics.ts";

/** Settings of one arm; defaults follow the experiment notebooks (notes §1.8). */
export interface TrainQdropOptions {
  /** Epochs E. */
  epochs: number;
  /** Mini-batch size. */
  batchSize: number;
  /** `"bce"` or `"cce"` on the sigmoid outputs (§1.8). @default {"bce"} */
  loss?: "bce" | "cce";
  /** `"binary"` (Keras `accuracy` with BCE) or `"categorical"` (argmax). @default {"categorical"} */
  accuracy?: "binary" | "categorical";
  /** `"keras"`: 200 thresholds over flattened outputs; `"exact"`: class-1 score. @default {"exact"} */
  auc?: "keras" | "exact";
  /** Keras `CosineDecay(initial, decaySteps, alpha)` per optimizer step t, counted from 0 (§1.8). */
  lr: {
    /** Initial learning rate η₀. */
    initial: number;
    /** Steps T to reach `alpha·initial`. */
    decaySteps: number;
    /** Final fraction α of `initial`. */
    alpha: number;
  };
  /** Adam ε (Keras 1e-7). @default {1e-7} */
  epsilon?: number;
  /** Scheduled gradient pruning, or none. */
  pruning?: Omit<GradientPruningOptions, "nParams" | "rng">;
  /** Dynamic quantum dropout, or none. */
  dropout?: Omit<QuantumDropoutOptions, "nQubits" | "gates" | "rng"> & {
    /** After epoch 1 a fresh model's LR restarts the schedule, or stays at the last LR (§3.1). @default {"restart"} */
    freshLr?: "restart" | "last";
  };
  /** Seeded source of initial weights, batch order, pruning draws and dropout coins. */
  rng: Rng;
  /** Called after each epoch with its record. */
  onEpoch?: (record: QdropEpochRecord) => void;
}

/** Metrics of one evaluation set at the end of an epoch. */
export interface QdropSetMetrics {
  /** Accuracy (definition from {@linkcode TrainQdropOptions.accuracy}). */
  acc: number;
  /** ROC-AUC (definition from {@linkcode TrainQdropOptions.auc}). */
  auc: number;
  /** Mean loss. */
  loss: number;
  /** Every sample predicted as the same class. */
  collapsed: boolean;
}

/** One epoch of one cell. */
export interface QdropEpochRecord {
  /** 1-based epoch. */
  epoch: number;
  /** Mean training loss over the epoch's batches. */
  trainLoss: number;
  /** Learning rate of the epoch's last update. */
  lr: number;
  /** Wires dropped this epoch (empty when none). */
  droppedWires: number[];
  /** Metrics per evaluation set name. */
  eval: Record<string, QdropSetMetrics>;
}

const THETA = "theta";
const CLASSICAL = ["w1", "b1", "w2", "b2"] as const;

function lossTensor(
  p: tf.Tensor2D,
  y: tf.Tensor2D,
  kind: "bce" | "cce",
): tf.Scalar {
  const eps = 1e-7; // Keras backend epsilon
  if (kind === "bce") {
    const q = tf.clipByValue(p, eps, 1 - eps);
    // Keras BinaryCrossentropy: −mean[y log q + (1 − y) log(1 − q)]
    return tf.neg(
      tf.mean(
        tf.add(
          tf.mul(y, tf.log(q)),
          tf.mul(tf.sub(1, y), tf.log(tf.sub(1, q))),
        ),
      ),
    );
  }
  // Keras CategoricalCrossentropy on probabilities: renormalize, clip, −Σ y log q
  const q = tf.clipByValue(tf.div(p, tf.sum(p, -1, true)), eps, 1 - eps);
  return tf.neg(tf.mean(tf.sum(tf.mul(y, tf.log(q)), -1)));
}

function checkPositive(name: string, value: number): void {
  if (!Number.isInteger(value) || value < 1) {
    throw new RangeError(`Cannot train: expected ${name} ≥ 1, got ${value}`);
  }
}

function readParams(
  model: QuantumOrthogonalNetwork,
): Record<string, Float32Array> {
  const out: Record<string, Float32Array> = {};
  for (const [name, v] of Object.entries(model.variables)) {
    out[name] = v.dataSync().slice() as Float32Array;
  }
  return out;
}

function writeParams(
  model: QuantumOrthogonalNetwork,
  adam: KerasAdam,
  names: readonly string[],
): void {
  const vars = model.variables as Record<string, tf.Variable>;
  for (const name of names) {
    const { value } = adam.slots.get(name)!;
    // §1.8: after each update, NaN weight entries are set to 0
    for (let i = 0; i < value.length; i++) {
      if (Number.isNaN(value[i])) value[i] = 0;
    }
    tf.tidy(() => vars[name].assign(tf.tensor(value, vars[name].shape)));
  }
}

function evaluate(
  model: QuantumOrthogonalNetwork,
  set: FeatureSet,
  options: {
    wireMask?: Float32Array;
    loss: "bce" | "cce";
    accuracy: "binary" | "categorical";
    auc: "keras" | "exact";
  },
): QdropSetMetrics {
  const p = tf.tidy(() =>
    model.predict(tf.tensor2d(set.features, set.shape), {
      wireMask: options.wireMask,
    })
  );
  const probs = p.dataSync() as Float32Array; // [N, k]
  const k = p.shape[1];
  p.dispose();
  const { labels } = set;
  return {
    acc: kerasAccuracy(probs, { labels, k, kind: options.accuracy }),
    auc: options.auc === "keras"
      ? kerasAuc(probs, { labels, k })
      : rocAuc(classOneScores(probs, k), labels),
    loss: meanLoss(probs, { labels, k, loss: options.loss }),
    collapsed: isConstantPredictor(probs, { k }),
  };
}

/**
 * Train one cell and evaluate it after every epoch (notes §2.5 and §3.5 combined,
 * the dropout gradient mask applied before pruning accumulates, as in the
 * refactor §2.4).
 *
 * @param model The network; initialized here from `rng`.
 * @param sets `train` plus named evaluation sets (e.g. `test`, `val`), labels 0/1.
 * @param options Arm settings, switches and the seeded `rng`.
 * @returns One record per epoch.
 * @throws {RangeError} If the batch size or epoch count is not a positive integer, or `lr.decaySteps` is not positive.
 *
 * @example Two epochs of a baseline on a separable toy task
 * ```ts
 * import assert from "node:assert/strict";
 * import * as tf from "@tensorflow/tfjs";
 * import { createQuantumOrthogonalNetwork } from "../models/mod.ts";
 * import { createRng } from "../runtime/mod.ts";
 * import { trainQdrop } from "./train_qdrop.ts";
 * await tf.setBackend("cpu");
 * const features = new Float32Array(64 * 6), labels = new Uint8Array(64);
 * for (let i = 0; i < 64; i++) { labels[i] = i % 2; features[i * 6 + labels[i]] = 1; features[i * 6 + 5] = 0.1; }
 * const set = { features, shape: [64, 6] as [number, number], labels };
 * const net = createQuantumOrthogonalNetwork({ nFeatures: 6 });
 * const records = trainQdrop(net, { train: set, test: set }, {
 *   epochs: 2, batchSize: 8, lr: { initial: 0.3, decaySteps: 16, alpha: 0.1 }, rng: createRng(1),
 * });
 * assert.equal(records.length, 2);
 * assert.ok(records[1].eval.test.acc > 0.9);
 * net.dispose();
 * ```
 */
export function trainQdrop(
  model: QuantumOrthogonalNetwork,
  sets: { train: FeatureSet } & Record<string, FeatureSet>,
  options: TrainQdropOptions,
): QdropEpochRecord[] {
  const {
    epochs,
    batchSize,
    loss = "bce",
    accuracy: accKind = "categorical",
    auc = "exact",
    lr,
    epsilon = 1e-7,
    pruning: pruningOptions,
    dropout: dropoutOptions,
    rng,
    onEpoch,
  } = options;
  checkPositive("epochs", epochs);
  checkPositive("batchSize", batchSize);
  const decay = cosineDecay(lr.decaySteps, { alpha: lr.alpha }); // per optimizer step (§1.8); ignores the epoch
  const { train } = sets;
  const [n, nFeatures] = train.shape;
  const k = model.variables.b2.shape[0];
  const nQubits = model.variables.b1.shape[0];
  const yTrain = oneHotTargets(train.labels, k); // [N, k]
  const batchRng = rng.fork("batches");
  const pruning = pruningOptions &&
    createGradientPruning({
      ...pruningOptions,
      nParams: model.gates.length,
      rng: rng.fork("pruning"),
    });
  const dropout = dropoutOptions &&
    createQuantumDropout({
      ...dropoutOptions,
      nQubits,
      gates: model.gates,
      rng: rng.fork("dropout"),
    });
  const allVars = model.variables as Record<string, tf.Variable>;
  const varList = [THETA, ...CLASSICAL].map((name) => allVars[name]);

  model.initialize(rng.fork("init"));
  let adam = createKerasAdam(readParams(model));
  let schedule: number | ((t: number) => number) = (t: number) =>
    lr.initial * decay({ step: t, epoch: 0 });
  const records: QdropEpochRecord[] = [];

  for (let epoch = 1; epoch <= epochs; epoch++) {
    const de: DropoutEpoch | undefined = dropout?.startEpoch(epoch);
    if (dropout?.freshModelEachEpoch && epoch > 1) {
      // §3.1 reference quirk: a new model and a new Adam every epoch (weights never reloaded)
      const lastLr = adam.lastLr;
      model.initialize(rng.fork(`init-${epoch}`));
      adam = createKerasAdam(readParams(model));
      if (dropoutOptions?.freshLr === "last") schedule = lastLr;
    }
    const wireMask = de?.drop ? de.trainWireMask : undefined;
    const order = batchRng.permutation(n); // Keras fit(shuffle=True)
    let lossSum = 0, nBatches = 0;
    for (let start = 0; start < n; start += batchSize) {
      const b = Math.min(batchSize, n - start);
      const xb = new Float32Array(b * nFeatures), yb = new Float32Array(b * k); // [b, F], [b, k]
      for (let i = 0; i < b; i++) {
        const s = order[start + i];
        xb.set(
          train.features.subarray(s * nFeatures, (s + 1) * nFeatures),
          i * nFeatures,
        );
        yb.set(yTrain.subarray(s * k, (s + 1) * k), i * k);
      }
      const grads: Record<string, Float32Array> = {};
      const lossValue = tf.tidy(() => {
        const xT = tf.tensor2d(xb, [b, nFeatures]),
          yT = tf.tensor2d(yb, [b, k]);
        const { value, grads: g } = tf.variableGrads(
          () => lossTensor(model.predict(xT, { wireMask }), yT, loss),
          varList,
        );
        for (const [name, v] of Object.entries(allVars)) {
          grads[name] = g[v.name].dataSync() as Float32Array;
        }
        return value.dataSync()[0];
      });
      lossSum += lossValue;
      nBatches++;
      // §1.8 (dropout notebooks): NaN gradients are zeroed
      for (const g of Object.values(grads)) {
        for (let i = 0; i < g.length; i++) if (Number.isNaN(g[i])) g[i] = 0;
      }
      // §3.5: grads.θ[i] = 0 for the gates on the dropped wire's pair
      if (de?.drop) maskGradient(grads[THETA], de.gradMask);
      const classical = Object.fromEntries(
        CLASSICAL.map((name) => [name, grads[name]]),
      );
      const step = (g: Record<string, ArrayLike<number>>) =>
        kerasAdamStep(adam, g, { lr: schedule, epsilon });
      if (!pruning) {
        step(grads);
        writeParams(model, adam, [THETA, ...CLASSICAL]);
        continue;
      }
      const decision = pruning.step(grads[THETA]);
      if (decision.gradTheta === null) step(classical); // §2.3: θ frozen while accumulating
      else if (decision.separateQuantumStep) {
        step({ [THETA]: decision.gradTheta }); // §2.1 step 4.5, then 4.6: two optimizer steps
        step(classical);
      } else step({ ...classical, [THETA]: decision.gradTheta });
      writeParams(model, adam, [THETA, ...CLASSICAL]);
    }
    const evalMask = de?.drop ? de.evalWireMask : undefined;
    const metrics: Record<string, QdropSetMetrics> = {};
    for (const [name, set] of Object.entries(sets)) {
      if (name === "train") continue;
      metrics[name] = evaluate(model, set, {
        wireMask: evalMask,
        loss,
        accuracy: accKind,
        auc,
      });
    }
    const record: QdropEpochRecord = {
      epoch,
      trainLoss: lossSum / nBatches,
      lr: adam.lastLr,
      droppedWires: de?.droppedWires ?? [],
      eval: metrics,
    };
    records.push(record);
    onEpoch?.(record);
  }
  return records;
}
