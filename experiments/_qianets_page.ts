/**
 * The QIANets report page declaration: Tables 1–4 with the paper's values
 * (claims in `qianets_claims.json`) beside the reproduced ones, an honest
 * size/MAC/latency table per backbone, bar charts per variant, and the notes'
 * list of inconsistencies with what the run measured about each. Private to
 * `experiments/qianets.ts`.
 *
 * @module
 */

import type { Cell, PageSpec, TableRow, TableSpec } from "../lib/report/mod.ts";
import type { ModelName, QianetsConfig } from "./_qianets_run.ts";

const LABEL: Record<ModelName, string> = {
  resnet18: "ResNet-18",
  googlenet: "GoogLeNet",
  densenet121: "DenseNet-121",
};
/** Claim-id stem of each backbone in `qianets_claims.json`. */
const CLAIM: Record<ModelName, string> = {
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
          `${L} baseline latency, s/img (synchronised, batch ${config.latencyBatch})`,
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
        label: `${L} QIANets (code) latency, s/img (synchronised)`,
        claim: `${c}-new-latency`,
        metric: "qianetsBnS",
        where: lat,
      },
      {
        label:
          `${L} "compression ratio" = baseline / QIANets stored parameters`,
        claim: `${c}-compression-ratio`,
        metric: "paramRatioVsBaseline",
        where: code,
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
          `${who} architecture s/img, synchronised (batch ${config.latencyBatch}, round-robin)`,
        claim: `${c}-${arm}-latency`,
        metric: `${arm}BnS`,
        where: { model: m, variant: "latency" },
      },
      {
        label:
          `${who} architecture s/img, paper-style unsynchronised (not a real latency)`,
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

function honestTable(m: ModelName, variants: string[]): TableSpec {
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
  const rows = variants.flatMap((variant) =>
    metrics.map(([metric, what, scale]) => ({
      label: `${variant}: ${what}`,
      metric,
      where: { model: m, variant },
      scale,
    }))
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

const fmtInt = (
  x: number | null | undefined,
) => (typeof x === "number" ? Math.round(x).toLocaleString("en-US") : "n/a");
const fmt = (
  x: number | null | undefined,
  digits = 3,
) => (typeof x === "number" ? x.toPrecision(digits) : "n/a");

/** The notes' inconsistencies (§7) with what this run measured about each. */
function measured(cells: Cell[], config: QianetsConfig): string[] {
  const get = (model: string, variant: string) =>
    cells.find((c) => c.config.model === model && c.config.variant === variant);
  const out: string[] = [];
  for (const m of config.models) {
    const b = get(m, "baseline"),
      q = get(m, "qianets-code"),
      f = get(m, "factorized"),
      t = get(m, "latency")?.metrics ?? {};
    if (!b || !q) continue;
    out.push(
      `Measured (${LABEL[m]}): QIANets stores ${
        fmtInt(q.metrics.storedParams)
      } parameters vs ${fmtInt(b.metrics.storedParams)} for the baseline ` +
        `(baseline/QIANets = ${
          fmt(q.metrics.paramRatioVsBaseline)
        }, the paper's "compression ratio"), ${
          fmtInt(q.metrics.nonZeroParams)
        } non-zero; ` +
        `MACs ${fmtInt(q.metrics.macs)} vs ${
          fmtInt(b.metrics.macs)
        }; round-robin synchronised s/img ${fmt(t.qianetsBnS)} vs ${
          fmt(t.baselineBnS)
        }, ` +
        `paper-style ${fmt(t.qianetsBnUnsyncS)} vs ${
          fmt(t.baselineBnUnsyncS)
        } (notes §4, §6, §7.14)`,
    );
    out.push(
      `Measured (${LABEL[m]}, code reading): chosen sparsity ${
        fmt(q.metrics.sparsity)
      } pruned ${
        fmt(Number(q.metrics.prunedSparsity) * 100)
      } % of conv weights after 5 sweeps; ` +
        `after SVD + L-BFGS ${
          fmt(Number(q.metrics.afterCompressionSparsity) * 100)
        } % were zero; L-BFGS relative error ${
          fmt(q.metrics.annealRelativeError)
        } (notes §7.4, §7.15, §7.16)`,
    );
    if (f) {
      out.push(
        `Measured (${LABEL[m]}): real factorized layers (rank fraction ${
          fmt(f.metrics.rankFraction)
        }) store ${fmtInt(f.metrics.storedParams)} parameters and ` +
          `${fmtInt(f.metrics.macs)} MACs at ${
            fmt(Number(f.metrics.testAcc) * 100)
          } % test accuracy, round-robin synchronised s/img ${
            fmt(t.factorizedBnS)
          }`,
      );
    }
  }
  return out;
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
  },
): PageSpec {
  const variantsAll = [...new Set(Object.values(options.variants).flat())];
  return {
    paper: "qianets",
    title: "QIANets (arXiv 2410.10318): what the compression really compresses",
    protocol: options.protocol,
    expected: options.expected,
    inconsistencies: [
      ...options.inconsistencies,
      ...measured(options.cells, config),
    ],
    figures: [
      {
        kind: "bar",
        id: "accuracy",
        title: "Test accuracy per variant",
        metric: "testAcc",
        x: "variant",
        color: "model",
        scale: 100,
      },
      {
        kind: "bar",
        id: "latency",
        title:
          `Synchronised latency after training, s/img (batch ${config.latencyBatch})`,
        caption:
          "Timed right after each variant trained, in sequence: machine load differs between bars; see the round-robin table for a fair comparison.",
        metric: "latencyBnS",
        x: "variant",
        color: "model",
      },
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
        id: "macs",
        title: "MACs per 32×32 image",
        metric: "macs",
        x: "variant",
        color: "model",
      },
      {
        kind: "bar",
        id: "params",
        title: "Stored parameters",
        metric: "storedParams",
        x: "variant",
        color: "model",
      },
    ],
    tables: [
      table1(config),
      latencyTable(config, options.variants),
      ...[...config.models].sort((a, b) => TABLE_NO[a] - TABLE_NO[b]).map((m) =>
        perModelTable(m, config)
      ),
      ...config.models.map((m) =>
        honestTable(
          m,
          (options.variants[m] ?? variantsAll).filter((v) => v !== "latency"),
        )
      ),
    ],
  };
}
