import { escapeTemplateText, hclString, replaceReference } from "../../../scripts/lib/hcl-references";

const REF = "data.archive_file.fn.output_path";

describe("replaceReference", () => {
  it("replaces a whole interpolation with the literal text", () => {
    expect(replaceReference("${data.archive_file.fn.output_path}", REF, "assets/fn.zip")).toBe("assets/fn.zip");
  });

  it("tolerates spaces inside the interpolation", () => {
    expect(replaceReference("${ data.archive_file.fn.output_path }", REF, "a.zip")).toBe("a.zip");
  });

  it("replaces an interpolation embedded in text", () => {
    expect(replaceReference("file://${data.archive_file.fn.output_path}#x", REF, "a.zip")).toBe("file://a.zip#x");
  });

  it("quotes the literal when the reference is part of a larger expression", () => {
    expect(replaceReference("${filebase64sha256(data.archive_file.fn.output_path)}", REF, "a.zip")).toBe(
      '${filebase64sha256("a.zip")}',
    );
  });

  it("replaces inside templates nested in expression strings", () => {
    expect(replaceReference('${upper("x-${data.archive_file.fn.output_path}")}', REF, "a.zip")).toBe('${upper("x-a.zip")}');
  });

  it("leaves a quoted string that merely spells the reference alone", () => {
    const s = '${length("data.archive_file.fn.output_path")}';
    expect(replaceReference(s, REF, "a.zip")).toBe(s);
  });

  it("does not touch text outside interpolations", () => {
    const s = "see data.archive_file.fn.output_path in the docs";
    expect(replaceReference(s, REF, "a.zip")).toBe(s);
  });

  it("does not touch escaped interpolations", () => {
    const s = "$${data.archive_file.fn.output_path}";
    expect(replaceReference(s, REF, "a.zip")).toBe(s);
  });

  it("matches whole references only", () => {
    const longer = "${data.archive_file.fn.output_path_extra}";
    const other = "${data.archive_file.fn2.output_path}";
    const nested = "${x.data.archive_file.fn.output_path}";
    expect(replaceReference(longer, REF, "a.zip")).toBe(longer);
    expect(replaceReference(other, REF, "a.zip")).toBe(other);
    expect(replaceReference(nested, REF, "a.zip")).toBe(nested);
  });

  it("handles several references and other interpolations in one string", () => {
    const s = "${var.a}/${data.archive_file.fn.output_path}/${concat([data.archive_file.fn.output_path], [])}";
    expect(replaceReference(s, REF, "z.zip")).toBe('${var.a}/z.zip/${concat(["z.zip"], [])}');
  });

  it("handles braces of object expressions", () => {
    expect(replaceReference("${jsonencode({ p = data.archive_file.fn.output_path })}", REF, "a.zip")).toBe(
      '${jsonencode({ p = "a.zip" })}',
    );
  });

  it("replaces inside %{ } directives", () => {
    expect(replaceReference("%{ if data.archive_file.fn.output_path != \"\" }y%{ endif }", REF, "a.zip")).toBe(
      '%{ if "a.zip" != "" }y%{ endif }',
    );
  });

  it("escapes a literal that itself looks like a template", () => {
    expect(replaceReference("${data.archive_file.fn.output_path}", REF, "${x}")).toBe("$${x}");
  });

  it("leaves malformed templates for Terraform to report", () => {
    const s = "${data.archive_file.fn.output_path";
    expect(replaceReference(s, REF, "a.zip")).toBe(s);
  });
});

describe("escapeTemplateText", () => {
  it("escapes interpolation and directive openers", () => {
    expect(escapeTemplateText("a ${b} %{c}")).toBe("a $${b} %%{c}");
  });
});

describe("hclString", () => {
  it("quotes and escapes", () => {
    expect(hclString('a"b\\c\nd${e}')).toBe('"a\\"b\\\\c\\nd$${e}"');
  });
});
