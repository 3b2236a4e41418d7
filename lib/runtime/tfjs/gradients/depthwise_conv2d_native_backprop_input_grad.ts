/**
 * Gradient of `DepthwiseConv2dNativeBackpropInput`, which tfjs-core does not
 * register (second-order gradients through depthwise layers). The input
 * gradient is bilinear in (dy, W), so for an upstream ddx:
 *   ∂/∂dy = depthwiseConv2d(ddx, W)
 *   ∂/∂W  = depthwiseConv2dNativeBackpropFilter(ddx, dy)
 *
 * @module
 */

import {
  depthwiseConv2d,
  DepthwiseConv2dNativeBackpropFilter,
  DepthwiseConv2dNativeBackpropInput,
  type DepthwiseConv2dNativeBackpropInputAttrs,
  engine,
  type GradConfig,
  type NamedAttrMap,
  type Tensor,
  type Tensor4D,
} from "@tensorflow/tfjs-core";

/** Gradient config for `DepthwiseConv2dNativeBackpropInput` (inputs `dy`, `filter`). */
export const depthwiseConv2dNativeBackpropInputGradConfig: GradConfig = {
  kernelName: DepthwiseConv2dNativeBackpropInput,
  inputsToSave: ["dy", "filter"],
  gradFunc: (ddx: Tensor | Tensor[], saved: Tensor[], attrs: NamedAttrMap) => {
    const [dy, filter] = saved as [Tensor4D, Tensor4D];
    const { strides, pad, dilations, dimRoundingMode } =
      attrs as unknown as DepthwiseConv2dNativeBackpropInputAttrs;
    const $ddx = ddx as Tensor4D;
    return {
      dy: () =>
        depthwiseConv2d(
          $ddx,
          filter,
          strides,
          pad,
          "NHWC",
          dilations,
          dimRoundingMode,
        ),
      filter: () =>
        engine().runKernel(
          DepthwiseConv2dNativeBackpropFilter,
          { x: $ddx, dy },
          {
            strides,
            pad,
            dilations,
            dimRoundingMode,
            filterShape: filter.shape,
          } as unknown as NamedAttrMap,
        ) as Tensor4D,
    };
  },
};
