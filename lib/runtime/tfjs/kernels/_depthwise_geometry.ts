/**
 * Shared geometry of the depthwise backprop kernels: the forward pass's
 * `Conv2DInfo` computed from input and filter shapes.
 *
 * @module
 */

import { backend_util } from "@tensorflow/tfjs-core";

/** Attributes common to both depthwise backprop kernels. */
export interface DepthwiseAttrs {
  /** Forward strides. */
  strides: [number, number] | number;
  /** Forward dilations. */
  dilations: [number, number] | number;
  /** Forward padding. */
  pad: "valid" | "same" | number | backend_util.ExplicitPadding;
  /** Rounding of output sizes. */
  dimRoundingMode?: "floor" | "round" | "ceil";
}

/**
 * The forward depthwise convolution's geometry.
 *
 * @param xShape Input shape `[B, H, W, C]`.
 * @param options Filter shape `[KH, KW, C, M]` and the forward attributes.
 * @returns tfjs's `Conv2DInfo` for the forward pass.
 */
export function depthwiseInfo(
  xShape: number[],
  options: { filterShape: number[]; attrs: DepthwiseAttrs },
): backend_util.Conv2DInfo {
  const { filterShape, attrs } = options;
  return backend_util.computeConv2DInfo(
    xShape as [number, number, number, number],
    filterShape as [number, number, number, number],
    attrs.strides,
    attrs.dilations,
    attrs.pad,
    attrs.dimRoundingMode,
    true,
  );
}
