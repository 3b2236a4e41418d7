/**
 * Registers, in one loop as tfjs's `register_all_kernels.ts` does, the wasm
 * kernels and gradients that training needs and tfjs 4.22 lacks.
 *
 * @module
 */

import {
  getGradient,
  getKernel,
  type GradConfig,
  type KernelConfig,
  registerGradient,
  registerKernel,
  unregisterKernel,
} from "@tensorflow/tfjs-core";
import { conv2DBackpropFilterConfig } from "./kernels/conv2d_backprop_filter.ts";
import { depthwiseConv2dNativeBackpropFilterConfig } from "./kernels/depthwise_conv2d_native_backprop_filter.ts";
import { depthwiseConv2dNativeBackpropInputConfig } from "./kernels/depthwise_conv2d_native_backprop_input.ts";
import { maxPoolGradConfig } from "./kernels/max_pool_grad.ts";
import { avgPoolGradConfig } from "./kernels/avg_pool_grad.ts";
import { batchMatMulConfig } from "./kernels/batch_mat_mul.ts";
import { conv2DBackpropInputConfig } from "./kernels/conv2d_backprop_input.ts";
import { tanhConfig } from "./kernels/tanh.ts";
import { tileConfig } from "./kernels/tile.ts";
import { keepOriginalKernel } from "./kernels/_backend_kernels.ts";
import { avgPoolGradGradConfig } from "./gradients/avg_pool_grad_grad.ts";
import { conv2DBackpropFilterGradConfig } from "./gradients/conv2d_backprop_filter_grad.ts";
import { fusedConv2DGradConfig } from "./gradients/fused_conv2d_grad.ts";
import { depthwiseConv2dNativeBackpropFilterGradConfig } from "./gradients/depthwise_conv2d_native_backprop_filter_grad.ts";
import { depthwiseConv2dNativeBackpropInputGradConfig } from "./gradients/depthwise_conv2d_native_backprop_input_grad.ts";
import { eluGradConfig } from "./gradients/elu_grad.ts";
import { expGradConfig } from "./gradients/exp_grad.ts";
import { sigmoidGradConfig } from "./gradients/sigmoid_grad.ts";
import { softmaxGradConfig } from "./gradients/softmax_grad.ts";
import { tanhGradConfig } from "./gradients/tanh_grad.ts";

/** The wasm kernels we add (issue 3). */
export const WASM_TRAINING_KERNELS: readonly KernelConfig[] = [
  conv2DBackpropFilterConfig,
  depthwiseConv2dNativeBackpropFilterConfig,
  depthwiseConv2dNativeBackpropInputConfig,
];

/**
 * wasm kernels of tfjs 4.22 that we replace: MaxPoolGrad because it is wrong,
 * the others because they are slow (each file gives the measurement).
 */
export const WASM_KERNEL_FIXES: readonly KernelConfig[] = [
  maxPoolGradConfig,
  avgPoolGradConfig,
  batchMatMulConfig,
  conv2DBackpropInputConfig,
  tanhConfig,
  tileConfig,
];

/** The gradients we add, so second-order gradients pass through those kernels. */
export const TRAINING_GRADIENTS: readonly GradConfig[] = [
  conv2DBackpropFilterGradConfig,
  depthwiseConv2dNativeBackpropFilterGradConfig,
  depthwiseConv2dNativeBackpropInputGradConfig,
  avgPoolGradGradConfig,
  fusedConv2DGradConfig,
];

/**
 * tfjs 4.22 gradients that we replace (on every backend): they read the saved
 * forward output, a clone the tape does not link back to the input, so
 * second-order gradients through them throw or are wrong. Ours save the input.
 * (`LogSoftmax` has the same flaw but is a `customGrad` op, not a registered
 * gradient, so it cannot be fixed here.)
 */
export const GRADIENT_FIXES: readonly GradConfig[] = [
  expGradConfig,
  sigmoidGradConfig,
  tanhGradConfig,
  softmaxGradConfig,
  eluGradConfig,
];

/**
 * Registers {@linkcode WASM_TRAINING_KERNELS} and {@linkcode TRAINING_GRADIENTS}
 * unless something already provides them, and swaps in
 * {@linkcode WASM_KERNEL_FIXES} and {@linkcode GRADIENT_FIXES}; safe to call
 * more than once.
 *
 * @returns The names of the kernels and gradients this call registered.
 *
 * @example Idempotent registration
 * ```ts
 * import assert from "node:assert/strict";
 * import { registerTrainingKernels } from "./register_training_kernels.ts";
 * registerTrainingKernels();
 * assert.deepEqual(registerTrainingKernels(), []);
 * ```
 */
export function registerTrainingKernels(): string[] {
  const added: string[] = [];
  for (const config of WASM_TRAINING_KERNELS) {
    if (getKernel(config.kernelName, config.backendName) !== undefined) {
      continue;
    }
    registerKernel(config);
    added.push(`${config.kernelName}/${config.backendName}`);
  }
  for (const config of WASM_KERNEL_FIXES) {
    const current = getKernel(config.kernelName, config.backendName);
    if (current?.kernelFunc === config.kernelFunc) continue;
    if (current !== undefined) {
      keepOriginalKernel(current);
      unregisterKernel(config.kernelName, config.backendName);
    }
    registerKernel(config);
    added.push(`${config.kernelName}/${config.backendName}`);
  }
  for (const config of TRAINING_GRADIENTS) {
    if (getGradient(config.kernelName) !== undefined) continue;
    registerGradient(config);
    added.push(`${config.kernelName}/grad`);
  }
  for (const config of GRADIENT_FIXES) {
    if (getGradient(config.kernelName)?.gradFunc === config.gradFunc) continue;
    registerGradient(config);
    added.push(`${config.kernelName}/grad`);
  }
  return added;
}
