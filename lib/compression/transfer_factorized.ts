/**
 * Moves a trained dense model into a factorized twin (issue 8: "factorized
 * layers ... which really cut FLOPs"): the twin is built with the same names,
 * except that a factorized conv `<layer>/kernel` becomes the pair
 * `<layer>/kernel_a` `[kH, kW, Cin, r]` and `<layer>/kernel_b` `[1, 1, r, Cout]`.
 * Both are filled from the rank-r SVD of the dense kernel
 * ({@linkcode factorizeConvKernel}); every other variable is copied.
 *
 * @module
 */

import * as tf from "@tensorflow/tfjs-core";
import type { Model } from "../models/mod.ts";
import { factorizeConvKernel } from "./low_rank_conv.ts";
import type { KernelShape } from "./torch_layout.ts";

/** Suffixes of the two factor kernels of a factorized conv. */
export const FACTOR_SUFFIXES = ["/kernel_a", "/kernel_b"] as const;

/**
 * Initialises `target` from `source`, factorizing the kernels `target` splits.
 *
 * @param source Trained dense model.
 * @param target Factorized twin (same architecture and names).
 * @returns Number of factorized convs.
 * @throws {RangeError} If a target variable has no source of matching shape.
 *
 * @example Copy a same-shaped variable
 * ```ts
 * import assert from "node:assert/strict";
 * import * as tf from "@tensorflow/tfjs-core";
 * import "@tensorflow/tfjs-backend-cpu";
 * import { transferFactorized } from "./transfer_factorized.ts";
 * const apply = (x: tf.Tensor4D) => tf.reshape(x, [1, -1]) as tf.Tensor2D;
 * const a = { name: "a", variables: [{ name: "b", variable: tf.variable(tf.tensor1d([5])), trainable: true }], apply };
 * const b = { name: "b", variables: [{ name: "b", variable: tf.variable(tf.tensor1d([0])), trainable: true }], apply };
 * assert.equal(transferFactorized(a, b), 0);
 * assert.deepEqual(Array.from(b.variables[0].variable.dataSync()), [5]);
 * ```
 */
export function transferFactorized(source: Model, target: Model): number {
  const byName = new Map(source.variables.map((v) => [v.name, v.variable]));
  const targetByName = new Map(
    target.variables.map((v) => [v.name, v.variable]),
  );
  let nFactorized = 0;
  for (const v of target.variables) {
    const from = byName.get(v.name);
    if (from !== undefined && sameShape(from.shape, v.variable.shape)) {
      v.variable.assign(from);
      continue;
    }
    if (v.name.endsWith(FACTOR_SUFFIXES[1])) continue; // filled with its kernel_a
    const base = v.name.endsWith(FACTOR_SUFFIXES[0])
      ? v.name.slice(0, -FACTOR_SUFFIXES[0].length)
      : "";
    const dense = byName.get(`${base}/kernel`);
    const second = targetByName.get(`${base}${FACTOR_SUFFIXES[1]}`);
    if (base === "" || dense === undefined || second === undefined) {
      throw new RangeError(
        `Cannot transfer "${v.name}" [${v.variable.shape}]: expected a source variable of the same shape or a dense "<layer>/kernel" to factorize, got none`,
      );
    }
    const shape = dense.shape as KernelShape;
    const f = factorizeConvKernel(dense.dataSync(), shape, {
      rank: v.variable.shape[3] as number,
    });
    tf.tidy(() => {
      v.variable.assign(tf.tensor(f.first, f.firstShape));
      second.assign(tf.tensor(f.second, f.secondShape));
    });
    nFactorized++;
  }
  return nFactorized;
}

function sameShape(a: number[], b: number[]): boolean {
  return a.length === b.length && a.every((d, i) => d === b[i]);
}
