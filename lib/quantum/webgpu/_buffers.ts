/**
 * GPU buffers of a compiled circuit at one batch size, the bind group over them, and the
 * recorded dispatch lists.
 *
 * @module
 */

import { encodeMeasureGroups } from "./_measure_groups.ts";
import type { KernelPipelines } from "./_pipelines.ts";
import { gOffset, type Plan } from "./_plan.ts";
import { type RecordedPasses, recordPasses } from "./_record.ts";
import { STEP_WORDS } from "./_wgsl.ts";

/** Everything one simulator owns on the device. */
export interface SimulatorBuffers {
  /** Samples B. */
  readonly batch: number;
  /** Forward and backward dispatch lists. */
  readonly passes: RecordedPasses;
  /** Every buffer (for destroy). */
  readonly all: readonly GPUBuffer[];
  /** Gate matrices, rewritten every call. */
  readonly mats: GPUBuffer;
  /** Inputs [B, F_in] then row gradients [B, R]. */
  readonly aux: GPUBuffer;
  /** Measured rows [B, R]. */
  readonly rows: GPUBuffer;
  /** Gradient slots [slots, B] then amplitude-input gradients [B, F]. */
  readonly grads: GPUBuffer;
  /** Read-back buffer: rows, then grads. */
  readonly staging: GPUBuffer;
  /** Bind group 0. */
  readonly bindGroup: GPUBindGroup;
  /** Host copy of `mats`. */
  readonly matsHost: Float32Array<ArrayBuffer>;
}

/**
 * Allocate the buffers of `plan` at batch size `batch` and upload the static data (the `Step`
 * uniforms and the measurement groups).
 *
 * @param device The device.
 * @param args Pipelines (for the layout), plan and batch size.
 * @returns The buffers.
 * @throws {RangeError} If the state exceeds the device's storage-buffer binding limit.
 */
export function allocateBuffers(
  device: GPUDevice,
  args: { kernels: KernelPipelines; plan: Plan; batch: number },
): SimulatorBuffers {
  const { kernels, plan, batch } = args;
  const c = plan.circuit;
  const stateBytes = 8 * 2 ** c.nQubits * batch;
  const limit = device.limits.maxStorageBufferBindingSize;
  if (stateBytes > limit) {
    throw new RangeError(
      `Cannot simulate ${c.nQubits} qubits at batch ${batch} on WebGPU: expected a state of at most ${limit} bytes, got ${stateBytes}`,
    );
  }
  const passes = recordPasses(plan, batch);
  // GPUBufferUsage exists only under --unstable-webgpu, so it is read here, not at import.
  const STORAGE = GPUBufferUsage.STORAGE | GPUBufferUsage.COPY_DST |
    GPUBufferUsage.COPY_SRC;
  const all: GPUBuffer[] = [];
  const make = (bytes: number, usage: number) => {
    const size = Math.max(16, Math.ceil(bytes / 16) * 16);
    const b = device.createBuffer({ size, usage });
    all.push(b);
    return b;
  };
  const matEntries = plan.sharedEntries + batch * plan.perSampleEntries;
  const gradFloats = gOffset(plan, batch) + 8 * plan.nG * batch;
  // measurement records, then the CZ masks of the diagonal steps
  const groupWords = encodeMeasureGroups(plan.groups);
  const measWords = new Uint32Array(
    groupWords.length + plan.diagonalMasks.length,
  );
  measWords.set(groupWords);
  measWords.set(plan.diagonalMasks, groupWords.length);
  const uniform = make(
    passes.uniforms.byteLength,
    GPUBufferUsage.UNIFORM | GPUBufferUsage.COPY_DST,
  );
  const psi = make(stateBytes, STORAGE);
  const lam = make(stateBytes, STORAGE);
  const mats = make(8 * matEntries, STORAGE);
  const aux = make(4 * batch * (c.nInputs + plan.nRows), STORAGE);
  const meas = make(4 * measWords.length, STORAGE);
  const rows = make(4 * batch * plan.nRows, STORAGE);
  const grads = make(4 * gradFloats, STORAGE);
  const staging = make(
    rows.size + grads.size,
    GPUBufferUsage.MAP_READ | GPUBufferUsage.COPY_DST,
  );
  device.queue.writeBuffer(uniform, 0, passes.uniforms);
  device.queue.writeBuffer(meas, 0, measWords);
  const bound = [uniform, psi, lam, mats, aux, meas, rows, grads];
  const bindGroup = device.createBindGroup({
    layout: kernels.bindGroupLayout,
    entries: bound.map((buffer, binding) => ({
      binding,
      resource: binding === 0 ? { buffer, size: 4 * STEP_WORDS } : { buffer },
    })),
  });
  return {
    batch,
    passes,
    all,
    mats,
    aux,
    rows,
    grads,
    staging,
    bindGroup,
    matsHost: new Float32Array(2 * matEntries),
  };
}
