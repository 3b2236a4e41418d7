import assert from "node:assert/strict";
import { parseCli, UsageError } from "../../lib/runtime/mod.ts";

const SPEC = {
  name: "deno task demo",
  summary: "Demo command.",
  options: { epochs: { type: "string" as const } },
  help: { epochs: "number of epochs" },
};

Deno.test("parseCli() applies the documented defaults", () => {
  const cli = parseCli([], SPEC);
  assert.equal(cli.help, false);
  assert.deepEqual(cli.common, {
    profile: "quick",
    seed: 0,
    backend: "auto",
    impl: undefined,
    shard: { index: 0, count: 1 },
    out: "reports",
  });
});

Deno.test("parseCli() reads extra flags and help", () => {
  const cli = parseCli(["--epochs", "3", "--help"], SPEC);
  assert.equal(cli.values.epochs, "3");
  assert.equal(cli.help, true);
  assert.match(cli.usage, /--epochs VALUE\s+number of epochs/);
  assert.match(cli.usage, /--profile VALUE\s+smoke \| quick \| paper/);
});

Deno.test("parseCli() names the flag and the expected values on bad input", () => {
  const cases: [string[], RegExp][] = [
    [
      ["--profile", "fast"],
      /^Invalid value for --profile: expected smoke \| quick \| paper, got "fast"$/,
    ],
    [
      ["--backend", "tpu"],
      /^Invalid value for --backend: expected auto \| webgpu \| wasm \| cpu, got "tpu"$/,
    ],
    [
      ["--impl", "x"],
      /^Invalid value for --impl: expected code \| paper, got "x"$/,
    ],
    [
      ["--seed", "1.5"],
      /^Invalid value for --seed: expected an integer, got "1.5"$/,
    ],
    [
      ["--shard", "4/4"],
      /^Invalid value for --shard: expected K\/N with 0 ≤ K < N, got "4\/4"$/,
    ],
    [["--nope"], /^Unknown flag: --nope \(see --help\)$/],
    [["extra"], /^Unexpected argument: "extra" \(see --help\)$/],
  ];
  for (const [args, message] of cases) {
    assert.throws(() => parseCli(args, SPEC), (err: unknown) => {
      assert.ok(err instanceof UsageError);
      assert.match(err.message, message);
      return true;
    });
  }
});

Deno.test("parseCli() accepts positionals only when declared", () => {
  const cli = parseCli(["mnist", "cifar-10"], {
    ...SPEC,
    positionals: "[dataset…]",
  });
  assert.deepEqual(cli.positionals, ["mnist", "cifar-10"]);
});
