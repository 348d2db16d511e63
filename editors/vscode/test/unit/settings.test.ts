import * as assert from "node:assert/strict";
import { test } from "node:test";

import { forServer } from "../../src/settings";

test("only the server's keys, nulls dropped at every depth", () => {
  const section = {
    server: { path: "corroborate" },
    trace: { server: "verbose" },
    corpus: ["sources", null],
    aliases: { "Nagorno-Karabakh": ["NK", "Artsakh"] },
    thresholds: { supported: null, copied: 0.8 },
    severity: { unsupported: "error", conflicting: "warning", copied: "information", supported: "off" },
  };
  assert.deepEqual(forServer(section), {
    corpus: ["sources"],
    aliases: { "Nagorno-Karabakh": ["NK", "Artsakh"] },
    thresholds: { copied: 0.8 },
    severity: { unsupported: "error", conflicting: "warning", copied: "information", supported: "off" },
  });
});

test("thresholds left to the server disappear; a single corpus path stays a string", () => {
  assert.deepEqual(forServer({ corpus: "notes", thresholds: { supported: null, copied: null }, aliases: {} }), {
    corpus: "notes",
  });
});

test("nothing of ours is null, not an empty object", () => {
  assert.equal(forServer({ server: { path: "x" } }), null);
  assert.equal(forServer(undefined), null);
  assert.equal(forServer(null), null);
  assert.equal(forServer(["corpus"]), null);
});

test("an empty corpus list is kept: it says 'no corpus from the editor'", () => {
  assert.deepEqual(forServer({ corpus: [] }), { corpus: [] });
});

test("the model settings go to the server; left empty, they say nothing", () => {
  assert.deepEqual(forServer({ model: { enabled: false, path: null }, thresholds: { semantic: 0.5 } }), {
    model: { enabled: false },
    thresholds: { semantic: 0.5 },
  });
  assert.equal(forServer({ model: { enabled: null, path: null } }), null);
});
