/**
 * Reproduction of Classical-to-quantum knowledge distillation (Hasan & Mahdy, arXiv 2311.13810).
 *
 * Not implemented yet (issue #6): the task refuses to run rather than
 * print a result it did not compute.
 *
 * @module
 */

import { parseCli, QreproError, runMain } from "../lib/runtime/mod.ts";

const SPEC = {
  name: "deno task reproduce:kd",
  summary:
    "Classical-to-quantum knowledge distillation (Hasan & Mahdy, arXiv 2311.13810): frozen CNN teachers distil into 4- and 8-qubit quantum students.",
};

if (import.meta.main) {
  await runMain(async () => {
    const cli = parseCli(Deno.args, SPEC);
    if (cli.help) return console.log(cli.usage);
    await Promise.resolve();
    throw new QreproError(
      "Not implemented: reproduce:kd lands with issue #6; no result was produced",
    );
  });
}
