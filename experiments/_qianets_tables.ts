/**
 * The QIANets report tables: Tables 1–4 with the paper's values (claims in
 * `qianets_claims.json`) beside the reproduced ones, what each variant stores,
 * computes and costs per backbone, the round-robin latency of the
 * architectures, and where each phase's time went. Private to
 * `_qianets_page.ts`.
 *
 * @module
 */

import type { TableRow, TableSpec } from "../lib/report/mod.ts";
import {
  LABELS as LABEL,
  type ModelName,
  type QianetsConfig,
} from "./_qianets_config.ts";

/** Claim-id stem of each backbone in `qianets_claims.json`. */
export const CLAIM: Record<ModelName, string> = {
  resnet18: "resnet18",
  googlenet: "googlenet",
  densenet121: "densenet121",
};
/** Paper table number per backbone (notes §5). */
const TABLE_NO: Record<ModelName, number> = {
  googlenet: 2,
  densenet121: 3,
  resnet18: 4,
};

function table1(config: QianetsConfig): TableSpec {
  const rows: TableRow[] = config.models.flatMap((m) => {
    const c = `t1-${CLAIM[m]}`, L = LABEL[m];
    const base = { model: m, variant: "baseline" },
      code = { model: m, variant: "qianets-code" },
      lat = { model: m, variant: "latency" };
    return [
      {
        label: `${L} baseline test accuracy`,
        claim: `${c}-base-acc`,
        metric: "testAcc",
        where: base,
        scale: 100,
      },
      {
        label:
          `${L} baseline latency, s/img (architecture at width ×${config.archWidthScale}, synchronised, batch ${config.latencyBatch}, round-robin)`,
        claim: `${c}-base-latency`,
        metric: "baselineBnS",
        where: lat,
      },
      {
        label: `${L} QIANets (code) test accuracy`,
        claim: `${c}-new-acc`,
        metric: "testAcc",
        where: code,
        scale: 100,
      },
      {
        label:
          `${L} QIANets latency, s/img (architecture at width ×${config.archWidthScale}, synchronised, round-robin)`,
        claim: `${c}-new-latency`,
        metric: "qianetsBnS",
        where: lat,
      },
      {
        label:
          `${L} "compression ratio" = baseline / QIANets stored parameters (architectures, width ×${config.archWidthScale})`,
        claim: `${c}-compression-ratio`,
        metric: "paramRatio",
        where: lat,
      },
    ];
  });
  return { id: "table1", title: "Table 1: before and after compression", rows };
}

function perModelTable(m: ModelName, config: QianetsConfig): TableSpec {
  const c = CLAIM[m];
  const rows: TableRow[] = [];
  for (
    const [arm, variant] of [["qianets", "qianets-code"], [
      "baseline",
      "baseline",
    ]] as const
  ) {
    const where = { model: m, variant };
    const who = arm === "qianets" ? "QIANets (code)" : "baseline";
    rows.push(
      {
        label: `${who} training loss (last epoch)`,
        claim: `${c}-${arm}-train-loss`,
        metric: "trainLoss",
        where,
      },
      {
        label: `${who} validation accuracy`,
        claim: `${c}-${arm}-val-acc`,
        metric: "valAcc",
        where,
        scale: 100,
      },
      {
        label: `${who} test loss`,
        claim: `${c}-${arm}-test-loss`,
        metric: "testLoss",
        where,
      },
      {
        label: `${who} test accuracy`,
        claim: `${c}-${arm}-test-acc`,
        metric: "testAcc",
        where,
        scale: 100,
      },
      {
        label:
          `${who} architecture (width ×${config.archWidthScale}) s/img, synchronised (batch ${config.latencyBatch}, round-robin)`,
        claim: `${c}-${arm}-latency`,
        metric: `${arm}BnS`,
        where: { model: m, variant: "latency" },
      },
      {
        label:
          `${who} architecture (width ×${config.archWidthScale}) s/img, paper-style unsynchronised (not a real latency)`,
        metric: `${arm}BnUnsyncS`,
        where: { model: m, variant: "latency" },
      },
    );
  }
  rows.push({
    label: "QIANets (paper reading) test accuracy",
    metric: "testAcc",
    where: { model: m, variant: "qianets-paper" },
    scale: 100,
  });
  return {
    id: `table${TABLE_NO[m]}-${m}`,
    title: `Table ${TABLE_NO[m]}: ${LABEL[m]}`,
    rows,
  };
}

function honestTable(
  m: ModelName,
  variants: string[],
  config: QianetsConfig,
): TableSpec {
  const arch = { model: m, variant: "latency" };
  const archRows: TableRow[] = ["baseline", "factorized", "qianets"].flatMap((
    a,
  ) => [
    {
      label:
        `${a} architecture (width ×${config.archWidthScale}): stored parameters`,
      metric: `${a}Params`,
      where: arch,
    },
    {
      label:
        `${a} architecture (width ×${config.archWidthScale}): MACs per 32×32 image`,
      metric: `${a}Macs`,
      where: arch,
    },
  ]);
  const metrics: [string, string, number?][] = [
    ["storedParams", "stored parameters"],
    ["nonZeroParams", "non-zero parameters"],
    ["macs", "MACs per 32×32 image"],
    ["sizeBytes", "model bytes (float32)"],
    ["testAcc", "test accuracy, %", 100],
    ["latencyB1S", "s/img, batch 1, synchronised median"],
    ["latencyBnS", "s/img, large batch, synchronised median"],
    ["latencyBnMinS", "s/img, large batch, fastest repeat"],
    ["latencyBnMaxS", "s/img, large batch, slowest repeat"],
    ["latencyBnUnsyncS", "s/img, large batch, paper-style unsynchronised"],
  ];
  const rows = archRows.concat(
    variants.flatMap((variant) =>
      metrics.map(([metric, what, scale]) => ({
        label: `${variant} (trained, width ×${config.widthScale[m]}): ${what}`,
        metric,
        where: { model: m, variant },
        scale,
      }))
    ),
  );
  return {
    id: `honest-${m}`,
    title: `${LABEL[m]}: what each variant stores, computes and costs`,
    rows,
  };
}

function latencyTable(
  config: QianetsConfig,
  variants: Record<string, string[]>,
): TableSpec {
  const rows: TableRow[] = config.models.flatMap((m) =>
    ["baseline", "factorized", "qianets"].filter((a) =>
      a !== "factorized" || variants[m]?.includes("factorized")
    ).flatMap((arch) =>
      [
        ["B1", "batch 1"],
        ["Bn", `batch ${config.latencyBatch}`],
      ].flatMap(([key, what]) => [
        {
          label: `${LABEL[m]} ${arch}, ${what}: synchronised median s/img`,
          metric: `${arch}${key}S`,
          where: { model: m, variant: "latency" },
        },
        {
          label: `${LABEL[m]} ${arch}, ${what}: fastest repeat`,
          metric: `${arch}${key}MinS`,
          where: { model: m, variant: "latency" },
        },
        {
          label: `${LABEL[m]} ${arch}, ${what}: slowest repeat`,
          metric: `${arch}${key}MaxS`,
          where: { model: m, variant: "latency" },
        },
        {
          label: `${
            LABEL[m]
          } ${arch}, ${what}: paper-style unsynchronised s/img`,
          metric: `${arch}${key}UnsyncS`,
          where: { model: m, variant: "latency" },
        },
      ])
    )
  );
  return {
    id: "latency-round-robin",
    title:
      "Latency of the architectures, timed round-robin under one machine load",
    rows,
    caption:
      "Weights do not change dense compute time, so freshly built architectures are timed; each repeat runs every architecture once, order rotated.",
  };
}

/** Where the run's time went, per backbone and phase (the budget of issue 8's quick profile). */
function timingTable(config: QianetsConfig, impls: string[]): TableSpec {
  const rows: TableRow[] = config.models.flatMap((m) => {
    const row = (label: string, variant: string, metric: string) => ({
      label: `${LABEL[m]}: ${label}, s`,
      metric,
      where: { model: m, variant },
    });
    return [
      row(
        "architectures measured (parameters, MACs, latency)",
        "latency",
        "seconds",
      ),
      row("baseline training", "baseline", "trainSeconds"),
      row("factorized fine-tune", "factorized", "trainSeconds"),
      row(
        "QIANets architecture training (pretrain stand-in)",
        "qianets_uncompressed",
        "trainSeconds",
      ),
      ...impls.flatMap((i) => [
        row(
          `QIANets ${i}: search trials (compression included)`,
          `qianets-${i}`,
          "searchSeconds",
        ),
        row(
          `QIANets ${i}: compression in all trials`,
          `qianets-${i}`,
          "searchCompressSeconds",
        ),
        row(`QIANets ${i}: final fine-tune`, `qianets-${i}`, "finetuneSeconds"),
      ]),
      ...[
        "baseline",
        "factorized",
        "qianets_uncompressed",
        ...impls.map((i) => `qianets-${i}`),
      ]
        .map((v) => row(`${v} evaluation and latency`, v, "measureSeconds")),
    ];
  });
  return {
    id: "timings",
    title: "Where the time went (seconds per phase, this machine, this load)",
    rows,
  };
}

/**
 * Every table of the page, in display order.
 *
 * @param config The run's settings.
 * @param variants Variants run per backbone.
 * @returns The tables.
 */
export function qianetsTables(
  config: QianetsConfig,
  variants: Record<string, string[]>,
): TableSpec[] {
  const all = [...new Set(Object.values(variants).flat())];
  return [
    table1(config),
    latencyTable(config, variants),
    timingTable(
      config,
      all.filter((v) => v.startsWith("qianets-")).map((v) =>
        v.slice("qianets-".length)
      ),
    ),
    ...[...config.models].sort((a, b) => TABLE_NO[a] - TABLE_NO[b]).map((m) =>
      perModelTable(m, config)
    ),
    ...config.models.map((m) =>
      honestTable(
        m,
        (variants[m] ?? all).filter((v) => v !== "latency"),
        config,
      )
    ),
  ];
}
