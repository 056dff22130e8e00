/** Picks the useful parts out of Terraform's human-readable output. */

/** Matches the first line of a Terraform diagnostic (with or without the box-drawing gutter). */
const DIAGNOSTIC = /^\s*│?\s*(Error|Warning): (.+)$/;

/**
 * Returns the part of `output` from the first `Error:` diagnostic on, and how
 * many lines before it were left out. When there is no `Error:` line the whole
 * output is returned.
 */
export function errorSection(output: string): { text: string; omittedLines: number } {
  const lines = output.trimEnd().split("\n");
  const first = lines.findIndex((l) => DIAGNOSTIC.exec(l)?.[1] === "Error");
  if (first <= 0) return { text: lines.join("\n"), omittedLines: 0 };
  return { text: lines.slice(first).join("\n"), omittedLines: first };
}

/** Lists the distinct headlines of `Warning:` diagnostics in `output`. */
export function warningHeadlines(output: string): string[] {
  const found = new Set<string>();
  for (const line of output.split("\n")) {
    const m = DIAGNOSTIC.exec(line);
    if (m?.[1] === "Warning") found.add(m[2].trim());
  }
  return [...found];
}
