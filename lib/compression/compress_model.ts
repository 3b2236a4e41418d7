/**
 * The QIANets compression pipeline applied to a whole model, in the order of
 * the published code (notes §2, §8 "Order of operations"): all pruning sweeps
 * over every conv kernel, then per layer the rank-r SVD reconstruction
 * immediately followed by the "annealing" factorization, all written back as
 * dense, full-shape kernels. Conv kernels are the rank-4 trainable variables
 * (backbone, head and 1×1 downsample convs alike; ECA's 1-D conv and the
 * linear layers are not touched, as in the code).
 *
 * @module
 */

import * as tf from "@tensorflow/tfjs-core";
import type { Model, ModelVariable } from "../models/mod.ts";
import type { Rng } from "../runtime/mod.ts";
import { annealingFactorize } from "./annealing_factorization.ts";
import type { LbfgsOptions } from "./lbfgs.ts";
import { lowRankKernel } from "./low_rank_conv.ts";
import { type PruneImpl, qaoaPrune } from "./qaoa_pruning.ts";
import {
  fromTorchLayout,
  type KernelShape,
  toTorchLayout,
} from "./torch_layout.ts";

/** Options of {@linkcode compressModel}. */
export interface CompressOptions {
  /** Pruning reading (`--impl`). */
  impl: PruneImpl;
  /** `layer_sparsity`: per-sweep prune probability (code) or α (paper). */
  sparsity: number;
  /** SVD rank r, also the inner rank of W1·W2. */
  rank: number;
  /** Random stream; each layer draws from `rng.fork(name)`. */
  rng: Rng;
  /** Steps to run. @default {{ prune: true, svd: true, anneal: true }} */
  steps?: { prune?: boolean; svd?: boolean; anneal?: boolean };
  /** Pruning sweeps. @default {5} */
  nSweeps?: number;
  /** P_entangle. @default {0.5} */
  pEntangle?: number;
  /** L-BFGS settings of the factorization. @default {PyTorch defaults} */
  lbfgs?: LbfgsOptions;
}

/** Per-layer record of {@linkcode compressModel}. */
export interface LayerCompression {
  /** Variable name. */
  name: string;
  /** Kernel shape `[kH, kW, Cin, Cout]`. */
  shape: KernelShape;
  /** Fraction zero after pruning (before SVD and factorization). */
  prunedSparsity: number;
  /** ‖W − W1W2‖_F / ‖W‖_F of the factorization against its SVD target. */
  annealingRelativeError?: number;
  /** Fraction zero in the final kernel. */
  finalSparsity: number;
}

/** What {@linkcode compressModel} returns. */
export interface CompressResult {
  /** One record per conv kernel. */
  layers: LayerCompression[];
  /** Keep-masks after pruning, by variable name (for mask-kept fine-tuning). */
  masks: Map<string, Uint8Array>;
}

/**
 * Compresses a model's conv kernels in place by the QIANets pipeline.
 *
 * @param model The model; its conv kernels are overwritten.
 * @param options Reading, sparsity, rank, steps and rng.
 * @returns Per-layer records and the pruning masks.
 * @throws {RangeError} If sparsity or rank is out of range.
 *
 * @example Pruning only, the paper reading at α = 0.5 without entanglement
 * ```ts
 * import assert from "node:assert/strict";
 * import * as tf from "@tensorflow/tfjs-core";
 * import "@tensorflow/tfjs-backend-cpu";
 * import { createRng } from "../runtime/mod.ts";
 * import { compressModel } from "./compress_model.ts";
 * const k = { name: "c/kernel", variable: tf.variable(tf.tensor4d([1, -2, 3, -4], [1, 1, 1, 4])), trainable: true };
 * const model = { name: "m", variables: [k], apply: (x: tf.Tensor4D) => tf.reshape(x, [1, -1]) as tf.Tensor2D };
 * const r = compressModel(model, { impl: "paper", sparsity: 0.5, rank: 1, pEntangle: 0, rng: createRng(0), steps: { prune: true, svd: false, anneal: false } });
 * assert.deepEqual(Array.from(k.variable.dataSync()), [0, 0, 3, -4]);
 * assert.equal(r.layers[0].prunedSparsity, 0.5);
 * ```
 */
export function compressModel(
  model: Model,
  options: CompressOptions,
): CompressResult {
  const { impl, sparsity, rank, rng, nSweeps = 5, pEntangle = 0.5 } = options;
  const { prune = true, svd = true, anneal = true } = options.steps ?? {};
  if (!Number.isInteger(rank) || rank < 1) {
    throw new RangeError(
      `Cannot compress: expected a positive integer rank, got ${rank}`,
    );
  }
  const kernels = convKernels(model);
  const layers: LayerCompression[] = [];
  const masks = new Map<string, Uint8Array>();
  const values = new Map<string, Float32Array>();
  // Step 1: all pruning sweeps over all conv kernels
  for (const v of kernels) {
    const shape = v.variable.shape as KernelShape;
    let w = v.variable.dataSync() as Float32Array;
    let prunedSparsity = zeroFraction(w);
    if (prune) {
      const r = qaoaPrune(w, shape, {
        impl,
        sparsity,
        rng: rng.fork(v.name),
        nSweeps,
        pEntangle,
      });
      w = r.weights;
      prunedSparsity = r.sparsity;
      masks.set(v.name, r.mask);
    }
    values.set(v.name, w);
    layers.push({
      name: v.name,
      shape,
      prunedSparsity,
      finalSparsity: prunedSparsity,
    });
  }
  // Steps 2–3, per layer: W ← U_r Σ_r V_rᵀ, then W ← W1·W2 fitted to it from N(0,1)
  for (const [i, v] of kernels.entries()) {
    const shape = layers[i].shape;
    let w = values.get(v.name)!;
    if (svd) w = lowRankKernel(w, shape, { rank });
    if (anneal) {
      const [kH, kW, cIn, cOut] = shape;
      const a = annealingFactorize(toTorchLayout(w, shape), [
        cOut,
        cIn * kH * kW,
      ], {
        rank,
        rng: rng.fork(`${v.name}/anneal`),
        lbfgs: options.lbfgs,
      });
      w = fromTorchLayout(a.product, shape);
      layers[i].annealingRelativeError = a.relativeError;
    }
    layers[i].finalSparsity = zeroFraction(w);
    tf.tidy(() => v.variable.assign(tf.tensor(w, shape)));
  }
  return { layers, masks };
}

/**
 * Zeroes the pruned weights again (W ← W ⊙ m), for fine-tuning with the masks
 * kept (the paper's reading; the code keeps no masks, notes §2 Step 1).
 *
 * @param model The model.
 * @param masks Keep-masks by variable name, in the variable's layout.
 * @throws {RangeError} If a mask's length differs from its variable's size.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import * as tf from "@tensorflow/tfjs-core";
 * import "@tensorflow/tfjs-backend-cpu";
 * import { applyMasks } from "./compress_model.ts";
 * const v = { name: "w", variable: tf.variable(tf.tensor1d([1, 2])), trainable: true };
 * applyMasks({ name: "m", variables: [v], apply: (x: tf.Tensor4D) => tf.reshape(x, [1, -1]) as tf.Tensor2D }, new Map([["w", new Uint8Array([0, 1])]]));
 * assert.deepEqual(Array.from(v.variable.dataSync()), [0, 2]);
 * ```
 */
export function applyMasks(model: Model, masks: Map<string, Uint8Array>): void {
  for (const v of model.variables) {
    const mask = masks.get(v.name);
    if (mask === undefined) continue;
    if (mask.length !== v.variable.size) {
      throw new RangeError(
        `Cannot apply mask to "${v.name}": expected ${v.variable.size} entries, got ${mask.length}`,
      );
    }
    tf.tidy(() => {
      const m = tf.tensor(Float32Array.from(mask), v.variable.shape);
      v.variable.assign(tf.mul(v.variable, m));
    });
  }
}

/** The rank-4 trainable variables: every conv kernel. */
function convKernels(model: Model): ModelVariable[] {
  return model.variables.filter((v) => v.trainable && v.variable.rank === 4);
}

function zeroFraction(w: Float32Array): number {
  let z = 0;
  for (let i = 0; i < w.length; i++) if (w[i] === 0) z++;
  return z / w.length;
}
