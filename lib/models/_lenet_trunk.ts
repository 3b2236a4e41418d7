/**
 * The convolutional trunk shared by the dataset-distillation LeNets (qdd.md
 * §3, the `LeNet` of SsnL/dataset-distillation): C1 conv5×5 → ReLU → P1 max2
 * → C2 conv5×5 16 → ReLU → P2 max2 → flatten 400 → F1 120 → ReLU. Xavier-normal
 * weights, zero biases, as the code's `init` (qdd.md §3 Initialisation).
 *
 * @module
 */

import * as tf from "@tensorflow/tfjs-core";
import { maxPool2x2 } from "./max_pool_2x2.ts";
import type { ParamSpec } from "./param_net.ts";

/** Input geometry of the trunk. */
export interface TrunkGeometry {
  /** Input channels: 1 (MNIST) or 3 (CIFAR-10). */
  inChannels: number;
  /** Input side: 28 (C1 padding 2) or 32 (no padding). */
  inputSize: number;
}

/** Conv or linear layer specs: Xavier-normal kernel, zero bias, trainable, re-sampled. */
export function layerSpecs(name: string, kernelShape: number[]): ParamSpec[] {
  const nOut = kernelShape[kernelShape.length - 1];
  const receptive = kernelShape.length === 4
    ? kernelShape[0] * kernelShape[1]
    : 1;
  const fanIn = kernelShape[kernelShape.length - 2] * receptive;
  const fanOut = nOut * receptive;
  return [
    {
      name: `${name}/kernel`,
      shape: kernelShape,
      init: { kind: "xavier", fanIn, fanOut },
      trainable: true,
      resample: true,
    },
    {
      name: `${name}/bias`,
      shape: [nOut],
      init: { kind: "constant", value: 0 },
      trainable: true,
      resample: true,
    },
  ];
}

/** Specs of C1, C2 and F1 (6 tensors). */
export function trunkSpecs(
  { inChannels, inputSize }: TrunkGeometry,
): ParamSpec[] {
  if (inputSize !== 28 && inputSize !== 32) {
    throw new RangeError(
      `Cannot build LeNet: expected input size 28 or 32, got ${inputSize}`,
    );
  }
  return [
    ...layerSpecs("conv1", [5, 5, inChannels, 6]),
    ...layerSpecs("conv2", [5, 5, 6, 16]),
    ...layerSpecs("fc1", [400, 120]),
  ];
}

/** x [B, s, s, Cin] → ReLU(F1) [B, 120], reading params[0..5]. */
export function trunk(
  params: readonly tf.Tensor[],
  x: tf.Tensor4D,
): tf.Tensor2D {
  const pad = x.shape[1] === 28 ? 2 : 0; // qdd.md §3: padding 2 for 28×28 only
  const conv = (h: tf.Tensor4D, k: number, p: number) =>
    tf.relu(
      tf.add(tf.conv2d(h, params[k] as tf.Tensor4D, 1, p), params[k + 1]),
    ) as tf.Tensor4D;
  const p1 = maxPool2x2(conv(x, 0, pad)); // [B,14,14,6]
  const p2 = maxPool2x2(conv(p1, 2, 0)); // [B,5,5,16]
  const flat = tf.reshape(p2, [x.shape[0], 400]) as tf.Tensor2D;
  return tf.relu(dense(flat, params[4], params[5])) as tf.Tensor2D; // [B,120]
}

/** x·W + b. */
export function dense(x: tf.Tensor2D, w: tf.Tensor, b: tf.Tensor): tf.Tensor2D {
  return tf.add(tf.matMul(x, w as tf.Tensor2D), b) as tf.Tensor2D;
}
