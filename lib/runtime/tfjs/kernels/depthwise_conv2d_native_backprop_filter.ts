/**
 * `DepthwiseConv2dNativeBackpropFilter` for the tfjs wasm backend, which ships
 * without it (issue 3):
 *
 *   dW[i, j, c, m] = Σ_{b, p, q} x[b, p·s_h + i·d_h − pad_t, q·s_w + j·d_w − pad_l, c] · dy[b, p, q, c·M + m]
 *
 * computed by one pass over the wasm heap. Depthwise filters are small (KH·KW·C·M
 * values), so the loop is cheap next to the surrounding convolutions; none of
 * the suite's models uses depthwise layers today.
 *
 * @module
 */

import {
  DepthwiseConv2dNativeBackpropFilter,
  type DepthwiseConv2dNativeBackpropFilterAttrs,
  type KernelConfig,
  type KernelFunc,
  type TensorInfo,
} from "@tensorflow/tfjs-core";
import type { WasmBackendLike } from "./_backend_kernels.ts";
import { depthwiseInfo } from "./_depthwise_geometry.ts";

/**
 * Computes the depthwise filter gradient `[KH, KW, C, M]` from
 * `x: [B, H, W, C]` and `dy: [B, OH, OW, C·M]`.
 *
 * @param args tfjs kernel arguments (`inputs.x`, `inputs.dy`, `attrs`).
 * @returns The filter gradient.
 */
export const depthwiseConv2dNativeBackpropFilter: KernelFunc = (args) => {
  const { x, dy } = args.inputs as { x: TensorInfo; dy: TensorInfo };
  const attrs = args
    .attrs as unknown as DepthwiseConv2dNativeBackpropFilterAttrs;
  const backend = args.backend as WasmBackendLike;
  const info = depthwiseInfo(x.shape, {
    filterShape: attrs.filterShape,
    attrs,
  });
  const { batchSize: nB, inHeight: nH, inWidth: nW, inChannels: nC } = info;
  const { outHeight: nOH, outWidth: nOW, outChannels: nCM } = info;
  const { filterHeight: nKH, filterWidth: nKW } = info;
  const { strideHeight: sH, strideWidth: sW } = info;
  const { dilationHeight: dH, dilationWidth: dW } = info;
  const nM = nCM / nC;
  const out = backend.makeOutput(attrs.filterShape, "float32");
  // Views taken after the allocation: heap growth detaches older views.
  const xv = backend.typedArrayFromHeap(x) as Float32Array;
  const dyv = backend.typedArrayFromHeap(dy) as Float32Array;
  const dwv = backend.typedArrayFromHeap(out) as Float32Array;
  dwv.fill(0);
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
            const xBase = ((b * nH + h) * nW + w) * nC;
            const dwBase = (i * nKW + j) * nCM;
            for (let c = 0; c < nC; c++) {
              const xval = xv[xBase + c];
              for (let m = 0; m < nM; m++) {
                dwv[dwBase + c * nM + m] += xval * dyv[dyBase + c * nM + m];
              }
            }
          }
        }
      }
    }
  }
  return out;
};

/** Kernel config registering {@linkcode depthwiseConv2dNativeBackpropFilter} for wasm. */
export const depthwiseConv2dNativeBackpropFilterConfig: KernelConfig = {
  kernelName: DepthwiseConv2dNativeBackpropFilter,
  backendName: "wasm",
  kernelFunc: depthwiseConv2dNativeBackpropFilter,
};
