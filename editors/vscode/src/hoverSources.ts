// The sources of one sentence, read from the server's Markdown hover (src/server/hover.rs):
// the verdict in bold, then one section per matching source (up to five), each
//
//     ---
//
//     **Alexander Gabuev (Carnegie Moscow Center)** · thread · 2020-11-10 · score 0.88
//     *Russian calculus*
//
//     > Russia has put its 2000 peacekeepers in NK.
//
//     [000_f6b3.txt:12](file:///…/000_f6b3.txt#L12)
//
// The hover is the one answer that lists every matching source for any verdict (diagnostics
// carry up to three, and none for a supported sentence whose severity is off), so "show
// sources" reads it rather than asking the server for something new.

export interface HoverSource {
  /** Author (and affiliation), as the hover names them. */
  who: string;
  /** Kind, date and score, e.g. "thread · 2020-11-10 · score 0.88". */
  facts: string;
  title: string | undefined;
  /** The source sentence. */
  quote: string;
  /** `file:///…` without the fragment. */
  file: string | undefined;
  /** 1-based line from the `#L12` fragment. */
  line: number | undefined;
  /** The `relative/path:line` the link shows. */
  place: string;
}

export interface HoverReading {
  /** "Supported", "Unsupported", … or "" when the hover is not a verdict (corpus loading). */
  verdict: string;
  /** What follows the verdict: the judge's reason, or the whole text when there is none. */
  reason: string;
  sources: HoverSource[];
}

const SECTION = /\n\n---\n\n/;
const HEADER = /^\*\*(.+?)\*\*(?: · (.*))?$/;
const LINK = /\[([^\]]*(?:\\\][^\]]*)*)\]\((file:[^)#\s]+)(?:#L(\d+))?\)/;

export function readHover(markdown: string): HoverReading {
  const [head, ...sections] = markdown.replace(/\r\n/g, "\n").split(SECTION);
  const verdictMatch = /^\*\*([A-Z][a-z]+)\*\*(?::\s*([\s\S]*))?/.exec(head.trim());
  const verdict = verdictMatch ? verdictMatch[1] : "";
  const reason = verdictMatch ? unescape(verdictMatch[2] ?? "").trim() : unescape(head.trim());
  const sources: HoverSource[] = [];
  for (const section of sections) {
    const lines = section.split("\n");
    const header = HEADER.exec((lines[0] ?? "").replace(/ {2}$/, ""));
    if (!header) {
      continue;
    }
    const titleLine = lines.find((l, i) => i > 0 && /^\*[^*].*\*$/.test(l));
    const quoteLines = lines.filter((l) => l.startsWith("> ")).map((l) => l.slice(2));
    // The line after the quote is the link (or the bare place when the file has no URL);
    // after the last source a "… and N more source sentences" line may follow.
    const lastQuote = lines.map((l) => l.startsWith("> ")).lastIndexOf(true);
    const placeLine = lines.slice(lastQuote + 1).find((l) => l.trim() !== "") ?? "";
    const link = LINK.exec(placeLine);
    sources.push({
      who: unescape(header[1]),
      facts: unescape(header[2] ?? ""),
      title: titleLine ? unescape(titleLine.slice(1, -1)) : undefined,
      quote: unescape(quoteLines.join(" ")),
      file: link ? link[2] : undefined,
      line: link && link[3] ? Number(link[3]) : undefined,
      place: unescape(link ? link[1] : placeLine.startsWith("…") ? "" : placeLine.trim()),
    });
  }
  return { verdict, reason, sources };
}

/** Undoes the server's backslash escapes of Markdown punctuation. */
function unescape(text: string): string {
  return text.replace(/\\([\\`*_[\]<>#|~!])/g, "$1");
}
