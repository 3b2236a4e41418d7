/**
 * Gradient of `DepthwiseConv2dNativeBackpropFilter`, which tfjs-core does not
 * register (second-order gradients through depthwise layers). The filter
 * gradient is bilinear in (x, dy), so for an upstream ddW:
 *   ∂/∂x  = depthwiseConv2dNativeBackpropInput(x.shape, dy, ddW)
 *   ∂/∂dy = depthwiseConv2d(x, ddW)
 *
 * @module
 */

import {
  depthwiseConv2d,
  DepthwiseConv2dNativeBackpropFilter,
  type DepthwiseConv2dNativeBackpropFilterAttrs,
  DepthwiseConv2dNativeBackpropInput,
  engine,
  type GradConfig,
  type NamedAttrMap,
  type Tensor,
  type Tensor4D,
} from "@tensorflow/tfjs-core";

/** Gradient config for `DepthwiseConv2dNativeBackpropFilter` (inputs `x`, `dy`). */
export const depthwiseConv2dNativeBackpropFilterGradConfig: GradConfig = {
  kernelName: DepthwiseConv2dNativeBackpropFilter,
  inputsToSave: ["x", "dy"],
  gradFunc: (ddw: Tensor | Tensor[], saved: Tensor[], attrs: NamedAttrMap) => {
    const [x, dy] = saved as [Tensor4D, Tensor4D];
    const { strides, pad, dilations, dimRoundingMode } =
      attrs as unknown as DepthwiseConv2dNativeBackpropFilterAttrs;
    const $ddw = ddw as Tensor4D;
    return {
      x: () =>
        engine().runKernel(
          DepthwiseConv2dNativeBackpropInput,
          { dy, filter: $ddw },
          {
            strides,
            pad,
            dilations,
            dimRoundingMode,
            inputShape: x.shape,
          } as unknown as NamedAttrMap,
        ) as Tensor4D,
      dy: () =>
        depthwiseConv2d(
          x,
          $ddw,
          strides,
          pad,
          "NHWC",
          dilations,
          dimRoundingMode,
        ),
    };
  },
};
