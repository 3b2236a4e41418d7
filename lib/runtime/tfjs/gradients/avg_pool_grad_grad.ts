/**
 * Gradient of `AvgPoolGrad`, which tfjs-core does not register (second-order
 * gradients through average pooling, e.g. LeNet5). The pooling gradient is
 * linear in dy with adjoint `avgPool`, and does not depend on the input values:
 *   ∂⟨ddx, avgPoolGrad(dy)⟩/∂dy = avgPool(ddx),  ∂/∂input = 0
 *
 * @module
 */

import {
  avgPool,
  AvgPoolGrad,
  type AvgPoolGradAttrs,
  type GradConfig,
  type NamedAttrMap,
  type Tensor,
  type Tensor4D,
  zerosLike,
} from "@tensorflow/tfjs-core";

/** Gradient config for the `AvgPoolGrad` kernel (inputs `dy`, `input`). */
export const avgPoolGradGradConfig: GradConfig = {
  kernelName: AvgPoolGrad,
  inputsToSave: ["input"],
  gradFunc: (ddx: Tensor | Tensor[], saved: Tensor[], attrs: NamedAttrMap) => {
    const [input] = saved as [Tensor4D];
    const { filterSize, strides, pad } = attrs as unknown as AvgPoolGradAttrs;
    return {
      dy: () =>
        avgPool(
          ddx as Tensor4D,
          filterSize,
          strides,
          pad as "valid" | "same" | number,
        ),
      input: () => zerosLike(input),
    };
  },
};
