/**
 * tfjs backends for training: {@linkcode initBackend} starts wasm (with the
 * training kernels tfjs 4.22 lacks for it), WebGPU, or the reference cpu backend.
 *
 * @example Start the wasm backend
 * ```ts
 * import assert from "node:assert/strict";
 * import { initBackend } from "./mod.ts";
 * const info = await initBackend("wasm");
 * assert.equal(info.backend, "wasm");
 * ```
 *
 * @module
 */

export * from "./init_backend.ts";
export * from "./register_training_kernels.ts";
