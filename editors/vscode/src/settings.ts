// The `corroborate` settings section as the server reads it (docs/server.md, "Settings").
// VS Code hands over every key of the section, including the client's own (`server.path`,
// `trace.server`) and `null` for a threshold left to the server's default; the server takes
// the same keys as corroborate.toml, where a null has no meaning. So the section is trimmed
// to the server's keys and its nulls dropped, in the one place both the pull
// (`workspace/configuration`) and `initializationOptions` go through.

/** The keys the server shares with corroborate.toml. */
export const SERVER_KEYS = ["corpus", "aliases", "thresholds", "model", "severity"] as const;

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

/** The server's part of the `corroborate` section, without nulls; `null` if nothing is left. */
export function forServer(section: unknown): { [key: string]: Json } | null {
  if (!isObject(section)) {
    return null;
  }
  const out: { [key: string]: Json } = {};
  for (const key of SERVER_KEYS) {
    const value = withoutNulls(section[key]);
    if (value !== undefined) {
      out[key] = value;
    }
  }
  return Object.keys(out).length > 0 ? out : null;
}

function withoutNulls(value: unknown): Json | undefined {
  if (value === null || value === undefined) {
    return undefined;
  }
  if (Array.isArray(value)) {
    return value.map(withoutNulls).filter((v): v is Json => v !== undefined);
  }
  if (isObject(value)) {
    const out: { [key: string]: Json } = {};
    for (const [key, inner] of Object.entries(value)) {
      const kept = withoutNulls(inner);
      if (kept !== undefined) {
        out[key] = kept;
      }
    }
    // `thresholds` with both left empty says nothing; the server's defaults apply.
    return Object.keys(out).length > 0 ? out : undefined;
  }
  if (typeof value === "boolean" || typeof value === "number" || typeof value === "string") {
    return value;
  }
  return undefined;
}

function isObject(value: unknown): value is { [key: string]: unknown } {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}
