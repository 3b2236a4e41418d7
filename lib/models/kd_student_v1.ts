/**
 * The v1 quantum student of Hasan & Mahdy (arXiv 2311.13810 v1 notebooks;
 * research notes `kd.md` §2.1): the PyTorch MNIST example CNN computes Q
 * angles, an H·RY product circuit turns them into 2^Q outcome frequencies,
 * and a fixed head makes "logits" of them.
 *
 *   x [B,28,28,1] → conv5×5 10 → maxpool2 → relu → conv5×5 20 → dropout2d(½)
 *     → maxpool2 → relu → flatten 320 → fc 50 → relu → dropout(½) → fc Q = z
 *   θ = π·tanh(z)                                   // [B, Q], angles in (−π, π)
 *   p̂ = H·RY(θ) measured (exact or `shots` shots)   // [B, 2^Q]
 *   head H1 "sigmoid_pair": [σ(p̂), 1 − σ(p̂)]        // [B, 2^{Q+1}]
 *   head H2 "softmax":      softmax(p̂)              // [B, 2^Q]
 *
 * All trainable parameters are classical: 21,483 for Q = 3 and 21,534 for
 * Q = 4 (the notebooks print 10 or 22 more, from two unused layers, notes §2.1).
 *
 * @module
 */

import * as tf from "@tensorflow/tfjs-core";
import type { Rng } from "../runtime/mod.ts";
import { sampleProbs } from "../quantum/mod.ts";
import {
  hryProductProbs,
  hryProductVjp,
  hryShiftDifferenceVjp,
} from "./hry_product_circuit.ts";
import { initVariable, type Model, type ModelVariable } from "./model.ts";

/** Options of {@linkcode kdStudentV1}. */
export interface KdStudentV1Options {
  /** Number of qubits Q (3 or 4 in the notebooks). */
  nQubits: number;
  /** Output head: H1 `"sigmoid_pair"` or H2 `"softmax"` (notes §2.1). @default {"sigmoid_pair"} */
  head?: "sigmoid_pair" | "softmax";
  /** Shots per circuit (5000, 3000 or 2000 in the notebooks); 0 uses exact probabilities. @default {0} */
  shots?: number;
  /** `"shift"`: the published ±π/4 undivided difference (√2 × exact); `"exact"`: the analytic gradient. @default {"shift"} */
  gradient?: "shift" | "exact";
  /** Stream for initial weights, dropout masks and shots. */
  rng: Rng;
}

/** The v1 student: a {@linkcode Model} that also states its fixed settings. */
export interface KdStudentV1Model extends Model {
  /** Qubits, head, shots and gradient form it was built with (read by `kdStudentV1Cpu`). */
  readonly v1: Readonly<
    Required<
      Pick<KdStudentV1Options, "nQubits" | "head" | "shots" | "gradient">
    >
  >;
}

/**
 * Builds the v1 student.
 *
 * @param options Qubits, head, shots, gradient form and the seeded rng.
 * @returns The model; `apply` returns the head outputs used as logits.
 * @throws {RangeError} If Q is not in 1…8 or shots is negative.
 *
 * @example 21,483 trainable parameters for 3 qubits and 16 outputs from H1
 * ```ts
 * import assert from "node:assert/strict";
 * import * as tf from "@tensorflow/tfjs-core";
 * import "@tensorflow/tfjs-backend-cpu";
 * import { createRng } from "../runtime/mod.ts";
 * import { countParams } from "./model.ts";
 * import { kdStudentV1 } from "./kd_student_v1.ts";
 * const model = kdStudentV1({ nQubits: 3, rng: createRng(1) });
 * assert.equal(countParams(model), 21483);
 * assert.deepEqual(model.apply(tf.zeros([2, 28, 28, 1]), { training: false }).shape, [2, 16]);
 * ```
 */
export function kdStudentV1(options: KdStudentV1Options): KdStudentV1Model {
  const { nQubits, head = "sigmoid_pair", shots = 0, gradient = "shift", rng } =
    options;
  if (!(Number.isInteger(nQubits) && nQubits >= 1 && nQubits <= 8)) {
    throw new RangeError(
      `Cannot build the v1 KD student: expected 1…8 qubits, got ${nQubits}`,
    );
  }
  if (!(Number.isInteger(shots) && shots >= 0)) {
    throw new RangeError(
      `Cannot build the v1 KD student: expected a non-negative integer shot count, got ${shots}`,
    );
  }
  const init = rng.fork("init");
  const dropoutRng = rng.fork("dropout");
  const shotRng = rng.fork("shots");
  const vars: ModelVariable[] = [
    ...torchLayer("conv1", [5, 5, 1, 10], init),
    ...torchLayer("conv2", [5, 5, 10, 20], init),
    ...torchLayer("fc1", [320, 50], init),
    ...torchLayer("fc2", [50, nQubits], init),
  ];
  const v = vars.map((m) => m.variable);
  const circuit = hryCircuitOp({ nQubits, shots, gradient, rng: shotRng });
  return {
    name: `kd_student_v1_${nQubits}q`,
    variables: vars,
    v1: { nQubits, head, shots, gradient },
    apply(x, { training }) {
      return tf.tidy(() => {
        const nBatch = x.shape[0];
        let h = conv(x, v[0], v[1]); // [B,24,24,10]
        h = tf.relu(tf.maxPool(h, 2, 2, "valid")); // [B,12,12,10]
        h = conv(h, v[2], v[3]); // [B,8,8,20]
        // Dropout2d zeroes whole channels: one mask entry per (sample, channel).
        if (training) {
          h = tf.dropout(
            h,
            0.5,
            [nBatch, 1, 1, 20],
            dropoutRng.seedInt(),
          ) as tf.Tensor4D;
        }
        h = tf.relu(tf.maxPool(h, 2, 2, "valid")); // [B,4,4,20]
        let z: tf.Tensor2D = tf.relu(
          dense(tf.reshape(h, [nBatch, 320]), v[4], v[5]),
        ); // [B,50]
        if (training) {
          z = tf.dropout(
            z,
            0.5,
            undefined,
            dropoutRng.seedInt(),
          ) as tf.Tensor2D;
        }
        z = dense(z, v[6], v[7]); // [B,Q]
        const theta = tf.mul(tf.tanh(z), Math.PI) as tf.Tensor2D; // θ = π·tanh(z)
        const probs = circuit(theta); // [B, 2^Q]
        if (head === "softmax") return tf.softmax(probs); // H2 (double softmax with CE)
        const s = tf.sigmoid(probs);
        return tf.concat([s, tf.sub(1, s)], 1) as tf.Tensor2D; // H1
      });
    },
  };
}

/** The H·RY circuit as a tfjs op whose gradient is the published or the exact one. */
function hryCircuitOp(
  options: {
    nQubits: number;
    shots: number;
    gradient: "shift" | "exact";
    rng: Rng;
  },
): (theta: tf.Tensor2D) => tf.Tensor2D {
  const { nQubits, shots, gradient, rng } = options;
  const nOut = 1 << nQubits;
  const op = tf.customGrad((...args: (tf.Tensor | tf.GradSaveFunc)[]) => {
    const [t, save] = args as [tf.Tensor2D, tf.GradSaveFunc];
    const shape: [number, number] = [t.shape[0], nQubits];
    let p = hryProductProbs(t.dataSync() as Float32Array, shape);
    if (shots > 0) p = sampleProbs(p, { nOutcomes: nOut, shots, rng });
    save([t]);
    return {
      value: tf.tensor2d(Float32Array.from(p), [shape[0], nOut]),
      gradFunc: (dy: tf.Tensor, saved: tf.Tensor[]) => {
        const angles = saved[0].dataSync() as Float32Array;
        const dProbs = dy.dataSync();
        // Notes §2.1: the notebooks' backward pass re-runs the circuit at
        // θ ± π/4 with fresh shots and does not divide the difference.
        const g = gradient === "shift"
          ? hryShiftDifferenceVjp(angles, shape, { dProbs, shots, rng })
          : hryProductVjp(angles, shape, { dProbs });
        return tf.tensor2d(Float32Array.from(g), shape);
      },
    };
  });
  return (theta) => op(theta) as tf.Tensor2D;
}

/** PyTorch's default init, kernel and bias ~ U(±1/√fan_in). */
function torchLayer(
  name: string,
  kernelShape: number[],
  rng: Rng,
): ModelVariable[] {
  const nOut = kernelShape[kernelShape.length - 1];
  const fanIn = kernelShape.slice(0, -1).reduce((a, b) => a * b, 1);
  const init = { kind: "uniform", bound: 1 / Math.sqrt(fanIn) } as const;
  return [
    initVariable(`${name}/kernel`, kernelShape, { init, rng }),
    initVariable(`${name}/bias`, [nOut], { init, rng }),
  ];
}

function conv(x: tf.Tensor4D, w: tf.Variable, b: tf.Variable): tf.Tensor4D {
  return tf.fused.conv2d({
    x,
    filter: w as tf.Tensor4D,
    bias: b,
    strides: 1,
    pad: "valid",
  });
}

function dense(x: tf.Tensor2D, w: tf.Variable, b: tf.Variable): tf.Tensor2D {
  return tf.fused.matMul({ a: x, b: w as tf.Tensor2D, bias: b }) as tf.Tensor2D;
}
