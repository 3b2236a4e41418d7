/**
 * The v1 KD student ({@linkcode kdStudentV1}; research notes `kd.md` §2.1) on
 * plain typed arrays, one image at a time: forward, backward into a flat
 * gradient, no per-step allocation. At batch 1 (as the notebooks train) tfjs
 * spends ~12 ms per step dispatching ops on tiny tensors; these loops do the
 * same float64 arithmetic directly.
 *
 * Parameters are one flat `Float64Array`, each layer output-major so the
 * inner loops run over contiguous memory (tfjs keeps HWIO / [in, out]):
 *
 *   conv1 [10][5][5] · b[10] · conv2 [20][5][5][10] · b[20] · fc1 [50][320] · b[50] · fc2 [Q][50] · b[Q]
 *
 * Activations are HWC, so fc1's 320 inputs are in tfjs' NHWC flatten order.
 * Max-pool ties go to the first maximum in row-major order, as in PyTorch.
 *
 * @module
 */

import type { Rng } from "../runtime/mod.ts";
import type { KdStudentV1Model } from "./kd_student_v1.ts";
import {
  hryProductProbsInto,
  hryProductVjpInto,
  hryShiftDifferenceVjpInto,
} from "./_hry_product_into.ts";
import { multinomialInto } from "./_multinomial.ts";
import {
  layout,
  pool,
  readTfjsWeights,
  writeTfjsWeights,
} from "./_kd_student_v1_cpu_parts.ts";

/** The typed-array student returned by {@linkcode kdStudentV1Cpu}. */
export interface KdStudentV1Cpu {
  /** Qubits Q. */
  readonly nQubits: number;
  /** Head outputs: 2^{Q+1} for H1, 2^Q for H2. */
  readonly nOut: number;
  /** All trainable parameters (21,330 + 51·Q), updated in place by the trainer. */
  readonly params: Float64Array;
  /** ∂L/∂params, accumulated by {@linkcode KdStudentV1Cpu.backward}. */
  readonly grads: Float64Array;
  /**
   * Forward pass of one 28×28 image; with `training`, fresh Dropout2d/Dropout masks.
   * Returns the head outputs (a view reused by the next call).
   */
  forward(x: ArrayLike<number>, options: { training: boolean }): Float64Array;
  /** Adds scale · ∂(Σ_k dOut_k o_k)/∂params of the last forward pass to `grads`. */
  backward(dOut: ArrayLike<number>, options?: { scale?: number }): void;
  /** Copies `params` into the tfjs model's variables. */
  writeTo(model: KdStudentV1Model): void;
}

/** Options of {@linkcode kdStudentV1Cpu}. */
export interface KdStudentV1CpuOptions {
  /** Stream for dropout masks (`fork("dropout")`) and shots (`fork("shots")`). */
  rng: Rng;
  /**
   * The model's variable values in its order, when already read (WebGPU has
   * no synchronous read-back in Deno). @default {each variable's `dataSync()`}
   */
  weights?: ArrayLike<number>[];
}

/**
 * The typed-array twin of a {@linkcode kdStudentV1} model, starting from its
 * current weights and using its head, shot count and gradient form.
 *
 * @param model The tfjs student (its weights are copied, not shared).
 * @param options The rng for dropout masks and shots, and optionally the weights already read.
 * @returns The student on typed arrays.
 *
 * @example Same outputs as the tfjs model without dropout or shots
 * ```ts
 * import assert from "node:assert/strict";
 * import * as tf from "@tensorflow/tfjs-core";
 * import "@tensorflow/tfjs-backend-cpu";
 * import { createRng } from "../runtime/mod.ts";
 * import { kdStudentV1 } from "./kd_student_v1.ts";
 * import { kdStudentV1Cpu } from "./kd_student_v1_cpu.ts";
 * const model = kdStudentV1({ nQubits: 3, rng: createRng(1) });
 * const x = new Float32Array(784).map((_, i) => (i % 29) / 29);
 * const want = model.apply(tf.tensor4d(x, [1, 28, 28, 1]), { training: false }).dataSync();
 * const got = kdStudentV1Cpu(model, { rng: createRng(2) }).forward(x, { training: false });
 * assert.ok(got.every((v, k) => Math.abs(v - want[k]) < 1e-5));
 * ```
 */
export function kdStudentV1Cpu(
  model: KdStudentV1Model,
  options: KdStudentV1CpuOptions,
): KdStudentV1Cpu {
  const { nQubits, head, shots, gradient } = model.v1;
  const dropoutRng = options.rng.fork("dropout");
  const shotRng = options.rng.fork("shots");
  const { kernels, biases, nParams } = layout(nQubits);
  const [c1w, c2w, f1w, f2w] = kernels;
  const [c1b, c2b, f1b, f2b] = biases;
  const params = new Float64Array(nParams);
  const grads = new Float64Array(nParams);
  const nProbs = 1 << nQubits;
  const nOut = head === "softmax" ? nProbs : 2 * nProbs;
  // Activations of the last forward pass, kept for backward.
  const x0 = new Float64Array(784); // [28,28]
  const a1 = new Float64Array(24 * 24 * 10); // conv1 [24,24,10]
  const arg1 = new Int32Array(12 * 12 * 10); // pool1 winner in a1
  const h1 = new Float64Array(12 * 12 * 10); // relu(pool(a1)) [12,12,10]
  const a2 = new Float64Array(8 * 8 * 20); // conv2 [8,8,20]
  const keep2 = new Float64Array(20); // Dropout2d scale per channel: 0 or 2
  const arg2 = new Int32Array(320); // pool2 winner in a2
  const h2 = new Float64Array(320); // relu(pool(dropout2d(a2))) [4,4,20]
  const u = new Float64Array(50); // fc1 pre-activation
  const keep1 = new Float64Array(50); // Dropout scale: 0 or 2
  const a = new Float64Array(50); // dropout(relu(u))
  const theta = new Float64Array(nQubits);
  const probs = new Float64Array(nProbs);
  const out = new Float64Array(nOut);
  // Backward scratch.
  const dProbs = new Float64Array(nProbs);
  const dTheta = new Float64Array(nQubits);
  const da = new Float64Array(50);
  const dh2 = new Float64Array(320);
  const dh1 = new Float64Array(1440);
  const scratch = {
    probs: new Float64Array(nProbs),
    shifted: new Float64Array(nQubits),
  };

  readTfjsWeights(nQubits, {
    values: options.weights ??
      model.variables.map((v) => v.variable.dataSync()),
    params,
  });

  function forward(
    x: ArrayLike<number>,
    { training }: { training: boolean },
  ): Float64Array {
    const w = params;
    for (let i = 0; i < 784; i++) x0[i] = x[i];
    // conv1 5×5, 1→10: a1[y,x,o] = b_o + Σ_{ky,kx} x[y+ky, x+kx]·w[o,ky,kx]
    for (let y = 0; y < 24; y++) {
      for (let xx = 0; xx < 24; xx++) {
        for (let o = 0; o < 10; o++) {
          let acc = w[c1b + o];
          for (let ky = 0; ky < 5; ky++) {
            const r = (y + ky) * 28 + xx;
            const k = c1w + o * 25 + ky * 5;
            acc += x0[r] * w[k] + x0[r + 1] * w[k + 1] + x0[r + 2] * w[k + 2] +
              x0[r + 3] * w[k + 3] + x0[r + 4] * w[k + 4];
          }
          a1[(y * 24 + xx) * 10 + o] = acc;
        }
      }
    }
    pool(a1, { size: 24, nC: 10, arg: arg1, out: h1, scale: null });
    // Dropout2d(½) zeroes whole channels of conv2; dropped channels are skipped.
    for (let o = 0; o < 20; o++) {
      keep2[o] = training ? (dropoutRng.next() < 0.5 ? 0 : 2) : 1;
    }
    // conv2 5×5, 10→20: each kernel row ky is 5·10 = 50 contiguous values of h1 and of w.
    for (let o = 0; o < 20; o++) {
      if (keep2[o] === 0) continue;
      for (let y = 0; y < 8; y++) {
        for (let xx = 0; xx < 8; xx++) {
          let acc = w[c2b + o];
          for (let ky = 0; ky < 5; ky++) {
            const r = ((y + ky) * 12 + xx) * 10;
            const k = c2w + (o * 5 + ky) * 50;
            for (let t = 0; t < 50; t++) acc += h1[r + t] * w[k + t];
          }
          a2[(y * 8 + xx) * 20 + o] = acc;
        }
      }
    }
    pool(a2, { size: 8, nC: 20, arg: arg2, out: h2, scale: keep2 });
    // fc1 320→50 → relu → Dropout(½)
    for (let m = 0; m < 50; m++) {
      let acc = w[f1b + m];
      const k = f1w + m * 320;
      for (let i = 0; i < 320; i++) acc += h2[i] * w[k + i];
      u[m] = acc;
      keep1[m] = training ? (dropoutRng.next() < 0.5 ? 0 : 2) : 1;
      a[m] = acc > 0 ? acc * keep1[m] : 0;
    }
    // fc2 50→Q, then θ = π·tanh(z)
    for (let j = 0; j < nQubits; j++) {
      let acc = w[f2b + j];
      const k = f2w + j * 50;
      for (let m = 0; m < 50; m++) acc += a[m] * w[k + m];
      theta[j] = Math.PI * Math.tanh(acc);
    }
    hryProductProbsInto(theta, probs);
    if (shots > 0) {
      multinomialInto(probs, {
        shots,
        rng: shotRng,
        out: probs,
        nOutcomes: nProbs,
      });
    }
    if (head === "softmax") { // H2: softmax(p̂), a double softmax under CE (notes §2.1)
      let sum = 0;
      for (let k = 0; k < nProbs; k++) sum += out[k] = Math.exp(probs[k]);
      for (let k = 0; k < nProbs; k++) out[k] /= sum;
    } else { // H1: [σ(p̂), 1 − σ(p̂)]
      for (let k = 0; k < nProbs; k++) {
        const s = 1 / (1 + Math.exp(-probs[k]));
        out[k] = s;
        out[k + nProbs] = 1 - s;
      }
    }
    return out;
  }

  function backward(
    dOut: ArrayLike<number>,
    { scale = 1 }: { scale?: number } = {},
  ): void {
    const w = params, g = grads;
    // Heads: σ' = σ(1 − σ); softmax' = o ⊙ (g − Σ g·o).
    if (head === "softmax") {
      let dot = 0;
      for (let k = 0; k < nProbs; k++) dot += dOut[k] * out[k];
      for (let k = 0; k < nProbs; k++) {
        dProbs[k] = scale * out[k] * (dOut[k] - dot);
      }
    } else {
      for (let k = 0; k < nProbs; k++) {
        dProbs[k] = scale * out[k] * (1 - out[k]) *
          (dOut[k] - dOut[k + nProbs]);
      }
    }
    // Notes §2.1: the notebooks re-run the circuit at θ ± π/4 (fresh shots), undivided.
    if (gradient === "shift") {
      hryShiftDifferenceVjpInto(theta, dProbs, {
        shots,
        rng: shotRng,
        out: dTheta,
        scratch,
      });
    } else {hryProductVjpInto(theta, dProbs, {
        out: dTheta,
        probs: scratch.probs,
      });}
    // fc2, with dz = dθ·π(1 − tanh²z) = dθ·(π − θ²/π)
    da.fill(0);
    for (let j = 0; j < nQubits; j++) {
      const dz = dTheta[j] * (Math.PI - (theta[j] * theta[j]) / Math.PI);
      const k = f2w + j * 50;
      g[f2b + j] += dz;
      for (let m = 0; m < 50; m++) {
        g[k + m] += dz * a[m];
        da[m] += dz * w[k + m];
      }
    }
    // fc1 through dropout and relu
    dh2.fill(0);
    for (let m = 0; m < 50; m++) {
      const du = u[m] > 0 ? da[m] * keep1[m] : 0;
      if (du === 0) continue;
      const k = f1w + m * 320;
      g[f1b + m] += du;
      for (let i = 0; i < 320; i++) {
        g[k + i] += du * h2[i];
        dh2[i] += du * w[k + i];
      }
    }
    // relu, max-pool and Dropout2d back to the one winning conv2 output per window
    dh1.fill(0);
    for (let q = 0; q < 320; q++) {
      if (!(h2[q] > 0) || dh2[q] === 0) continue;
      const at = arg2[q];
      const o = at % 20, xx = (at / 20 | 0) % 8, y = at / 160 | 0;
      const d = dh2[q] * keep2[o];
      g[c2b + o] += d;
      for (let ky = 0; ky < 5; ky++) {
        const r = ((y + ky) * 12 + xx) * 10;
        const k = c2w + (o * 5 + ky) * 50;
        for (let t = 0; t < 50; t++) {
          g[k + t] += d * h1[r + t];
          dh1[r + t] += d * w[k + t];
        }
      }
    }
    // relu and max-pool back to conv1 (its input needs no gradient)
    for (let q = 0; q < 1440; q++) {
      if (!(h1[q] > 0) || dh1[q] === 0) continue;
      const at = arg1[q];
      const o = at % 10, xx = (at / 10 | 0) % 24, y = at / 240 | 0;
      const d = dh1[q];
      g[c1b + o] += d;
      for (let ky = 0; ky < 5; ky++) {
        const r = (y + ky) * 28 + xx;
        const k = c1w + o * 25 + ky * 5;
        for (let kx = 0; kx < 5; kx++) g[k + kx] += d * x0[r + kx];
      }
    }
  }

  function writeTo(target: KdStudentV1Model): void {
    writeTfjsWeights(target, params);
  }

  return { nQubits, nOut, params, grads, forward, backward, writeTo };
}
