/**
 * Gradient of `Conv2DBackpropFilter`, which tfjs-core does not register; it
 * makes second-order gradients (dataset distillation differentiates through a
 * training step) flow through convolution filter gradients.
 *
 * dW(x, dy) is bilinear, so for an upstream gradient ddW:
 *   ∂⟨ddW, dW⟩/∂x  = conv2DBackpropInput(x.shape, dy, ddW)
 *   ∂⟨ddW, dW⟩/∂dy = conv2d(x, ddW)
 * as TensorFlow's `_Conv2DBackpropFilterGrad` (nn_grad.py).
 *
 * @module
 */

import {
  conv2d,
  Conv2DBackpropFilter,
  type Conv2DBackpropFilterAttrs,
  conv2dTranspose,
  type GradConfig,
  type NamedAttrMap,
  type Tensor,
  type Tensor4D,
} from "@tensorflow/tfjs-core";

/** Gradient config for the `Conv2DBackpropFilter` kernel (inputs `x`, `dy`). */
export const conv2DBackpropFilterGradConfig: GradConfig = {
  kernelName: Conv2DBackpropFilter,
  inputsToSave: ["x", "dy"],
  gradFunc: (ddw: Tensor | Tensor[], saved: Tensor[], attrs: NamedAttrMap) => {
    const [x, dy] = saved as [Tensor4D, Tensor4D];
    const { strides, pad, dimRoundingMode } =
      attrs as unknown as Conv2DBackpropFilterAttrs;
    const $ddw = ddw as Tensor4D;
    return {
      x: () =>
        conv2dTranspose(
          dy,
          $ddw,
          x.shape,
          strides,
          pad as "same" | "valid" | number,
          dimRoundingMode,
        ),
      dy: () => conv2d(x, $ddw, strides, pad, "NHWC", 1, dimRoundingMode),
    };
  },
};
