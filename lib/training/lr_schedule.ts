/**
 * Learning-rate schedules as pure functions of the training position, so a
 * resumed run recomputes exactly the rate it would have used.
 *
 * @module
 */

/** Where training is when a rate is needed. */
export interface SchedulePosition {
  /** Optimizer steps taken before this one (0-based). */
  step: number;
  /** Current epoch (0-based). */
  epoch: number;
}

/** Maps a position to a multiplier of the base learning rate. */
export type LrSchedule = (position: SchedulePosition) => number;

/**
 * Keras `CosineDecay` applied per optimizer step:
 * η(t) = η₀·((1−α)·½(1 + cos(π·min(t, T)/T)) + α).
 *
 * @param decaySteps T, steps to decay over.
 * @param options `alpha`: floor as a fraction of η₀ (default 0).
 * @returns The schedule.
 * @throws {RangeError} If `decaySteps` is not positive.
 *
 * @example Halfway through, the rate is half
 * ```ts
 * import assert from "node:assert/strict";
 * import { cosineDecay } from "./lr_schedule.ts";
 * assert.ok(Math.abs(cosineDecay(100)({ step: 50, epoch: 0 }) - 0.5) < 1e-12);
 * ```
 */
export function cosineDecay(
  decaySteps: number,
  options: { alpha?: number } = {},
): LrSchedule {
  const { alpha = 0 } = options;
  if (!(decaySteps > 0)) {
    throw new RangeError(
      `Cannot build cosineDecay: expected decaySteps > 0, got ${decaySteps}`,
    );
  }
  return ({ step }) => {
    const t = Math.min(step, decaySteps) / decaySteps;
    return (1 - alpha) * 0.5 * (1 + Math.cos(Math.PI * t)) + alpha;
  };
}

/**
 * PyTorch `CosineAnnealingLR` stepped once per epoch:
 * η(e) = η_min + (η₀ − η_min)·½(1 + cos(π·e/T_max)), as a multiplier of η₀.
 *
 * @param tMax T_max in epochs.
 * @param options `etaMinRatio`: η_min/η₀ (default 0).
 * @returns The schedule.
 * @throws {RangeError} If `tMax` is not positive.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { cosinePerEpoch } from "./lr_schedule.ts";
 * assert.equal(cosinePerEpoch(10)({ step: 999, epoch: 0 }), 1);
 * ```
 */
export function cosinePerEpoch(
  tMax: number,
  options: { etaMinRatio?: number } = {},
): LrSchedule {
  const { etaMinRatio = 0 } = options;
  if (!(tMax > 0)) {
    throw new RangeError(
      `Cannot build cosinePerEpoch: expected tMax > 0, got ${tMax}`,
    );
  }
  return ({ epoch }) =>
    etaMinRatio +
    (1 - etaMinRatio) * 0.5 * (1 + Math.cos((Math.PI * epoch) / tMax));
}

/**
 * PyTorch `StepLR`: multiply the rate by γ every `stepSize` epochs.
 *
 * @param stepSize Epochs between decays.
 * @param options `gamma`: decay factor (default 0.1).
 * @returns The schedule.
 * @throws {RangeError} If `stepSize` is not a positive integer.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { stepLr } from "./lr_schedule.ts";
 * assert.ok(Math.abs(stepLr(30)({ step: 0, epoch: 65 }) - 0.01) < 1e-15);
 * ```
 */
export function stepLr(
  stepSize: number,
  options: { gamma?: number } = {},
): LrSchedule {
  const { gamma = 0.1 } = options;
  if (!(Number.isInteger(stepSize) && stepSize > 0)) {
    throw new RangeError(
      `Cannot build stepLr: expected a positive integer stepSize, got ${stepSize}`,
    );
  }
  return ({ epoch }) => gamma ** Math.floor(epoch / stepSize);
}

/**
 * The constant schedule.
 *
 * @returns A schedule that always returns 1.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { constantLr } from "./lr_schedule.ts";
 * assert.equal(constantLr()({ step: 5, epoch: 2 }), 1);
 * ```
 */
export function constantLr(): LrSchedule {
  return () => 1;
}
