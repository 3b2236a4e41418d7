/**
 * Model compression of QIANets (arXiv 2410.10318, issue 8): "QAOA-inspired"
 * pruning in its paper and code readings, rank-r truncated SVD of conv
 * kernels applied densely or as factorized layers, the L-BFGS "annealing"
 * factorization, seeded random search, and honest size, MAC and latency
 * metrics.
 *
 * @example Truncated SVD error is the tail of the spectrum
 * ```ts
 * import assert from "node:assert/strict";
 * import { truncatedSvd } from "./mod.ts";
 * const svd = truncatedSvd(new Float64Array([4, 0, 0, 0, 2, 0]), [2, 3], { rank: 1 });
 * assert.deepEqual(Array.from(svd.singularValues), [4, 2]);
 * ```
 *
 * @module
 */

export * from "./torch_layout.ts";
export * from "./qaoa_pruning.ts";
export * from "./truncated_svd.ts";
export * from "./low_rank_conv.ts";
export * from "./lbfgs.ts";
export * from "./annealing_factorization.ts";
export * from "./compress_model.ts";
export * from "./transfer_factorized.ts";
export * from "./count_macs.ts";
export * from "./model_size.ts";
export * from "./measure_latency.ts";
export * from "./random_search.ts";
