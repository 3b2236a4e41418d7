/**
 * LeNet5, the tanh + average-pooling variant of the KD teachers (research notes
 * `kd.md` §1; Hasan & Mahdy, arXiv 2311.13810 notebooks):
 *
 *   x [B,28,28,1] → conv5×5 6 → tanh → avgpool2 → conv5×5 16 → tanh → avgpool2
 *     → flatten 256 → fc 120 → tanh → fc 84 → tanh → fc C
 *
 * 44,256 parameters for C = 8, as the notebooks print. Weights and biases start
 * from PyTorch's default `nn.Conv2d`/`nn.Linear` init, U(±1/√fan_in).
 *
 * @module
 */

import * as tf from "@tensorflow/tfjs-core";
import { createRng, type Rng } from "../runtime/mod.ts";
import { initVariable, type Model, type ModelVariable } from "./model.ts";

/** Options of {@linkcode lenet5}. */
export interface Lenet5Options {
  /** Output classes C. @default {10} */
  nClasses?: number;
  /** Input channels (1 for MNIST). @default {1} */
  inChannels?: number;
  /** Input height = width; 28 gives the 4×4×16 = 256 flatten of the notes. @default {28} */
  inputSize?: number;
  /** Initial-weight stream. @default {createRng(0)} */
  rng?: Rng;
}

/**
 * Builds LeNet5 (tanh, average pooling).
 *
 * @param options Classes, input geometry and the seeded rng.
 * @returns The model; `apply` returns logits `[B, C]`.
 * @throws {RangeError} If the input is too small for two 5×5 convolutions and poolings.
 *
 * @example Parameter count of the KD teacher (notes §1)
 * ```ts
 * import assert from "node:assert/strict";
 * import { countParams, lenet5 } from "./mod.ts";
 * import { initBackend } from "../runtime/mod.ts";
 * await initBackend("cpu");
 * assert.equal(countParams(lenet5({ nClasses: 8 })), 44256);
 * ```
 */
export function lenet5(options: Lenet5Options = {}): Model {
  const { nClasses = 10, inChannels = 1, inputSize = 28 } = options;
  const rng = options.rng ?? createRng(0);
  const side = ((inputSize - 4) / 2 - 4) / 2; // after C1, S2, C3, S4
  if (!Number.isInteger(side) || side < 1) {
    throw new RangeError(
      `Cannot build LeNet5: expected an input size s with ((s−4)/2−4)/2 a positive integer, got ${inputSize}`,
    );
  }
  const nFlat = side * side * 16;
  const vars: ModelVariable[] = [
    ...torchDefault("c1", [5, 5, inChannels, 6], rng),
    ...torchDefault("c3", [5, 5, 6, 16], rng),
    ...torchDefault("f5", [nFlat, 120], rng),
    ...torchDefault("f6", [120, 84], rng),
    ...torchDefault("out", [84, nClasses], rng),
  ];
  const v = vars.map((m) => m.variable);
  return {
    name: "lenet5",
    variables: vars,
    apply(x) {
      return tf.tidy(() => {
        let h: tf.Tensor4D = convTanh(x, v[0], v[1]); // [B,24,24,6]
        h = tf.avgPool(h, 2, 2, "valid"); // [B,12,12,6]
        h = tf.avgPool(convTanh(h, v[2], v[3]), 2, 2, "valid"); // [B,4,4,16]
        let z: tf.Tensor2D = tf.reshape(h, [h.shape[0], nFlat]);
        z = tf.tanh(dense(z, v[4], v[5])); // [B,120]
        z = tf.tanh(dense(z, v[6], v[7])); // [B,84]
        return dense(z, v[8], v[9]); // [B,C]
      });
    },
  };
}

/** PyTorch's default init for a layer: kernel and bias ~ U(±1/√fan_in). */
function torchDefault(
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

/**
 * conv + bias (one fused kernel) then tanh. The kernel is called directly, not
 * through `tf.fused.conv2d`, whose custom gradient always computes the input
 * gradient, for C1 the image's (measured 10 ms per batch-128 step on wasm);
 * the kernel-level gradient (lib/runtime/tfjs) lets the tape skip it.
 */
function convTanh(x: tf.Tensor4D, w: tf.Variable, b: tf.Variable): tf.Tensor4D {
  const z = tf.engine().runKernel("FusedConv2D", { x, filter: w, bias: b }, {
    strides: 1,
    pad: "valid",
    dataFormat: "NHWC",
    dilations: 1,
    activation: "linear",
  }) as tf.Tensor4D;
  return tf.tanh(z);
}

function dense(x: tf.Tensor2D, w: tf.Variable, b: tf.Variable): tf.Tensor2D {
  return tf.fused.matMul({ a: x, b: w as tf.Tensor2D, bias: b }) as tf.Tensor2D;
}
