import * as assert from "node:assert/strict";
import { test } from "node:test";

import { type Environment, missingServerMessage, resolveServer } from "../../src/serverPath";

function env(executables: string[], overrides: Partial<Environment> = {}): Environment {
  return {
    pathVariable: "/usr/local/bin:/opt/corroborate/bin:/usr/bin",
    platform: "linux",
    home: "/home/ana",
    workspaceFolder: "/work/drafts",
    isExecutable: (file) => executables.includes(file),
    ...overrides,
  };
}

test("a bare name is looked up on PATH in order", () => {
  const r = resolveServer(undefined, env(["/opt/corroborate/bin/corroborate", "/usr/bin/corroborate"]));
  assert.deepEqual(r, { kind: "found", path: "/opt/corroborate/bin/corroborate" });
  const blank = resolveServer("  ", env(["/usr/bin/corroborate"]));
  assert.deepEqual(blank, { kind: "found", path: "/usr/bin/corroborate" });
});

test("missing from PATH: says so and lists where it looked", () => {
  const r = resolveServer("corroborate", env([]));
  assert.equal(r.kind, "missing");
  if (r.kind === "missing") {
    assert.deepEqual(r.looked, [
      "/usr/local/bin/corroborate",
      "/opt/corroborate/bin/corroborate",
      "/usr/bin/corroborate",
      "/home/ana/.cargo/bin/corroborate",
    ]);
    const message = missingServerMessage(r);
    assert.match(message, /not found on PATH/);
    assert.match(message, /cargo install --path \./);
    assert.match(message, /corroborate\.server\.path/);
    assert.match(message, /Restart Server/);
  }
  const empty = resolveServer("corroborate", env([], { pathVariable: undefined }));
  assert.equal(empty.kind === "missing" && empty.reason, "`corroborate` is not on PATH (PATH is empty) nor in ~/.cargo/bin");
  const cargo = resolveServer(undefined, env(["/home/ana/.cargo/bin/corroborate"], { pathVariable: "/usr/bin" }));
  assert.deepEqual(cargo, { kind: "found", path: "/home/ana/.cargo/bin/corroborate" }, "PATH first, then ~/.cargo/bin");
});

test("paths: absolute, ~, and relative to the workspace folder", () => {
  assert.deepEqual(resolveServer("/opt/x/corroborate", env(["/opt/x/corroborate"])), {
    kind: "found",
    path: "/opt/x/corroborate",
  });
  assert.deepEqual(resolveServer("~/.cargo/bin/corroborate", env(["/home/ana/.cargo/bin/corroborate"])), {
    kind: "found",
    path: "/home/ana/.cargo/bin/corroborate",
  });
  assert.deepEqual(resolveServer("target/debug/corroborate", env(["/work/drafts/target/debug/corroborate"])), {
    kind: "found",
    path: "/work/drafts/target/debug/corroborate",
  });
  const missing = resolveServer("./bin/corroborate", env([]));
  assert.equal(missing.kind, "missing");
  if (missing.kind === "missing") {
    assert.match(missing.reason, /\/work\/drafts\/bin\/corroborate does not exist/);
    assert.match(missingServerMessage(missing), /was not found: \/work\/drafts\/bin\/corroborate/);
  }
});

test("Windows: PATH with ';' and .exe added", () => {
  const r = resolveServer(
    "corroborate",
    env(["C:\\tools\\corroborate.exe"], { platform: "win32", pathVariable: "C:\\windows;C:\\tools" }),
  );
  // path.join is POSIX here; the separator logic is what is under test.
  assert.equal(r.kind, "missing");
  if (r.kind === "missing") {
    assert.ok(r.looked.some((l) => l.endsWith("corroborate.exe")), r.looked.join(","));
    assert.equal(r.looked.length, 9, "two folders and ~/.cargo/bin × three suffixes");
  }
});
