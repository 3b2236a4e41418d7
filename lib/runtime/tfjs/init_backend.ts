/**
 * Selects and initialises the tfjs backend every experiment trains on: wasm by
 * default on CPU (with our training kernels registered), WebGPU where a real
 * adapter exists, and the plain-JS `cpu` backend only as a test reference.
 *
 * @module
 */

import * as tf from "@tensorflow/tfjs-core";
import { QreproError } from "../errors.ts";
import { registerTrainingKernels } from "./register_training_kernels.ts";

/** Backend names accepted by {@linkcode initBackend} (`--backend`). */
export type BackendChoice = "auto" | "webgpu" | "wasm" | "cpu";

/** What {@linkcode initBackend} settled on. */
export interface BackendInfo {
  /** The active tfjs backend: `"webgpu"`, `"wasm"` or `"cpu"`. */
  backend: "webgpu" | "wasm" | "cpu";
  /** The WebGPU adapter in words (vendor, architecture, description), if any. */
  adapter?: string;
  /** Whether the wasm binary in use has SIMD (only for `"wasm"`). */
  simd?: boolean;
}

/** Thrown when a requested backend cannot start on this machine. */
export class BackendError extends QreproError {
  /**
   * @param message Which backend failed and why.
   * @param options Standard error options (`cause`).
   */
  constructor(message: string, options?: ErrorOptions) {
    super(message, options);
    this.name = "BackendError";
  }
}

/** Directory of the tfjs wasm binaries inside this repository's node_modules. */
const WASM_DIR = new URL(
  "../../../node_modules/@tensorflow/tfjs-backend-wasm/dist/",
  import.meta.url,
);

/** Adapters that are CPU emulations of a GPU: slower than wasm for training. */
const SOFTWARE_ADAPTERS = /llvmpipe|lavapipe|swiftshader|softpipe/i;

/**
 * Initialises a tfjs backend and makes it the active one.
 *
 * `"auto"` picks WebGPU when a hardware adapter exists and wasm otherwise (a
 * software adapter such as Mesa llvmpipe trains slower than wasm). The wasm
 * backend loads its `.wasm` binary from `node_modules` (needs
 * `--allow-read=node_modules`, no network) and runs single-threaded: the
 * threaded build needs a Worker from a Blob URL, which Deno's `worker_threads`
 * rejects (`ERR_WORKER_PATH`). SIMD is used when the runtime supports it.
 * Also registers tfjs's gradients and our wasm training kernels, and sets
 * tfjs's `PROD` flag (no debug checks, no console chatter).
 *
 * @param name Backend to start.
 * @returns The backend in use, with adapter and SIMD details.
 * @throws {BackendError} If the backend cannot start (for `"webgpu"`: no
 * adapter, or Deno without `--unstable-webgpu`).
 *
 * @example Start the reference CPU backend
 * ```ts
 * import assert from "node:assert/strict";
 * import { initBackend } from "./init_backend.ts";
 * const info = await initBackend("cpu");
 * assert.equal(info.backend, "cpu");
 * ```
 */
export async function initBackend(name: BackendChoice): Promise<BackendInfo> {
  // The union package registers every op gradient (tfjs-core's node build
  // ships without them) and the cpu backend.
  await import("@tensorflow/tfjs");
  const wasm = await import("@tensorflow/tfjs-backend-wasm");
  tf.env().set("PROD", true);
  // After the wasm import, so our fixes replace its kernels and not vice versa.
  registerTrainingKernels();
  if (name === "auto") {
    const adapter = await requestAdapter();
    const real = adapter !== null && !isSoftware(adapter);
    return real ? await startWebgpu() : await startWasm(wasm);
  }
  if (name === "webgpu") return await startWebgpu();
  if (name === "wasm") return await startWasm(wasm);
  await setBackendOrThrow("cpu");
  return { backend: "cpu" };
}

async function startWasm(
  wasm: typeof import("@tensorflow/tfjs-backend-wasm"),
): Promise<BackendInfo> {
  tf.env().set("WASM_HAS_MULTITHREAD_SUPPORT", false);
  wasm.setWasmPaths(WASM_DIR.pathname);
  await setBackendOrThrow("wasm");
  const simd = await tf.env().getAsync("WASM_HAS_SIMD_SUPPORT") as boolean;
  return { backend: "wasm", simd };
}

async function startWebgpu(): Promise<BackendInfo> {
  const adapter = await requestAdapter();
  if (adapter === null) {
    throw new BackendError(
      "Cannot start backend webgpu: expected a WebGPU adapter, got none (run Deno with --unstable-webgpu on a machine with a GPU)",
    );
  }
  await import("@tensorflow/tfjs-backend-webgpu");
  await setBackendOrThrow("webgpu");
  return { backend: "webgpu", adapter: describeAdapter(adapter) };
}

async function setBackendOrThrow(name: string): Promise<void> {
  if (tf.getBackend() === name) return;
  if (!(await tf.setBackend(name))) {
    throw new BackendError(
      `Cannot start backend ${name}: tfjs initialisation failed`,
    );
  }
}

async function requestAdapter(): Promise<GPUAdapter | null> {
  const gpu = (globalThis.navigator as Navigator | undefined)?.gpu;
  if (gpu === undefined) return null;
  try {
    return await gpu.requestAdapter();
  } catch {
    return null;
  }
}

function describeAdapter(adapter: GPUAdapter): string {
  const { vendor, architecture, description } = adapter.info;
  return [vendor, architecture, description].filter((s) => s).join(" ");
}

function isSoftware(adapter: GPUAdapter): boolean {
  return adapter.info.isFallbackAdapter === true ||
    SOFTWARE_ADAPTERS.test(describeAdapter(adapter));
}
