/**
 * `MaxPoolGrad` for the tfjs wasm backend, replacing the one tfjs 4.22 ships:
 * that kernel drops part of the gradient when the batch has several images
 * and channels (measured: 21 of 24 routed entries for x: [2, 4, 4, 3], 2×2
 * pooling; the cpu backend and a brute-force loop agree on all 24).
 *
 *   dx[b, h*, w*, c] += dy[b, p, q, c],  (h*, w*) = first argmax of x over window (p, q)
 *
 * "First" in row-major scan order, as tfjs's cpu backend and PyTorch choose.
 *
 * @module
 */

import {
  backend_util,
  type KernelConfig,
  type KernelFunc,
  MaxPoolGrad,
  type MaxPoolGradAttrs,
  type TensorInfo,
} from "@tensorflow/tfjs-core";
import type { WasmBackendLike } from "./_backend_kernels.ts";

/**
 * Routes `dy: [B, OH, OW, C]` back to the maxima of `input: [B, H, W, C]`.
 *
 * @param args tfjs kernel arguments (`inputs.dy`, `inputs.input`, `attrs`).
 * @returns The input gradient `[B, H, W, C]`.
 */
export const maxPoolGrad: KernelFunc = (args) => {
  const { dy, input } = args.inputs as { dy: TensorInfo; input: TensorInfo };
  const { filterSize, strides, pad, dimRoundingMode } = args
    .attrs as unknown as MaxPoolGradAttrs;
  const backend = args.backend as WasmBackendLike;
  const info = backend_util.computePool2DInfo(
    input.shape as [number, number, number, number],
    filterSize,
    strides,
    1,
    pad,
    dimRoundingMode,
  );
  const { batchSize: nB, inHeight: nH, inWidth: nW, inChannels: nC } = info;
  const { outHeight: nOH, outWidth: nOW, strideHeight: sH, strideWidth: sW } =
    info;
  const { effectiveFilterHeight: nKH, effectiveFilterWidth: nKW } = info;
  const out = backend.makeOutput(input.shape, "float32");
  // Views taken after the allocation: heap growth detaches older views.
  const xv = backend.typedArrayFromHeap(input) as Float32Array;
  const dyv = backend.typedArrayFromHeap(dy) as Float32Array;
  const dxv = backend.typedArrayFromHeap(out) as Float32Array;
  dxv.fill(0);
  for (let b = 0; b < nB; b++) {
    for (let p = 0; p < nOH; p++) {
      const h0 = p * sH - info.padInfo.top;
      const hLo = Math.max(h0, 0);
      const hHi = Math.min(h0 + nKH, nH);
      for (let q = 0; q < nOW; q++) {
        const w0 = q * sW - info.padInfo.left;
        const wLo = Math.max(w0, 0);
        const wHi = Math.min(w0 + nKW, nW);
        const dyBase = ((b * nOH + p) * nOW + q) * nC;
        for (let c = 0; c < nC; c++) {
          let best = -Infinity;
          let bestIdx = -1;
          for (let h = hLo; h < hHi; h++) {
            for (let w = wLo; w < wHi; w++) {
              const idx = ((b * nH + h) * nW + w) * nC + c;
              if (xv[idx] > best || bestIdx < 0) {
                best = xv[idx];
                bestIdx = idx;
              }
            }
          }
          if (bestIdx >= 0) dxv[bestIdx] += dyv[dyBase + c];
        }
      }
    }
  }
  return out;
};

/** Kernel config registering {@linkcode maxPoolGrad} for wasm. */
export const maxPoolGradConfig: KernelConfig = {
  kernelName: MaxPoolGrad,
  backendName: "wasm",
  kernelFunc: maxPoolGrad,
};
