/**
 * The abstract's aggregate KD gains (+0.80 % MNIST, +5.40 % FashionMNIST),
 * recomputed from the v1 cells the two ways research notes `kd.md` §5.2
 * compared. Private to `experiments/kd.ts`.
 *
 * @module
 */

import type { Impl, Profile } from "../lib/runtime/mod.ts";
import { type Cell, readCells, writeCell } from "../lib/report/mod.ts";
import { type KdConfig, SHORT } from "./_kd_grid.ts";

/**
 * The abstract's aggregate KD gains from one seed's v1 cells, computed both
 * ways notes §5.2 compared: relative (mean KD accuracy ÷ mean baseline − 1,
 * which matches MNIST's +0.80) and absolute (mean of the per-configuration
 * KD − baseline differences in points, close to FashionMNIST's +5.40).
 *
 * @param cells One dataset's v1 cells of one seed and impl.
 * @returns Gains in % / points, or null when a baseline is missing.
 */
export function kdGains(
  cells: Cell[],
): { kdGainRelative: number; kdGainAbsolute: number } | null {
  const baseline = new Map<string, number>();
  for (const c of cells) {
    if (c.config.arm === "baseline") {
      baseline.set(String(c.config.task), c.metrics.testAcc!);
    }
  }
  const kd = cells.filter((c) => c.config.arm !== "baseline");
  if (kd.length === 0 || kd.some((c) => !baseline.has(String(c.config.task)))) {
    return null;
  }
  const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;
  const kdAcc = kd.map((c) => c.metrics.testAcc!);
  const diffs = kd.map((c) =>
    c.metrics.testAcc! - baseline.get(String(c.config.task))!
  );
  const baseMean = mean(kd.map((c) => baseline.get(String(c.config.task))!));
  return {
    kdGainRelative: 100 * (mean(kdAcc) / baseMean - 1),
    kdGainAbsolute: 100 * mean(diffs),
  };
}

/**
 * Writes one gain cell per dataset, impl and seed whose v1 cells all exist.
 *
 * @param profile The run profile.
 * @param config The effective configuration.
 * @param options Base seed, impls, `--out`, and the manifest to stamp.
 * @returns The ids of every gain cell the grid expects (written or not).
 */
export async function writeGainCells(
  profile: Profile,
  config: KdConfig,
  options: {
    baseSeed: number;
    impls: Impl[];
    outDir: string;
    manifest: () => Record<string, unknown>;
  },
): Promise<string[]> {
  const { baseSeed, impls, outDir, manifest } = options;
  const { cells: all } = await readCells("kd", { outDir });
  const ids: string[] = [];
  for (const dataset of config.v1Datasets) {
    for (const impl of impls) {
      for (let s = 0; s < config.nSeeds; s++) {
        const seed = baseSeed + s;
        const id = `${profile}-v1-gain-${SHORT[dataset]}-${impl}-s${seed}`;
        ids.push(id);
        const mine = all.filter((c) =>
          c.config.part === "v1" && c.config.dataset === SHORT[dataset] &&
          c.impl === impl && c.seed === seed && c.profile === profile
        );
        const gains =
          mine.length === config.v1Tasks.length * config.v1Arms.length
            ? kdGains(mine)
            : null;
        if (gains === null) continue;
        await writeCell("kd", {
          id,
          config: { part: "v1-gain", dataset: SHORT[dataset], impl, profile },
          seed,
          profile,
          impl,
          metrics: gains,
          manifest: manifest(),
        }, { outDir });
      }
    }
  }
  return ids;
}
