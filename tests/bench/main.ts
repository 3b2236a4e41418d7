/**
 * `deno task bench`: runs every benchmark suite and prints one JSON line per
 * measurement (and per declared check). Benchmarks never decide pass or fail;
 * see ../../shared/STYLE.md rule 12.
 *
 * @module
 */

import { parseCli, runMain, UsageError } from "../../lib/runtime/mod.ts";
import { benchQuantum } from "./quantum/cpu_simulator_bench.ts";
import { benchQuantumWebgpu } from "./quantum/webgpu_bench.ts";
import { benchRenderFigures } from "./report/render_figures_bench.ts";
import { benchTraining } from "./training/training_bench.ts";
import { benchMnistEpoch } from "./training/mnist_epoch_bench.ts";

/** Suites by name, in the order they run. */
const SUITES: Record<string, () => Promise<object[]>> = {
  quantum: benchQuantum,
  "quantum-webgpu": benchQuantumWebgpu,
  training: benchTraining,
  "mnist-epoch": benchMnistEpoch,
  report: benchRenderFigures,
};

const SPEC = {
  name: "deno task bench",
  summary: "Run the benchmarks and print one JSON line per measurement. " +
    `Suites: ${Object.keys(SUITES).join(", ")}.`,
  experimentFlags: false,
  positionals: "[suite…]",
};

if (import.meta.main) {
  await runMain(async () => {
    const cli = parseCli(Deno.args, SPEC);
    if (cli.help) return console.log(cli.usage);
    const names = cli.positionals.length > 0
      ? cli.positionals
      : Object.keys(SUITES);
    for (const name of names) {
      if (!(name in SUITES)) {
        throw new UsageError(
          `Unknown suite: expected ${
            Object.keys(SUITES).join(" | ")
          }, got "${name}"`,
        );
      }
    }
    for (const name of names) {
      for (const row of await SUITES[name]()) console.log(JSON.stringify(row));
    }
  });
}
