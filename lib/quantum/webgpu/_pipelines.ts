/**
 * Compiled pipelines of every registered kernel for one device, sharing one bind group layout
 * (the bindings of _wgsl.ts), cached per device.
 *
 * @module
 */

import { WEBGPU_KERNELS } from "./register.ts";

/** Pipelines and their common layout. */
export interface KernelPipelines {
  /** Layout of bind group 0 (binding 0 uniform with dynamic offset, 1–7 storage). */
  readonly bindGroupLayout: GPUBindGroupLayout;
  /** Pipeline per kernel name. */
  readonly pipelines: ReadonlyMap<string, GPUComputePipeline>;
}

const cache = new WeakMap<GPUDevice, Promise<KernelPipelines>>();

const READ_ONLY = new Set([3, 4, 5]);

async function build(device: GPUDevice): Promise<KernelPipelines> {
  const entries: GPUBindGroupLayoutEntry[] = [{
    binding: 0,
    visibility: GPUShaderStage.COMPUTE,
    buffer: { type: "uniform", hasDynamicOffset: true },
  }];
  for (let b = 1; b <= 7; b++) {
    entries.push({
      binding: b,
      visibility: GPUShaderStage.COMPUTE,
      buffer: { type: READ_ONLY.has(b) ? "read-only-storage" : "storage" },
    });
  }
  const bindGroupLayout = device.createBindGroupLayout({ entries });
  const layout = device.createPipelineLayout({
    bindGroupLayouts: [bindGroupLayout],
  });
  const pipelines = new Map<string, GPUComputePipeline>();
  for (const [name, kernel] of WEBGPU_KERNELS) {
    const module = device.createShaderModule({
      code: kernel.wgsl,
      label: name,
    });
    pipelines.set(
      name,
      await device.createComputePipelineAsync({
        layout,
        compute: { module, entryPoint: "main" },
        label: name,
      }),
    );
  }
  return { bindGroupLayout, pipelines };
}

/**
 * The kernel pipelines of a device, compiled on first use.
 *
 * @param device The device.
 * @returns The cached pipelines.
 */
export function kernelPipelines(device: GPUDevice): Promise<KernelPipelines> {
  let p = cache.get(device);
  if (!p) {
    p = build(device);
    cache.set(device, p);
  }
  return p;
}
