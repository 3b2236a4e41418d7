/**
 * `DepthwiseConv2dNativeBackpropInput` for the tfjs wasm backend, which ships
 * without it (issue 3). Each output position scatters back to the inputs it read:
 *
 *   dx[b, p·s_h + i·d_h − pad_t, q·s_w + j·d_w − pad_l, c] += Σ_m dy[b, p, q, c·M + m] · W[i, j, c, m]
 *
 * computed by one pass over the wasm heap (any stride, padding and dilation).
 *
 * @module
 */

import {
  DepthwiseConv2dNativeBackpropInput,
  type DepthwiseConv2dNativeBackpropInputAttrs,
  type KernelConfig,
  type KernelFunc,
  type TensorInfo,
} from "@tensorflow/tfjs-core";
import type { WasmBackendLike } from "./_backend_kernels.ts";
import { depthwiseInfo } from "./_depthwise_geometry.ts";

/**
 * Computes the depthwise input gradient `[B, H, W, C]` from
 * `dy: [B, OH, OW, C·M]` and `filter: [KH, KW, C, M]`.
 *
 * @param args tfjs kernel arguments (`inputs.dy`, `inputs.filter`, `attrs`).
 * @returns The input gradient.
 */
export const depthwiseConv2dNativeBackpropInput: KernelFunc = (args) => {
  const { dy, filter } = args.inputs as { dy: TensorInfo; filter: TensorInfo };
  const attrs = args
    .attrs as unknown as DepthwiseConv2dNativeBackpropInputAttrs;
  const backend = args.backend as WasmBackendLike;
  const info = depthwiseInfo(attrs.inputShape, {
    filterShape: filter.shape,
    attrs,
  });
  const { batchSize: nB, inHeight: nH, inWidth: nW, inChannels: nC } = info;
  const { outHeight: nOH, outWidth: nOW, outChannels: nCM } = info;
  const { filterHeight: nKH, filterWidth: nKW } = info;
  const { strideHeight: sH, strideWidth: sW } = info;
  const { dilationHeight: dH, dilationWidth: dW } = info;
  const nM = nCM / nC;
  const out = backend.makeOutput(attrs.inputShape, "float32");
  // Views taken after the allocation: heap growth detaches older views.
  const dyv = backend.typedArrayFromHeap(dy) as Float32Array;
  const fv = backend.typedArrayFromHeap(filter) as Float32Array;
  const dxv = backend.typedArrayFromHeap(out) as Float32Array;
  dxv.fill(0);
  for (let b = 0; b < nB; b++) {
    for (let p = 0; p < nOH; p++) {
      for (let q = 0; q < nOW; q++) {
        const dyBase = ((b * nOH + p) * nOW + q) * nCM;
        for (let i = 0; i < nKH; i++) {
          const h = p * sH + i * dH - info.padInfo.top;
          if (h < 0 || h >= nH) continue;
          for (let j = 0; j < nKW; j++) {
            const w = q * sW + j * dW - info.padInfo.left;
            if (w < 0 || w >= nW) continue;
            const dxBase = ((b * nH + h) * nW + w) * nC;
            const fBase = (i * nKW + j) * nCM;
            for (let c = 0; c < nC; c++) {
              let acc = 0;
              for (let m = 0; m < nM; m++) {
                acc += dyv[dyBase + c * nM + m] * fv[fBase + c * nM + m];
              }
              dxv[dxBase + c] += acc;
            }
          }
        }
      }
    }
  }
  return out;
};

/** Kernel config registering {@linkcode depthwiseConv2dNativeBackpropInput} for wasm. */
export const depthwiseConv2dNativeBackpropInputConfig: KernelConfig = {
  kernelName: DepthwiseConv2dNativeBackpropInput,
  backendName: "wasm",
  kernelFunc: depthwiseConv2dNativeBackpropInput,
};
