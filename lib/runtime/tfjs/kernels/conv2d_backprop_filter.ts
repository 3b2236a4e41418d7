/**
 * `Conv2DBackpropFilter` for the tfjs wasm backend, which ships without it
 * (issue 3). The filter gradient of a convolution is itself a convolution:
 *
 *   dW[i, j, c, o] = Σ_{b, p, q} x[b, p·s_h + i − pad_t, q·s_w + j − pad_l, c] · dy[b, p, q, o]
 *
 * Read with c as the batch, b as the input channel and dy as a filter of size
 * OH × OW dilated by the forward stride, this is one forward `Conv2D` call, so
 * the work runs in XNNPACK's SIMD convolution instead of a JavaScript loop.
 *
 * @module
 */

import {
  backend_util,
  Conv2DBackpropFilter,
  type Conv2DBackpropFilterAttrs,
  type KernelBackend,
  type KernelConfig,
  type KernelFunc,
  type TensorInfo,
} from "@tensorflow/tfjs-core";
import { disposeInfos, runWasmKernel } from "./_backend_kernels.ts";

type Shape4 = [number, number, number, number];

/**
 * Computes the filter gradient `[KH, KW, Ci, Co]` of a 2-D convolution from
 * the input `x: [B, H, W, Ci]` and the output gradient `dy: [B, OH, OW, Co]`.
 *
 * @param args tfjs kernel arguments (`inputs.x`, `inputs.dy`, `attrs`).
 * @returns The filter gradient.
 * @throws {RangeError} If the data format is not NHWC.
 */
export const conv2DBackpropFilter: KernelFunc = (args) => {
  const { inputs, attrs } = args;
  const backend = args.backend as KernelBackend;
  const { x, dy } = inputs as { x: TensorInfo; dy: TensorInfo };
  const { strides, pad, dataFormat, dimRoundingMode, filterShape } =
    attrs as unknown as Conv2DBackpropFilterAttrs;
  if (dataFormat === "NCHW") {
    throw new RangeError(
      "Cannot run Conv2DBackpropFilter on wasm: expected dataFormat NHWC, got NCHW",
    );
  }
  const info = backend_util.computeConv2DInfo(
    x.shape as Shape4,
    filterShape,
    strides,
    1,
    pad,
    dimRoundingMode,
  );
  const { batchSize: nB, inHeight, inWidth, inChannels } = info;
  const { outHeight, outWidth, filterHeight, filterWidth } = info;
  const { strideHeight: sH, strideWidth: sW, padInfo } = info;
  // Padded rows the forward pass actually read: (OH−1)·s_h + KH.
  const padBottom = (outHeight - 1) * sH + filterHeight - padInfo.top -
    inHeight;
  const padRight = (outWidth - 1) * sW + filterWidth - padInfo.left - inWidth;
  const temps: TensorInfo[] = [];
  let xUsed = x;
  if (padBottom < 0 || padRight < 0) {
    // Trailing rows/columns the strided forward pass never touched.
    xUsed = runWasmKernel("Slice", {
      backend,
      inputs: { x },
      attrs: {
        begin: [0, 0, 0, 0],
        size: [
          nB,
          inHeight + Math.min(padBottom, 0),
          inWidth + Math.min(padRight, 0),
          inChannels,
        ],
      },
    });
    temps.push(xUsed);
  }
  // x as a batch of Ci images with B channels: [Ci, H, W, B].
  const xT = runWasmKernel("Transpose", {
    backend,
    inputs: { x: xUsed },
    attrs: { perm: [3, 1, 2, 0] },
  });
  // dy as an OH × OW filter from B to Co channels: [OH, OW, B, Co].
  const dyT = runWasmKernel("Transpose", {
    backend,
    inputs: { x: dy },
    attrs: { perm: [1, 2, 0, 3] },
  });
  temps.push(xT, dyT);
  const explicitPad = [
    [0, 0],
    [padInfo.top, Math.max(padBottom, 0)],
    [padInfo.left, Math.max(padRight, 0)],
    [0, 0],
  ];
  const dwT = runWasmKernel("Conv2D", { // [Ci, KH, KW, Co]
    backend,
    inputs: { x: xT, filter: dyT },
    attrs: {
      strides: [1, 1],
      dilations: [sH, sW],
      pad: explicitPad,
      dataFormat: "NHWC",
    },
  });
  temps.push(dwT);
  const dw = runWasmKernel("Transpose", { // [KH, KW, Ci, Co]
    backend,
    inputs: { x: dwT },
    attrs: { perm: [1, 2, 0, 3] },
  });
  disposeInfos(backend, temps);
  return dw;
};

/** Kernel config registering {@linkcode conv2DBackpropFilter} for wasm. */
export const conv2DBackpropFilterConfig: KernelConfig = {
  kernelName: Conv2DBackpropFilter,
  backendName: "wasm",
  kernelFunc: conv2DBackpropFilter,
};
