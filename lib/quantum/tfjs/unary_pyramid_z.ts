/**
 * Unary loader + RBS pyramid as a differentiable tfjs op (Q-Drop's quantum orthogonal layer,
 * qdrop.md §1.1–1.7). Forward and backward run on typed arrays in float64 through
 * {@linkcode unaryPyramidVjp}; the op's gradient is first order (not itself differentiable).
 *
 * @module
 */

import * as tf from "@tensorflow/tfjs-core";
import {
  unaryPyramid,
  type UnaryPyramidOptions,
  unaryPyramidVjp,
} from "../unary/unary_pyramid.ts";

/** Options of {@linkcode unaryPyramidZ}: those of {@linkcode unaryPyramid} without nQubits. */
export type UnaryPyramidZOptions = Omit<UnaryPyramidOptions, "nQubits">;

/**
 * ⟨Z_w⟩ (or unary probabilities) of loader + RBS pyramid, with gradients for x and θ.
 *
 * @param x Raw features [B, n]; the loader L2-normalises each row.
 * @param theta Pyramid angles [P], P = n(n−1)/2.
 * @param options Layout ("qdrop" | "w4"), loader, repeat (1 | 2), gateMask [P], wireMask [n], readout.
 * @returns Outputs [B, n], float32.
 * @throws {RangeError} If theta does not hold n(n−1)/2 angles or a mask length is wrong.
 *
 * @example Gradient of a sum of outputs
 * ```ts
 * import assert from "node:assert/strict";
 * import * as tf from "@tensorflow/tfjs-core";
 * import "@tensorflow/tfjs"; // registers the cpu backend and all gradients
 * import { unaryPyramidZ } from "./unary_pyramid_z.ts";
 * await tf.setBackend("cpu");
 * const x = tf.tensor2d([[0.6, 0.8]]);
 * const theta = tf.tensor1d([0]);
 * const z = unaryPyramidZ(x, theta);
 * assert.ok(Math.abs(z.dataSync()[0] - (1 - 2 * 0.36)) < 1e-6);
 * const g = tf.grad((t: tf.Tensor) => tf.sum(unaryPyramidZ(x, t as tf.Tensor1D)))(theta);
 * assert.equal(g.shape[0], 1);
 * ```
 */
export function unaryPyramidZ(
  x: tf.Tensor2D,
  theta: tf.Tensor1D,
  options: UnaryPyramidZOptions = {},
): tf.Tensor2D {
  const [b, n] = x.shape;
  const op = tf.customGrad(
    (...args: (tf.Tensor | tf.GradSaveFunc)[]) => {
      const [xT, thetaT, save] = args as [
        tf.Tensor,
        tf.Tensor,
        tf.GradSaveFunc,
      ];
      const xs = xT.dataSync(), ts = thetaT.dataSync();
      save([xT, thetaT]);
      const out = unaryPyramid(xs, ts, { ...options, nQubits: n });
      return {
        value: tf.tensor2d(Float32Array.from(out), [b, n]),
        gradFunc: (dy: tf.Tensor, saved: tf.Tensor[]) => {
          const { dx, dTheta } = unaryPyramidVjp(
            saved[0].dataSync(),
            saved[1].dataSync(),
            {
              ...options,
              nQubits: n,
              dOut: dy.dataSync(),
            },
          );
          return [
            tf.tensor2d(Float32Array.from(dx), [b, n]),
            tf.tensor1d(Float32Array.from(dTheta)),
          ];
        },
      };
    },
  );
  return op(x, theta) as tf.Tensor2D;
}
