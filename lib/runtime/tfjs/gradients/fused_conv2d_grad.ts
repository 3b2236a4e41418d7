/**
 * Kernel-level gradient of `FusedConv2D` (conv + bias, linear or ReLU), which
 * tfjs-core only differentiates through the op-level `customGrad` of
 * `tf.fused.conv2d`. That custom gradient always computes all three input
 * gradients; with this config, calling the kernel directly lets the tape skip
 * the ones nothing needs, e.g. the image gradient of a first layer. With
 * z = conv(x, W) + b and y = act(z), dz = dy (linear) or dy·[y > 0] (ReLU):
 *   ∂/∂x = conv2DBackpropInput(x.shape, dz, W),  ∂/∂W = conv2DBackpropFilter(x, dz),
 *   ∂/∂b = Σ_{B,H,W} dz
 *
 * @module
 */

import {
  conv2dTranspose,
  engine,
  FusedConv2D,
  type FusedConv2DAttrs,
  type GradConfig,
  greater,
  mul,
  type NamedAttrMap,
  sum,
  type Tensor,
  type Tensor4D,
} from "@tensorflow/tfjs-core";

/** Gradient config for the `FusedConv2D` kernel (inputs `x`, `filter`, `bias`). */
export const fusedConv2DGradConfig: GradConfig = {
  kernelName: FusedConv2D,
  inputsToSave: ["x", "filter"],
  outputsToSave: [true],
  gradFunc: (dy: Tensor | Tensor[], saved: Tensor[], attrs: NamedAttrMap) => {
    const [x, filter, y] = saved as [Tensor4D, Tensor4D, Tensor4D];
    const { strides, pad, dimRoundingMode, activation, dilations } =
      attrs as unknown as FusedConv2DAttrs;
    if (activation !== "linear" && activation !== "relu") {
      throw new RangeError(
        `Cannot differentiate FusedConv2D: expected activation linear or relu, got ${activation}`,
      );
    }
    if (
      dilations !== 1 &&
      !(Array.isArray(dilations) && dilations.every((d) => d === 1))
    ) {
      throw new RangeError(
        `Cannot differentiate FusedConv2D: expected dilations 1, got ${dilations}`,
      );
    }
    const dz = activation === "relu"
      ? mul(dy as Tensor4D, greater(y, 0)) as Tensor4D
      : dy as Tensor4D;
    return {
      x: () =>
        conv2dTranspose(
          dz,
          filter,
          x.shape,
          strides,
          pad as "same" | "valid" | number,
          dimRoundingMode,
        ),
      filter: () =>
        engine().runKernel("Conv2DBackpropFilter", { x, dy: dz }, {
          strides,
          pad,
          dataFormat: "NHWC",
          dimRoundingMode,
          filterShape: filter.shape,
        } as unknown as NamedAttrMap) as Tensor4D,
      bias: () => sum(dz, [0, 1, 2]),
    };
  },
};
