/**
 * Replaces a Terraform reference (such as `data.archive_file.fn.output_path`)
 * with a literal value inside the strings of Terraform JSON configuration.
 *
 * In Terraform JSON, a string value is a template: text, plus `${ ... }`
 * interpolations and `%{ ... }` directives that hold expressions. A reference
 * can appear as a whole interpolation (`"${data.archive_file.fn.output_path}"`)
 * or inside a larger expression (`"${filebase64sha256(data.archive_file.fn.output_path)}"`).
 * Both are handled; text outside interpolations is never touched.
 */

/**
 * Returns `template` with every use of `ref` replaced by the literal `value`.
 *
 * - `${ref}` (the whole interpolation) becomes the text of `value`, escaped so
 *   Terraform reads it literally.
 * - `ref` inside a larger expression becomes the quoted HCL string `"value"`.
 *
 * @param template - A string value from Terraform JSON.
 * @param ref - The reference, e.g. `data.archive_file.fn.output_path`.
 * @param value - What the reference stands for.
 */
export function replaceReference(template: string, ref: string, value: string): string {
  let out = "";
  let i = 0;
  while (i < template.length) {
    if (template.startsWith("$${", i) || template.startsWith("%%{", i)) {
      out += template.slice(i, i + 3); // escaped: literal "${" / "%{"
      i += 3;
      continue;
    }
    if (template.startsWith("${", i) || template.startsWith("%{", i)) {
      const end = findClosingBrace(template, i + 2);
      if (end < 0) return out + template.slice(i); // malformed: leave for Terraform to report
      const inner = template.slice(i + 2, end);
      out +=
        template[i] === "$" && inner.trim() === ref
          ? escapeTemplateText(value)
          : template.slice(i, i + 2) + replaceInExpression(inner, ref, value) + "}";
      i = end + 1;
      continue;
    }
    out += template[i];
    i++;
  }
  return out;
}

/** Escapes `${` and `%{` so a string is read as literal template text. */
export function escapeTemplateText(text: string): string {
  // Function replacers: in a replacement string "$$" would collapse to "$".
  return text.replace(/\$\{/g, () => "$${").replace(/%\{/g, () => "%%{");
}

/** Quotes `text` as an HCL string literal. */
export function hclString(text: string): string {
  return `"${escapeTemplateText(text.replace(/\\/g, "\\\\").replace(/"/g, '\\"').replace(/\n/g, "\\n"))}"`;
}

/** Replaces `ref` in an HCL expression: as code outside quotes, as a template inside them. */
function replaceInExpression(expr: string, ref: string, value: string): string {
  const pattern = new RegExp(`(?<![\\w.-])${ref.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}(?![\\w-])`, "g");
  let out = "";
  let code = "";
  let i = 0;
  while (i < expr.length) {
    if (expr[i] === '"') {
      const end = findStringEnd(expr, i + 1);
      if (end < 0) break;
      out += code.replace(pattern, () => hclString(value)) + '"' + replaceReference(expr.slice(i + 1, end), ref, value) + '"';
      code = "";
      i = end + 1;
      continue;
    }
    code += expr[i];
    i++;
  }
  return out + (code + expr.slice(i)).replace(pattern, () => hclString(value));
}

/** Index of the `}` closing an expression that starts at `from`, or -1. */
function findClosingBrace(s: string, from: number): number {
  let depth = 0;
  for (let k = from; k < s.length; k++) {
    const c = s[k];
    if (c === '"') {
      const end = findStringEnd(s, k + 1);
      if (end < 0) return -1;
      k = end;
    } else if (c === "{") {
      depth++;
    } else if (c === "}") {
      if (depth === 0) return k;
      depth--;
    }
  }
  return -1;
}

/** Index of the `"` closing an HCL string whose content starts at `from`, or -1. */
function findStringEnd(s: string, from: number): number {
  for (let k = from; k < s.length; k++) {
    if (s[k] === "\\") {
      k++;
    } else if (s.startsWith("$${", k) || s.startsWith("%%{", k)) {
      k += 2;
    } else if (s.startsWith("${", k) || s.startsWith("%{", k)) {
      const end = findClosingBrace(s, k + 2);
      if (end < 0) return -1;
      k = end;
    } else if (s[k] === '"') {
      return k;
    }
  }
  return -1;
}
