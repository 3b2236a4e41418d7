/**
 * SGD with momentum and weight decay in PyTorch's form (torch.optim.SGD,
 * dampening 0): g ← g + λθ; b ← μb + g (b = g at the first step); θ ← θ − η·b
 * (Nesterov: θ ← θ − η·(g + μb)).
 *
 * @module
 */

import * as tf from "@tensorflow/tfjs-core";
import type { Optimizer, OptimizerState } from "./optimizer.ts";

/** Options of {@linkcode sgd}. */
export interface SgdOptions {
  /** Base learning rate η. @default {0.01} */
  learningRate?: number;
  /** Momentum μ. @default {0} */
  momentum?: number;
  /** L2 weight decay λ added to the gradient. @default {0} */
  weightDecay?: number;
  /** Nesterov momentum. @default {false} */
  nesterov?: boolean;
}

/**
 * Creates an SGD optimizer.
 *
 * @param options Learning rate, momentum, weight decay, Nesterov.
 * @returns The optimizer.
 * @throws {RangeError} If momentum is outside [0, 1).
 *
 * @example Plain SGD step
 * ```ts
 * import assert from "node:assert/strict";
 * import * as tf from "@tensorflow/tfjs-core";
 * import { sgd } from "./sgd.ts";
 * import { initBackend } from "../runtime/mod.ts";
 * await initBackend("cpu");
 * const w = tf.variable(tf.tensor1d([1]));
 * sgd().apply([{ name: "w", variable: w }], { grads: [tf.tensor1d([2])], lr: 0.25 });
 * assert.equal(w.dataSync()[0], 0.5);
 * ```
 */
export function sgd(options: SgdOptions = {}): Optimizer {
  const {
    learningRate = 0.01,
    momentum = 0,
    weightDecay = 0,
    nesterov = false,
  } = options;
  if (!(momentum >= 0 && momentum < 1)) {
    throw new RangeError(
      `Cannot create SGD: expected 0 ≤ momentum < 1, got ${momentum}`,
    );
  }
  let step = 0;
  let slots = new Map<string, tf.Tensor>();
  const momentumShapes = new Map<string, number[]>();
  return {
    name: "sgd",
    learningRate,
    apply(params, { grads, lr }) {
      step += 1;
      params.forEach(({ name, variable }, k) => {
        const key = `${name}/momentum`;
        momentumShapes.set(key, variable.shape);
        let bOld = slots.get(key);
        if (bOld !== undefined && bOld.shape.join() !== variable.shape.join()) {
          // Restored from a checkpoint before the first step: flat → shaped.
          const shaped = tf.keep(tf.reshape(bOld, variable.shape));
          bOld.dispose();
          bOld = shaped;
        }
        const b = tf.tidy((): tf.Tensor | undefined => {
          const g = weightDecay > 0
            ? tf.add(grads[k], tf.mul(variable, weightDecay))
            : grads[k];
          if (momentum === 0) {
            variable.assign(tf.sub(variable, tf.mul(g, lr)));
            return undefined;
          }
          const b = bOld === undefined
            ? tf.clone(g)
            : tf.add(tf.mul(bOld, momentum), g);
          const u = nesterov ? tf.add(g, tf.mul(b, momentum)) : b;
          variable.assign(tf.sub(variable, tf.mul(u, lr)));
          return tf.keep(b);
        });
        if (b !== undefined) {
          bOld?.dispose();
          slots.set(key, b);
        }
      });
    },
    getState: async (): Promise<OptimizerState> => {
      const entries = await Promise.all(
        [...slots].map(async ([k, t]) =>
          [k, (await t.data()) as Float32Array] as const
        ),
      );
      return { step, slots: new Map(entries) };
    },
    setState(state) {
      for (const t of slots.values()) t.dispose();
      step = state.step;
      slots = new Map(
        [...state.slots].map(([k, a]) => {
          const shape = momentumShapes.get(k) ?? [a.length];
          return [k, tf.keep(tf.tensor(a, shape))];
        }),
      );
    },
  };
}
