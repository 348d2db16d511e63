// The answer of the server's `corroborate.showSources` command
// (src/server/api/commands/show_sources.rs) and how each source reads in a quick pick. No
// vscode import: the unit tests run it under plain Node.

export interface LspPosition {
  line: number;
  character: number;
}

export interface LspLocation {
  uri: string;
  range: { start: LspPosition; end: LspPosition };
}

export interface SourceEntry {
  name: string;
  author?: string | null;
  affiliation?: string | null;
  kind?: string | null;
  date?: string | null;
  title?: string | null;
  url?: string | null;
  score: number;
  text: string;
  file: string;
  line: number;
  location?: LspLocation | null;
}

export interface SentenceSources {
  text: string;
  verdict: string;
  message: string;
  differences: string[];
  sources: SourceEntry[];
}

export interface SourceItem {
  label: string;
  description: string;
  detail: string;
  /** `file.txt:12`, relative to its corpus folder. */
  place: string;
  location: LspLocation | undefined;
}

/** One quick-pick row per source, best first, as the server ordered them. */
export function sourceItems(answer: SentenceSources): SourceItem[] {
  return answer.sources.map((s) => {
    const who = s.affiliation ? `${s.name} (${s.affiliation})` : s.name;
    const place = `${s.file}:${s.line}`;
    const facts = [s.kind, s.date, `score ${s.score.toFixed(2)}`, place].filter(Boolean);
    // The quote first: the title of a long thread would push it out of sight.
    const title = s.title && s.title !== s.name ? ` (${s.title})` : "";
    return {
      label: who,
      description: facts.join(" · "),
      detail: `“${s.text}”${title}`,
      place,
      location: s.location ?? undefined,
    };
  });
}
