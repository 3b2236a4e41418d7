/**
 * `AvgPoolGrad` for the tfjs wasm backend, replacing tfjs 4.22's kernel for
 * unpadded pooling (measured 12 ms for LeNet5's first pooling at batch 128,
 * a memory-bound operation that one pass over the wasm heap does in about 1 ms):
 *
 *   dx[b, p·s_h + i, q·s_w + j, c] += dy[b, p, q, c] / (KH·KW)
 *
 * Padded pooling goes to tfjs's own kernel, so the divisor semantics of
 * padded windows stay exactly tfjs's.
 *
 * @module
 */

import {
  AvgPoolGrad,
  type AvgPoolGradAttrs,
  backend_util,
  type KernelConfig,
  type KernelFunc,
  type TensorInfo,
} from "@tensorflow/tfjs-core";
import { runOriginalKernel, type WasmBackendLike } from "./_backend_kernels.ts";

/**
 * Spreads `dy: [B, OH, OW, C]` evenly over each pooling window of `input`.
 *
 * @param args tfjs kernel arguments (`inputs.dy`, `inputs.input`, `attrs`).
 * @returns The input gradient `[B, H, W, C]`.
 */
export const avgPoolGrad: KernelFunc = (args) => {
  const { dy, input } = args.inputs as { dy: TensorInfo; input: TensorInfo };
  const { filterSize, strides, pad } = args
    .attrs as unknown as AvgPoolGradAttrs;
  const backend = args.backend as WasmBackendLike;
  const info = backend_util.computePool2DInfo(
    input.shape as [number, number, number, number],
    filterSize,
    strides,
    1,
    pad,
  );
  const { top, bottom, left, right } = info.padInfo;
  if (top + bottom + left + right > 0) {
    return runOriginalKernel(AvgPoolGrad, {
      backend,
      inputs: args.inputs,
      attrs: args.attrs,
    });
  }
  const { batchSize: nB, inHeight: nH, inWidth: nW, inChannels: nC } = info;
  const { outHeight: nOH, outWidth: nOW, strideHeight: sH, strideWidth: sW } =
    info;
  const { filterHeight: nKH, filterWidth: nKW } = info;
  const out = backend.makeOutput(input.shape, "float32");
  // Views taken after the allocation: heap growth detaches older views.
  const dyv = backend.typedArrayFromHeap(dy) as Float32Array;
  const dxv = backend.typedArrayFromHeap(out) as Float32Array;
  const scale = 1 / (nKH * nKW);
  if (sH === nKH && sW === nKW && nOH * sH === nH && nOW * sW === nW) {
    // Tiling windows (LeNet5's 2×2/2): every dx value comes from one dy value.
    for (let b = 0, k = 0; b < nB; b++) {
      for (let h = 0; h < nH; h++) {
        const rowBase = (b * nOH + Math.floor(h / sH)) * nOW;
        for (let w = 0; w < nW; w++) {
          const dyBase = (rowBase + Math.floor(w / sW)) * nC;
          for (let c = 0; c < nC; c++, k++) dxv[k] = dyv[dyBase + c] * scale;
        }
      }
    }
    return out;
  }
  dxv.fill(0);
  for (let b = 0; b < nB; b++) {
    for (let p = 0; p < nOH; p++) {
      for (let q = 0; q < nOW; q++) {
        const dyBase = ((b * nOH + p) * nOW + q) * nC;
        for (let i = 0; i < nKH; i++) {
          for (let j = 0; j < nKW; j++) {
            const dxBase = ((b * nH + p * sH + i) * nW + q * sW + j) * nC;
            for (let c = 0; c < nC; c++) {
              dxv[dxBase + c] += dyv[dyBase + c] * scale;
            }
          }
        }
      }
    }
  }
  return out;
};

/** Kernel config registering {@linkcode avgPoolGrad} for wasm. */
export const avgPoolGradConfig: KernelConfig = {
  kernelName: AvgPoolGrad,
  backendName: "wasm",
  kernelFunc: avgPoolGrad,
};
