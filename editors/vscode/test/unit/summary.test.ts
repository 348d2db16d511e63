import * as assert from "node:assert/strict";
import { test } from "node:test";

import { countVerdicts, status } from "../../src/summary";

test("counts only corroborate's diagnostics, by code in any shape", () => {
  const counts = countVerdicts([
    { source: "corroborate", code: "unsupported" },
    { source: "corroborate", code: { value: "unsupported", target: {} } },
    { source: "corroborate", code: "conflicting" },
    { source: "corroborate", code: "copied" },
    { source: "markdownlint", code: "unsupported" },
    { source: "corroborate", code: "skipped" },
    { source: "corroborate" },
  ]);
  assert.deepEqual(counts, { unsupported: 2, conflicting: 1, copied: 1, supported: 0 });
});

const none = { unsupported: 0, conflicting: 0, copied: 0, supported: 0 };

test("a draft: unsupported and conflicting counts in the text, copied in the tooltip", () => {
  const s = status({
    server: { kind: "running" },
    indexing: [],
    lastIndexed: "5 sources, 812 sentences",
    draft: { unsupported: 3, conflicting: 1, copied: 2, supported: 0 },
  });
  assert.equal(s.text, "$(warning) 3 unsupported · 1 conflicting");
  assert.match(s.tooltip, /2 copied sentences/);
  assert.match(s.tooltip, /1 conflicting claim\n/);
  assert.match(s.tooltip, /Corpus: 5 sources, 812 sentences/);
  assert.ok(s.visible);
  const clean = status({ server: { kind: "running" }, indexing: [], lastIndexed: undefined, draft: none });
  assert.equal(clean.text, "$(check) 0 unsupported · 0 conflicting");
});

test("indexing wins over counts; no draft and nothing going on: hidden", () => {
  const s = status({ server: { kind: "running" }, indexing: ["Indexing corpus: drafts"], lastIndexed: undefined, draft: none });
  assert.equal(s.text, "$(sync~spin) corroborate: indexing");
  assert.equal(s.tooltip, "Indexing corpus: drafts");
  const idle = status({ server: { kind: "running" }, indexing: [], lastIndexed: undefined, draft: undefined });
  assert.equal(idle.visible, false);
});

test("a missing or failed server is shown as an error whatever else", () => {
  const missing = status({ server: { kind: "missing" }, indexing: ["x"], lastIndexed: undefined, draft: none });
  assert.equal(missing.text, "$(error) corroborate: server not found");
  assert.equal(missing.alarm, "error");
  const failed = status({ server: { kind: "failed", reason: "spawn EACCES" }, indexing: [], lastIndexed: undefined, draft: undefined });
  assert.match(failed.tooltip, /spawn EACCES/);
  assert.ok(failed.visible);
});
