// Private test helpers: synthetic cells and claims for the report tests.

import type { Cell } from "../../lib/report/cells.ts";
import { type ClaimsFile, validateClaims } from "../../lib/report/claims.ts";
import type { PageSpec } from "../../lib/report/page_spec.ts";

/** A fixed manifest, like lib/runtime's, so pages are deterministic. */
export const MANIFEST = {
  config: {},
  seed: 0,
  profile: "smoke",
  backend: "cpu",
  adapter: null,
  deno: { deno: "2.9.6", v8: "15.0", typescript: "6.0" },
  tfjs: "4.22.0",
  commit: "0123456789abcdef0123456789abcdef01234567",
  platform: "linux x86_64",
  startedAt: "2026-01-01T00:00:00.000Z",
  wallS: 1.5,
};

/** A synthetic cell: accuracy rises per epoch, offset by arm and seed. */
export function syntheticCell(
  arm: string,
  seed: number,
  { dataset = "mnist" } = {},
): Cell {
  const offset = (arm === "kd" ? 0.02 : 0) + seed * 0.005;
  return {
    id: `${dataset}-${arm}-s${seed}`,
    config: { dataset, arm },
    seed,
    profile: "smoke",
    impl: "code",
    metrics: { testAcc: 0.9 + offset, testLoss: 0.3 - offset },
    curves: { testAcc: [0.5 + offset, 0.8 + offset, 0.9 + offset] },
    manifest: MANIFEST,
  };
}

/** A small valid claims file for paper "demo". */
export function demoClaims(): ClaimsFile {
  return validateClaims({
    format: "qrepro.claims/1",
    label: "PAPER CLAIMS (synthetic)",
    paper: "demo",
    title: "Demo paper",
    arxiv: "0000.00000",
    notes: "tests",
    claims: [
      {
        id: "baseline-acc",
        metric: "test accuracy",
        unit: "%",
        value: 91,
        source: "Table 1",
      },
      {
        id: "kd-acc",
        metric: "test accuracy",
        unit: "%",
        value: 93.5,
        source: "Table 1",
        note: "best epoch",
      },
      {
        id: "baseline-curve",
        metric: "per epoch",
        unit: "%",
        series: [60, 85, 90],
        source: "Fig. 2",
      },
      {
        id: "claim-text",
        metric: "ablation",
        unit: "",
        statement: "KD beats baseline",
        source: "abstract",
      },
    ],
    inconsistencies: ["Table 1 and Fig. 2 disagree"],
  }, "demo_claims.json");
}

/** Write the demo claims to a file and return its path. */
export async function writeDemoClaims(dir: string): Promise<string> {
  const path = `${dir}/demo_claims.json`;
  await Deno.writeTextFile(path, JSON.stringify(demoClaims()));
  return path;
}

/** A page with two figures and one table over the synthetic cells. */
export const DEMO_PAGE: PageSpec = {
  paper: "demo",
  title: "Demo reproduction",
  protocol: "Synthetic cells: three seeds per arm.",
  expected: ["mnist-kd-s1", "mnist-kd-s2", "mnist-kd-s3", "mnist-kd-s4"],
  inconsistencies: ["The page adds one inconsistency"],
  figures: [
    {
      kind: "curve",
      id: "curves",
      title: "Test accuracy per epoch",
      curve: "testAcc",
      color: "arm",
      scale: 100,
      paper: { base: "baseline-curve" },
    },
    {
      kind: "bar",
      id: "final",
      title: "Final test accuracy",
      metric: "testAcc",
      x: "arm",
      scale: 100,
      paper: { kd: "kd-acc" },
    },
  ],
  tables: [{
    id: "main",
    title: "Headline",
    rows: [
      {
        label: "baseline",
        claim: "baseline-acc",
        metric: "testAcc",
        where: { arm: "base" },
        scale: 100,
      },
      {
        label: "KD",
        claim: "kd-acc",
        metric: "testAcc",
        where: { arm: "kd" },
        scale: 100,
        versus: { arm: "base" },
      },
    ],
  }],
};
