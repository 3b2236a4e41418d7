/**
 * The QIANets report page declaration: Tables 1–4 with the paper's values
 * (claims in `qianets_claims.json`) beside the reproduced ones, an honest
 * size/MAC/latency table per backbone, where each phase's time went,
 * accuracy-vs-latency and accuracy-vs-MACs scatter charts (paper points where
 * the paper gives both coordinates), and the notes' list of inconsistencies
 * with what the run measured about each. Private to `experiments/qianets.ts`.
 *
 * @module
 */

import type { Cell, PageSpec } from "../lib/report/mod.ts";
import {
  type ModelName,
  type QianetsConfig,
  widthsText,
} from "./_qianets_config.ts";
import { annotated, type PruneCheck } from "./_qianets_findings.ts";
import { CLAIM, qianetsTables } from "./_qianets_tables.ts";

export type { PruneCheck } from "./_qianets_findings.ts";

/** Accuracy against a cost: one point per backbone × variant, paper points where the paper gives both. */
function scatter(
  id: string,
  options: {
    x: string;
    title: string;
    xTitle: string;
    paperX?: string;
    caption: string;
  },
  models: ModelName[],
) {
  const paper: Record<string, { x: string; y: string }> = {};
  if (options.paperX) {
    for (const m of models) {
      paper[`baseline|${m}`] = {
        x: `${CLAIM[m]}-baseline-latency`,
        y: `${CLAIM[m]}-baseline-test-acc`,
      };
      paper[`qianets-code|${m}`] = {
        x: `${CLAIM[m]}-qianets-latency`,
        y: `${CLAIM[m]}-qianets-test-acc`,
      };
    }
  }
  return {
    kind: "scatter" as const,
    id,
    title: options.title,
    x: options.x,
    y: "testAcc",
    color: "variant",
    shape: "model",
    yScale: 100,
    xLog: true,
    xTitle: options.xTitle,
    yTitle: "test accuracy, %",
    ...(options.paperX ? { paper } : {}),
    caption: options.caption,
  };
}

/**
 * The page of one run.
 *
 * @param config The run's settings.
 * @param options Expected cell ids, the variants run, the cells to describe and the protocol text.
 * @returns The page description.
 */
export function qianetsPage(
  config: QianetsConfig,
  options: {
    expected: string[];
    variants: Record<string, string[]>;
    cells: Cell[];
    protocol: string;
    inconsistencies: string[];
    pruneCheck?: PruneCheck;
  },
): PageSpec {
  return {
    paper: "qianets",
    title: "QIANets (arXiv 2410.10318): what the compression really compresses",
    protocol: options.protocol,
    expected: options.expected,
    inconsistencies: annotated(options.inconsistencies, {
      cells: options.cells,
      config,
      pruneCheck: options.pruneCheck,
    }),
    figures: [
      scatter("accuracy-vs-latency", {
        x: "latencyBnS",
        title:
          `Test accuracy vs synchronised latency (s/img, batch ${config.latencyBatch}, log scale)`,
        xTitle: "s/img, synchronised median (log)",
        paperX: "latency",
        caption:
          `Each trained model (widths ${
            widthsText(config)
          }) timed right after it trained, on this CPU backend; ` +
          `hollow "paper" markers are the paper's A40 numbers (Tables 2–4), timed without synchronisation. ` +
          `Machine load differs between points: see the round-robin table for a fair latency comparison.`,
      }, config.models),
      scatter("accuracy-vs-macs", {
        x: "macs",
        title: "Test accuracy vs MACs per 32×32 image (log scale)",
        xTitle: "MACs per image (log)",
        caption:
          `MACs of each trained model (widths ${
            widthsText(config)
          }); the paper reports no MAC or FLOP count. ` +
          `The full-width architectures' counts are in the per-backbone tables.`,
      }, config.models),
      {
        kind: "bar",
        id: "latency-unsync",
        title: "Paper-style unsynchronised time, s/img (not a real latency)",
        metric: "latencyBnUnsyncS",
        x: "variant",
        color: "model",
      },
      {
        kind: "bar",
        id: "params",
        title: `Stored parameters of the trained models (widths ${
          widthsText(config)
        })`,
        metric: "storedParams",
        x: "variant",
        color: "model",
      },
    ],
    tables: qianetsTables(config, options.variants),
  };
}
