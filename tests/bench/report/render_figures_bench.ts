// Benchmark: compute and render a report page's figures and table from cells
// in memory (no disk writes, so it runs under the bench task's permissions).

import {
  barSpec,
  type Cell,
  computeTable,
  curveSpec,
  renderSvg,
} from "../../../lib/report/mod.ts";

// 6 configurations × 4 arms × 10 seeds, 10-epoch curves: a "paper" profile sweep.
function sweep(): Cell[] {
  const cells: Cell[] = [];
  for (const config of ["a", "b", "c", "d", "e", "f"]) {
    for (const arm of ["baseline", "kd-lenet", "kd-alexnet", "kd-ensemble"]) {
      for (let seed = 0; seed < 10; seed++) {
        const base = 0.8 + 0.01 * seed + (arm === "baseline" ? 0 : 0.02);
        cells.push({
          id: `${config}-${arm}-s${seed}`,
          config: { config, arm },
          seed,
          profile: "paper",
          impl: "code",
          metrics: { testAcc: base },
          curves: {
            testAcc: Array.from(
              { length: 10 },
              (_, t) => base * (1 - Math.exp(-(t + 1) / 3)),
            ),
          },
          manifest: {},
        });
      }
    }
  }
  return cells;
}

/**
 * Time one page: two curve charts, one grouped bar chart and a 24-row table,
 * rendered to SVG. Returns one JSON-line object (median of 5 runs after 1 warm-up).
 *
 * @returns `[{ bench, nCells, nFigures, medianMs }]`.
 */
export async function benchRenderFigures(): Promise<Record<string, unknown>[]> {
  const cells = sweep();
  const rows = ["a", "b", "c", "d", "e", "f"].flatMap((config) =>
    ["baseline", "kd-lenet", "kd-alexnet", "kd-ensemble"].map((arm) => ({
      label: `${config} ${arm}`,
      metric: "testAcc",
      where: { config, arm },
      versus: { config, arm: "baseline" },
    }))
  );
  const once = async () => {
    for (const config of ["a", "b"]) {
      const figure = {
        kind: "curve" as const,
        id: config,
        title: config,
        curve: "testAcc",
        color: "arm",
      };
      await renderSvg(curveSpec(cells, { ...figure, where: { config } }), {
        idPrefix: config,
      });
    }
    await renderSvg(
      barSpec(cells, {
        kind: "bar",
        id: "bar",
        title: "bar",
        metric: "testAcc",
        x: "config",
        color: "arm",
      }),
    );
    computeTable(cells, { id: "t", title: "t", rows });
  };
  await once();
  const times: number[] = [];
  for (let i = 0; i < 5; i++) {
    const t0 = performance.now();
    await once();
    times.push(performance.now() - t0);
  }
  times.sort((a, b) => a - b);
  return [{
    bench: "report.renderFigures",
    nCells: cells.length,
    nFigures: 3,
    medianMs: Number(times[2].toFixed(1)),
  }];
}

if (import.meta.main) {
  for (const line of await benchRenderFigures()) {
    console.log(JSON.stringify(line));
  }
}
