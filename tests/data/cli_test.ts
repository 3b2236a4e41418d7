import assert from "node:assert/strict";
import { join } from "node:path";
import { DATA_DIR } from "./_fixtures.ts";

// Runs lib/data/cli.ts as `deno task data:fetch` would, with least permissions.

async function runCli(
  args: string[],
  permissions: string[],
): Promise<{ code: number; stdout: string; stderr: string }> {
  const out = await new Deno.Command(Deno.execPath(), {
    args: ["run", ...permissions, "lib/data/cli.ts", ...args],
    stdout: "piped",
    stderr: "piped",
    env: { NO_COLOR: "1" },
  }).output();
  const text = (b: Uint8Array) => new TextDecoder().decode(b);
  return { code: out.code, stdout: text(out.stdout), stderr: text(out.stderr) };
}

Deno.test("data:fetch imports from a mirror and prints one verified line per dataset", async () => {
  const dir = await Deno.makeTempDir({ prefix: "qrepro_cli_" });
  const res = await runCli(
    ["retinamnist", "pneumoniamnist", "--from", DATA_DIR, "--data-dir", dir],
    [`--allow-read=.,${dir}`, `--allow-write=${dir}`],
  );
  assert.equal(res.code, 0, res.stderr);
  assert.match(
    res.stdout,
    /^retinamnist: imported from data, 1 file\(s\) verified \(sha256\) in [\d.]+s\npneumoniamnist: imported from data, 1 file\(s\) verified \(sha256\) in [\d.]+s\n$/,
  );
  await Deno.remove(dir, { recursive: true });
});

Deno.test("data:fetch exits 1 with one line and writes nothing on a checksum mismatch", async () => {
  const dir = await Deno.makeTempDir({ prefix: "qrepro_cli_" });
  const mirror = join(dir, "mirror");
  await Deno.mkdir(join(mirror, "medmnist"), { recursive: true });
  const bytes = await Deno.readFile(
    join(DATA_DIR, "medmnist", "retinamnist.npz"),
  );
  bytes[77] ^= 1;
  await Deno.writeFile(join(mirror, "medmnist", "retinamnist.npz"), bytes);
  const res = await runCli(
    ["retinamnist", "--from", mirror, "--data-dir", join(dir, "data")],
    [`--allow-read=.,${dir}`, `--allow-write=${dir}`],
  );
  assert.equal(res.code, 1);
  assert.match(
    res.stderr,
    /^error: Cannot verify ".*retinamnist.npz": expected sha256 254915f5\w+, got \w{64}\n$/,
  );
  await assert.rejects(Deno.stat(join(dir, "data")), Deno.errors.NotFound);
  await Deno.remove(dir, { recursive: true });
});

Deno.test("data:fetch exits 2 on an unknown dataset or flag", async () => {
  const unknown = await runCli(["svhn"], ["--allow-read=."]);
  assert.equal(unknown.code, 2);
  assert.equal(
    unknown.stderr,
    'error: Unknown dataset: expected one of mnist, fashion-mnist, cifar-10, pneumoniamnist, retinamnist, got "svhn"\n',
  );
  const flag = await runCli(["--profile", "smoke"], ["--allow-read=."]);
  assert.equal(flag.code, 2);
  assert.equal(flag.stderr, "error: Unknown flag: --profile (see --help)\n");
});

Deno.test("data:fetch exits 2 naming the permission to add for an unreadable mirror", async () => {
  const res = await runCli(["mnist", "--from", "/nonexistent-mirror"], [
    "--allow-read=.",
  ]);
  assert.equal(res.code, 2);
  assert.equal(
    res.stderr,
    'error: Cannot read mirror "--from /nonexistent-mirror": this task may read only the repository and ../shared/data; for another folder run "deno run --allow-read=.,/nonexistent-mirror --allow-write=data lib/data/cli.ts --from /nonexistent-mirror"\n',
  );
});

Deno.test("data:fetch --help prints usage and exits 0", async () => {
  const res = await runCli(["--help"], []);
  assert.equal(res.code, 0);
  assert.match(
    res.stdout,
    /^Usage: deno task data:fetch \[flags\] \[dataset…\]/,
  );
  assert.match(res.stdout, /--from VALUE/);
});
