/**
 * Composition helper for our wasm kernels: run another kernel already
 * registered for wasm on tensor infos, the way tfjs's own webgl and cpu kernels
 * call `transpose(...)` or `reshape(...)` from inside a kernel.
 *
 * @module
 */

import {
  type backend_util,
  type DataType,
  getKernel,
  type KernelBackend,
  type KernelConfig,
  type NamedAttrMap,
  type NamedTensorInfoMap,
  type TensorInfo,
} from "@tensorflow/tfjs-core";

/** The slice of tfjs's `BackendWasm` that our kernels use. */
export interface WasmBackendLike extends KernelBackend {
  /** Allocates an output tensor on the wasm heap. */
  makeOutput(shape: number[], dtype: DataType): TensorInfo;
  /** A view of a tensor's values on the wasm heap (no copy). */
  typedArrayFromHeap(info: TensorInfo): backend_util.TypedArray;
}

/** What {@linkcode runWasmKernel} passes to the kernel. */
export interface KernelCall {
  /** The backend running the calling kernel. */
  backend: KernelBackend;
  /** Named inputs. */
  inputs: NamedTensorInfoMap;
  /** Kernel attributes. @default {{}} */
  attrs?: NamedAttrMap;
}

/**
 * Runs the wasm kernel `name` and returns its single output.
 *
 * @param name Kernel name, e.g. `"Transpose"`.
 * @param call Backend, inputs and attributes.
 * @returns The output tensor info; the caller disposes it.
 * @throws {TypeError} If no such kernel is registered for wasm.
 */
export function runWasmKernel(name: string, call: KernelCall): TensorInfo {
  const config = getKernel(name, "wasm");
  if (config === undefined) {
    throw new TypeError(
      `Cannot compose kernel "${name}": not registered for backend "wasm"`,
    );
  }
  const { backend, inputs, attrs = {} } = call;
  return config.kernelFunc({ inputs, backend, attrs }) as TensorInfo;
}

/**
 * Releases intermediate tensor infos created inside a kernel.
 *
 * @param backend The backend holding them.
 * @param infos Tensor infos to free.
 */
export function disposeInfos(
  backend: KernelBackend,
  infos: TensorInfo[],
): void {
  for (const info of infos) backend.disposeData(info.dataId);
}

/** Kernels of tfjs's own wasm backend that our replacements delegate to. */
const originals = new Map<string, KernelConfig>();
const setUp = new WeakSet<KernelConfig>();

/**
 * Remembers tfjs's own kernel before one of ours replaces it.
 *
 * @param config The kernel being replaced.
 */
export function keepOriginalKernel(config: KernelConfig): void {
  if (!originals.has(config.kernelName)) {
    originals.set(config.kernelName, config);
  }
}

/**
 * Runs tfjs's own wasm kernel `name`, for the cases our replacement leaves to it.
 *
 * @param name Kernel name.
 * @param call Backend, inputs and attributes.
 * @returns The output tensor info.
 * @throws {TypeError} If the original was never recorded.
 */
export function runOriginalKernel(name: string, call: KernelCall): TensorInfo {
  const config = originals.get(name);
  if (config === undefined) {
    throw new TypeError(
      `Cannot delegate kernel "${name}": tfjs's own wasm kernel was not recorded`,
    );
  }
  const { backend, inputs, attrs = {} } = call;
  // The engine runs setup functions only for kernels registered when the
  // backend starts; ours replaced these before that, so run theirs once here.
  if (config.setupFunc !== undefined && !setUp.has(config)) {
    config.setupFunc(backend);
    setUp.add(config);
  }
  return config.kernelFunc({ inputs, backend, attrs }) as TensorInfo;
}

/**
 * A float32 scalar tensor info on the wasm heap.
 *
 * @param backend The wasm backend.
 * @param value The value.
 * @returns The scalar; the caller disposes it.
 */
export function scalarInfo(backend: KernelBackend, value: number): TensorInfo {
  const wasm = backend as WasmBackendLike;
  const info = wasm.makeOutput([], "float32");
  wasm.typedArrayFromHeap(info)[0] = value;
  return info;
}
