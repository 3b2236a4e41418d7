/**
 * The notes' list of the paper's inconsistencies (research notes
 * `qianets.md` §7, as labelled in `qianets_claims.json`), each followed by
 * what this run measured about it, plus what real low-rank layers buy.
 * Private to `_qianets_page.ts`.
 *
 * @module
 */

import type { Cell } from "../lib/report/mod.ts";
import {
  LABELS as LABEL,
  type ModelName,
  type QianetsConfig,
} from "./_qianets_config.ts";

const fmtInt = (
  x: number | null | undefined,
) => (typeof x === "number" ? Math.round(x).toLocaleString("en-US") : "n/a");
const fmt = (
  x: number | null | undefined,
  digits = 3,
) => (typeof x === "number" ? x.toPrecision(digits) : "n/a");

/** Fractions the code's pruning leaves zero at the paper's two sparsities (computed by the run). */
export interface PruneCheck {
  /** Per-sweep prune probability → pruned fraction after 5 sweeps with entanglement. */
  pruned: Record<string, number>;
  /** Weights pruned in the check. */
  nWeights: number;
}

const pct = (x: unknown) => fmt(Number(x) * 100);
const ratio = (a: unknown, b: unknown) =>
  typeof a === "number" && typeof b === "number" ? a / b : undefined;

/**
 * What this run measured about each of the notes' inconsistencies (§7) it
 * measures anything about, one line per item, numbered as the report lists
 * the claims file's items (matched by the notes reference ending each item),
 * plus what real low-rank layers buy.
 */
export function annotated(
  inconsistencies: string[],
  options: { cells: Cell[]; config: QianetsConfig; pruneCheck?: PruneCheck },
): string[] {
  const { cells, config, pruneCheck } = options;
  const get = (model: string, variant: string) =>
    cells.find((c) => c.config.model === model && c.config.variant === variant)
      ?.metrics;
  const perModel = (f: (m: ModelName) => string | undefined) =>
    config.models.map((m) => {
      const text = f(m);
      return text === undefined ? undefined : `${LABEL[m]}: ${text}`;
    }).filter((t) => t !== undefined).join("; ");
  const lat = (m: ModelName) => get(m, "latency");
  const measuredBy: [RegExp, () => string][] = [
    [
      /§7\.1\)$/,
      () =>
        perModel((m) =>
          m === "resnet18" && lat(m)
            ? `baseline ${
              fmt(lat(m)!.baselineBnS)
            } s/img (batch ${config.latencyBatch}), ${
              fmt(lat(m)!.baselineB1S)
            } s/img (batch 1), QIANets/baseline ${
              fmt(ratio(lat(m)!.qianetsBnS, lat(m)!.baselineBnS))
            }× on this CPU`
            : undefined
        ),
    ],
    [
      /§7\.2\)$/,
      () =>
        perModel((m) =>
          m === "densenet121" && lat(m)
            ? `QIANets/baseline time ${
              fmt(ratio(lat(m)!.qianetsBnS, lat(m)!.baselineBnS))
            }× synchronised, ${
              fmt(ratio(lat(m)!.qianetsBnUnsyncS, lat(m)!.baselineBnUnsyncS))
            }× paper-style`
            : undefined
        ),
    ],
    [
      /§7\.4, §2\)$/,
      () =>
        (pruneCheck
          ? `the code's pruning (5 sweeps, entanglement 0.5) of ${
            fmtInt(pruneCheck.nWeights)
          } weights leaves ${
            Object.entries(pruneCheck.pruned).map(([p, f]) =>
              `${pct(f)} % zero at ${p}`
            ).join(", ")
          }; `
          : "") +
        perModel((m) => {
          const q = get(m, "qianets-code");
          return q &&
            `chosen sparsity ${fmt(q.sparsity)} pruned ${
              pct(q.prunedSparsity)
            } %`;
        }),
    ],
    [/§7\.9\)$/, () =>
      perModel((m) => {
        const q = get(m, "qianets-code");
        return q &&
          `chosen rank ${q.rank} (searched ${config.rankRange[0]}–${
            config.rankRange[1]
          })`;
      })],
    [/§6, §7\.14\)$/, () =>
      perModel((m) => {
        const t = lat(m), q = get(m, "qianets-code");
        return t &&
          `${fmtInt(t.qianetsParams)} vs ${
              fmtInt(t.baselineParams)
            } parameters at width ×${config.archWidthScale}, baseline/QIANets ${
              fmt(t.paramRatio)
            }` +
            (q
              ? `; trained QIANets (code) ${fmtInt(q.nonZeroParams)} of ${
                fmtInt(q.storedParams)
              } non-zero`
              : "");
      })],
    [/§2, §7\.15, §7\.16\)$/, () =>
      perModel((m) => {
        const q = get(m, "qianets-code");
        return q &&
          `${pct(q.prunedSparsity)} % zero after pruning, ${
            pct(q.afterCompressionSparsity)
          } % after SVD + L-BFGS, L-BFGS relative error ${
            fmt(q.annealRelativeError)
          }`;
      })],
    [/§4, §6\)$/, () =>
      perModel((m) => {
        const t = lat(m);
        return t &&
          `MACs ${fmtInt(t.qianetsMacs)} vs ${
            fmtInt(t.baselineMacs)
          }; s/img synchronised ${fmt(t.qianetsBnS)} vs ${
            fmt(t.baselineBnS)
          }, paper-style ${fmt(t.qianetsBnUnsyncS)} vs ${
            fmt(t.baselineBnUnsyncS)
          }`;
      })],
  ];
  // The report lists the claims file's items first (1…n), then these lines
  const out: string[] = [];
  inconsistencies.forEach((text, i) => {
    const what = measuredBy.find(([re]) => re.test(text))?.[1]();
    const ref = /\((notes [^)]*)\)$/.exec(text)?.[1] ?? "notes §7";
    if (what) out.push(`Measured about item ${i + 1} (${ref}): ${what}`);
  });
  const factorized = perModel((m) => {
    const f = get(m, "factorized"), t = lat(m), b = get(m, "baseline");
    return f && t && b &&
      `${fmtInt(t.factorizedParams)} parameters and ${
          fmtInt(t.factorizedMacs)
        } MACs vs ${fmtInt(t.baselineParams)} and ${
          fmtInt(t.baselineMacs)
        } at width ×${config.archWidthScale}, ` +
        `round-robin ${fmt(t.factorizedBnS)} vs ${
          fmt(t.baselineBnS)
        } s/img; trained: ${pct(f.testAcc)} % vs baseline ${
          pct(b.testAcc)
        } % test accuracy`;
  });
  if (factorized) {
    out.push(
      `What low rank really buys (not in the paper): factorized layers at rank fraction ${config.factorizedRankFraction}. Measured: ${factorized}`,
    );
  }
  return out;
}
