// What the status bar item says. Pure functions of the extension's state, so the unit tests
// can check every case without VS Code.

/** The verdicts the server puts in a diagnostic's `code` (docs/server.md). */
export type Counted = "unsupported" | "conflicting" | "copied" | "supported";

export interface Counts {
  unsupported: number;
  conflicting: number;
  copied: number;
  supported: number;
}

/** Counts the server's diagnostics (source `corroborate`) by verdict. */
export function countVerdicts(
  diagnostics: readonly { source?: string; code?: unknown }[],
): Counts {
  const counts: Counts = { unsupported: 0, conflicting: 0, copied: 0, supported: 0 };
  for (const d of diagnostics) {
    if (d.source !== "corroborate") {
      continue;
    }
    const code = codeValue(d.code);
    if (code !== undefined && code in counts) {
      counts[code as Counted] += 1;
    }
  }
  return counts;
}

/** VS Code gives `code` as a string, a number or `{ value, target }`. */
function codeValue(code: unknown): string | undefined {
  if (typeof code === "string" || typeof code === "number") {
    return String(code);
  }
  if (typeof code === "object" && code !== null && "value" in code) {
    return String((code as { value: unknown }).value);
  }
  return undefined;
}

export type ServerState =
  | { kind: "starting" }
  | { kind: "missing" }
  | { kind: "failed"; reason: string }
  | { kind: "stopped" }
  | { kind: "running" };

export interface StatusInput {
  server: ServerState;
  /** Titles/messages of the `$/progress` runs still open (one per root being indexed). */
  indexing: string[];
  /** The last `end` message of an indexing run, e.g. "5 sources, 812 sentences". */
  lastIndexed: string | undefined;
  /** Counts for the draft in the active editor; undefined when it is not a Markdown draft. */
  draft: Counts | undefined;
}

export interface Status {
  text: string;
  tooltip: string;
  /** Whether the item is worth showing at all (no Markdown draft and nothing happening: no). */
  visible: boolean;
  /** warning/error background for a missing or failed server. */
  alarm: "none" | "warning" | "error";
}

export function status(input: StatusInput): Status {
  const { server, indexing, lastIndexed, draft } = input;
  switch (server.kind) {
    case "missing":
      return {
        text: "$(error) corroborate: server not found",
        tooltip: "The corroborate language server was not found. Click to set corroborate.server.path.",
        visible: true,
        alarm: "error",
      };
    case "failed":
      return {
        text: "$(error) corroborate: server failed",
        tooltip: `The corroborate language server stopped: ${server.reason}. Click to restart it.`,
        visible: true,
        alarm: "error",
      };
    case "stopped":
      return {
        text: "$(circle-slash) corroborate: stopped",
        tooltip: "The corroborate language server is not running. Click to restart it.",
        visible: draft !== undefined,
        alarm: "warning",
      };
    case "starting":
      return {
        text: "$(sync~spin) corroborate: starting",
        tooltip: "Starting the corroborate language server",
        visible: true,
        alarm: "none",
      };
    case "running":
      break;
  }
  if (indexing.length > 0) {
    return {
      text: "$(sync~spin) corroborate: indexing",
      tooltip: indexing.join("\n"),
      visible: true,
      alarm: "none",
    };
  }
  if (draft === undefined) {
    return {
      text: "corroborate",
      tooltip: lastIndexed ? `Indexed: ${lastIndexed}` : "corroborate",
      visible: false,
      alarm: "none",
    };
  }
  const attention = draft.unsupported + draft.conflicting;
  const text =
    `${attention === 0 ? "$(check)" : "$(warning)"} ` +
    `${draft.unsupported} unsupported · ${draft.conflicting} conflicting`;
  const lines = [
    "In this draft:",
    `${plural(draft.unsupported, "unsupported claim")}`,
    `${plural(draft.conflicting, "conflicting claim")}`,
    `${plural(draft.copied, "copied sentence")}`,
  ];
  if (lastIndexed) {
    lines.push(`Corpus: ${lastIndexed}`);
  }
  lines.push("(a kind whose severity is off is not counted) Click for the Problems panel.");
  return { text, tooltip: lines.join("\n"), visible: true, alarm: "none" };
}

function plural(n: number, what: string): string {
  return `${n} ${what}${n === 1 ? "" : "s"}`;
}
