/**
 * Access to a WebGPU device for the simulator: requests the adapter once per process, reports
 * what it is (for run manifests), counts queue submissions, and yields null, with a reason,
 * where WebGPU is absent (no `--unstable-webgpu`, or no adapter).
 *
 * @module
 */

/** What the adapter says about itself. */
export interface WebgpuAdapterReport {
  /** Vendor id or name. */
  readonly vendor: string;
  /** GPU architecture, often empty. */
  readonly architecture: string;
  /** Device id or name. */
  readonly device: string;
  /** Human-readable description, e.g. "llvmpipe (LLVM 15.0.6, 256 bits)". */
  readonly description: string;
  /** True for a software (fallback) adapter such as llvmpipe. */
  readonly isFallbackAdapter: boolean;
}

/** A WebGPU device with a counted submit. */
export interface WebgpuContext {
  /** The device. */
  readonly device: GPUDevice;
  /** The adapter's report. */
  readonly adapter: WebgpuAdapterReport;
  /** Command buffers submitted through {@linkcode WebgpuContext.submit} so far. */
  readonly submitCount: number;
  /**
   * Submit command buffers to the device queue, counting them.
   *
   * @param commandBuffers The finished command buffers.
   */
  submit(commandBuffers: GPUCommandBuffer[]): void;
}

/** Options of {@linkcode requestWebgpu}. */
export interface RequestWebgpuOptions {
  /** Called with the reason when no device is available. @default {undefined} */
  onUnavailable?: (reason: string) => void;
}

let shared: Promise<WebgpuContext | string> | undefined;

async function open(): Promise<WebgpuContext | string> {
  const gpu = (globalThis.navigator as { gpu?: GPU } | undefined)?.gpu;
  if (!gpu) {
    return "navigator.gpu is undefined (run deno with --unstable-webgpu)";
  }
  let adapter: GPUAdapter | null;
  try {
    adapter = await gpu.requestAdapter();
  } catch (err) {
    return `requestAdapter failed: ${(err as Error).message}`;
  }
  if (!adapter) return "no WebGPU adapter is available";
  const limits = adapter.limits;
  let device: GPUDevice;
  try {
    device = await adapter.requestDevice({
      requiredLimits: {
        maxStorageBufferBindingSize: limits.maxStorageBufferBindingSize,
        maxBufferSize: limits.maxBufferSize,
      },
    });
  } catch (err) {
    return `requestDevice failed: ${(err as Error).message}`;
  }
  const info = adapter.info;
  const report: WebgpuAdapterReport = {
    vendor: info.vendor,
    architecture: info.architecture,
    device: info.device,
    description: info.description,
    isFallbackAdapter:
      (info as { isFallbackAdapter?: boolean }).isFallbackAdapter ?? false,
  };
  let submitCount = 0;
  device.lost.then(() => {
    shared = undefined;
  });
  return {
    device,
    adapter: report,
    get submitCount() {
      return submitCount;
    },
    submit(commandBuffers: GPUCommandBuffer[]): void {
      submitCount += commandBuffers.length;
      device.queue.submit(commandBuffers);
    },
  };
}

/**
 * The process-wide WebGPU context, or null where WebGPU is unavailable.
 *
 * @param options See {@linkcode RequestWebgpuOptions}.
 * @returns The shared context (the same object on every call), or null.
 *
 * @example Skip cleanly without WebGPU
 * ```ts
 * import assert from "node:assert/strict";
 * import { requestWebgpu } from "./device.ts";
 * let reason = "";
 * const ctx = await requestWebgpu({ onUnavailable: (r) => (reason = r) });
 * assert.ok(ctx !== null ? ctx.adapter.description.length > 0 : reason.length > 0);
 * ```
 */
export async function requestWebgpu(
  { onUnavailable }: RequestWebgpuOptions = {},
): Promise<WebgpuContext | null> {
  shared ??= open();
  const result = await shared;
  if (typeof result === "string") {
    onUnavailable?.(result);
    return null;
  }
  return result;
}
