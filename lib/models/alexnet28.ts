/**
 * The 28×28 grey-scale "AlexNet" teacher of the KD notebooks (Hasan & Mahdy,
 * arXiv 2311.13810; research notes `kd.md` §1):
 *
 *   x [B,28,28,1] → conv3×3 64 (pad 1) → relu → maxpool2 → conv3×3 192 → relu
 *     → maxpool2 → conv3×3 384 → relu → flatten 18,816 → dropout(½) → fc 4096
 *     → relu → dropout(½) → fc 4096 → relu → fc C
 *
 * 94,663,880 parameters for C = 8 and 94,655,686 for C = 6, as the notebooks
 * print; the first FC layer holds 77 M of them (≈ 379 MB of float32). Weights
 * start from PyTorch's default U(±1/√fan_in).
 *
 * @module
 */

import * as tf from "@tensorflow/tfjs-core";
import type { Rng } from "../runtime/mod.ts";
import { initVariable, type Model, type ModelVariable } from "./model.ts";

/** Options of {@linkcode alexnet28}. */
export interface Alexnet28Options {
  /** Output classes C. @default {10} */
  nClasses?: number;
  /** Stream for initial weights and dropout masks. */
  rng: Rng;
}

/**
 * Kernel shapes of the AlexNet28 layers, `[name, kernel shape]` in order
 * (each layer also has a bias of the last dimension's size).
 *
 * @param nClasses Output classes C.
 * @returns The layer list.
 *
 * @example 94,663,880 parameters for 8 classes (notes §1)
 * ```ts
 * import assert from "node:assert/strict";
 * import { alexnet28Layers } from "./alexnet28.ts";
 * const n = alexnet28Layers(8).reduce((acc, [, s]) => acc + s.reduce((a, b) => a * b) + s[s.length - 1], 0);
 * assert.equal(n, 94663880);
 * ```
 */
export function alexnet28Layers(nClasses: number): [string, number[]][] {
  return [
    ["conv1", [3, 3, 1, 64]],
    ["conv2", [3, 3, 64, 192]],
    ["conv3", [3, 3, 192, 384]],
    ["fc1", [384 * 7 * 7, 4096]],
    ["fc2", [4096, 4096]],
    ["fc3", [4096, nClasses]],
  ];
}

/**
 * Builds AlexNet28.
 *
 * @param options Classes and the seeded rng.
 * @returns The model; `apply` returns logits `[B, C]` for `[B, 28, 28, 1]` inputs.
 *
 * @example Build cost: the layer list gives the size before allocating it
 * ```ts
 * import assert from "node:assert/strict";
 * import { alexnet28Layers } from "./alexnet28.ts";
 * const [name, shape] = alexnet28Layers(6)[3];
 * assert.equal(name, "fc1");
 * assert.equal(shape[0] * shape[1] * 4, 308281344); // bytes of its float32 kernel
 * ```
 */
export function alexnet28(options: Alexnet28Options): Model {
  const { nClasses = 10 } = options;
  const init = options.rng.fork("init");
  const dropoutRng = options.rng.fork("dropout");
  const vars: ModelVariable[] = alexnet28Layers(nClasses).flatMap(
    ([name, shape]) => {
      const fanIn = shape.slice(0, -1).reduce((a, b) => a * b, 1);
      const u = { kind: "uniform", bound: 1 / Math.sqrt(fanIn) } as const;
      return [
        initVariable(`${name}/kernel`, shape, { init: u, rng: init }),
        initVariable(`${name}/bias`, [shape[shape.length - 1]], {
          init: u,
          rng: init,
        }),
      ];
    },
  );
  const v = vars.map((m) => m.variable);
  return {
    name: "alexnet28",
    variables: vars,
    apply(x, { training }) {
      return tf.tidy(() => {
        const nBatch = x.shape[0];
        let h = tf.maxPool(conv(x, v[0], v[1]), 2, 2, "valid"); // [B,14,14,64]
        h = tf.maxPool(conv(h, v[2], v[3]), 2, 2, "valid"); // [B,7,7,192]
        h = conv(h, v[4], v[5]); // [B,7,7,384]
        let z: tf.Tensor2D = tf.reshape(h, [nBatch, 384 * 7 * 7]);
        if (training) {
          z = tf.dropout(
            z,
            0.5,
            undefined,
            dropoutRng.seedInt(),
          ) as tf.Tensor2D;
        }
        z = tf.relu(dense(z, v[6], v[7])); // [B,4096]
        if (training) {
          z = tf.dropout(
            z,
            0.5,
            undefined,
            dropoutRng.seedInt(),
          ) as tf.Tensor2D;
        }
        z = tf.relu(dense(z, v[8], v[9])); // [B,4096]
        return dense(z, v[10], v[11]); // [B,C]
      });
    },
  };
}

function conv(x: tf.Tensor4D, w: tf.Variable, b: tf.Variable): tf.Tensor4D {
  return tf.fused.conv2d({
    x,
    filter: w as tf.Tensor4D,
    bias: b,
    strides: 1,
    pad: "same",
    activation: "relu",
  });
}

function dense(x: tf.Tensor2D, w: tf.Variable, b: tf.Variable): tf.Tensor2D {
  return denseWeightsFirstGrad(x, w as tf.Tensor2D, b);
}

/**
 * x·W + b, whose input gradient is computed as (W·dyᵀ)ᵀ instead of dy·Wᵀ.
 * Same values; tfjs-wasm's BatchMatMul transposes its second operand before
 * multiplying, so dy·Wᵀ copies the whole kernel (308 MB for AlexNet28's first
 * FC layer) every step, while (W·dyᵀ)ᵀ transposes only the batch-sized dy and
 * result. Measured on wasm for AlexNet28 at batch 32: see the KD report.
 *
 * @param x Inputs `[B, N]`.
 * @param w Kernel `[N, M]`.
 * @param b Bias `[M]`.
 * @returns `[B, M]`.
 *
 * @example Forward values are the plain dense layer's
 * ```ts
 * import assert from "node:assert/strict";
 * import * as tf from "@tensorflow/tfjs-core";
 * import "@tensorflow/tfjs-backend-cpu";
 * import { denseWeightsFirstGrad } from "./alexnet28.ts";
 * const y = denseWeightsFirstGrad(tf.tensor2d([[1, 2]]), tf.tensor2d([[1, 0], [0, 3]]), tf.tensor1d([0.5, 0]));
 * assert.deepEqual(Array.from(y.dataSync()), [1.5, 6]);
 * ```
 */
export function denseWeightsFirstGrad(
  x: tf.Tensor2D,
  w: tf.Tensor2D,
  b: tf.Tensor,
): tf.Tensor2D {
  return denseOp(x, w, b) as tf.Tensor2D;
}

const denseOp = tf.customGrad(
  // deno-lint-ignore no-explicit-any
  ((x: tf.Tensor2D, w: tf.Tensor2D, b: tf.Tensor, save: any) => {
    // Only x is saved: saving W would clone the kernel (a 308 MB copy per
    // step); the backward pass reads W itself, which nothing changes between
    // the forward and backward passes.
    save([x]);
    return {
      value: tf.fused.matMul({ a: x, b: w, bias: b }),
      gradFunc: (dy: tf.Tensor2D, saved: tf.Tensor[]) => {
        const [xs] = saved as [tf.Tensor2D];
        return [
          tf.transpose(tf.matMul(w, dy, false, true)), // (W·dyᵀ)ᵀ = dy·Wᵀ
          tf.matMul(xs, dy, true, false),
          tf.sum(dy, 0),
        ];
      },
    };
    // deno-lint-ignore no-explicit-any
  }) as any,
);
