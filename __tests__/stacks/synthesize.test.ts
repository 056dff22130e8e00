import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { createHash } from "node:crypto";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { ConfigError } from "../../config/errors";
import { synthesize } from "../../stacks/synthesize";
import { exampleInput, PROJECT_ROOT } from "../helpers/synth";

describe("synthesize", () => {
  let root: string;
  let outdir: string;

  /** A project folder with the given environment file but no handlers. */
  function project(envFile: object | string): void {
    mkdirSync(join(root, "config", "environments"), { recursive: true });
    copyFileSync(join(PROJECT_ROOT, "cdktf.json"), join(root, "cdktf.json"));
    const text = typeof envFile === "string" ? envFile : JSON.stringify(envFile);
    writeFileSync(join(root, "config", "environments", "test.json"), text);
  }

  /** An earlier output that must survive a failed synth. */
  function previousOutput(): void {
    mkdirSync(outdir, { recursive: true });
    writeFileSync(join(outdir, "manifest.json"), '{"previous":true}');
  }

  beforeEach(() => {
    root = mkdtempSync(join(tmpdir(), "sl-project-"));
    outdir = join(root, "cdktf.out");
  });
  afterEach(() => rmSync(root, { recursive: true, force: true }));

  test("leaves the previous output untouched when the config is invalid", () => {
    // Arrange
    const input = exampleInput() as any;
    input.services[0].port = -1;
    project(input);
    previousOutput();

    // Act
    const act = () => synthesize({ projectRoot: root, env: { SL_ENV: "test", CDKTF_OUTDIR: outdir } });

    // Assert
    expect(act).toThrow(ConfigError);
    expect(readFileSync(join(outdir, "manifest.json"), "utf8")).toBe('{"previous":true}');
    expect(readdirSync(root).sort()).toEqual(["cdktf.json", "cdktf.out", "config"]);
  });

  test("creates no output folder at all when the first synth is rejected", () => {
    project("{ not json");
    expect(() => synthesize({ projectRoot: root, env: { SL_ENV: "test", CDKTF_OUTDIR: outdir } })).toThrow(/is not valid JSON/);
    expect(existsSync(outdir)).toBe(false);
  });

  test("leaves the previous output untouched when synthesis fails after validation", () => {
    // Arrange: a valid config, but no lambdas/ folder to bundle
    project(exampleInput());
    previousOutput();

    // Act
    const act = () => synthesize({ projectRoot: root, env: { SL_ENV: "test", CDKTF_OUTDIR: outdir } });

    // Assert
    expect(act).toThrow(/lambdas\/health-monitor\/index.ts/);
    expect(readFileSync(join(outdir, "manifest.json"), "utf8")).toBe('{"previous":true}');
    expect(readdirSync(root).filter((n) => n.includes("staging"))).toEqual([]);
  });

  test("replaces the previous output with every stack of the environment", () => {
    // Arrange
    previousOutput();

    // Act
    const result = synthesize({ projectRoot: PROJECT_ROOT, env: { SL_ENV: "example", CDKTF_OUTDIR: outdir } });

    // Assert
    expect(result.stacks).toEqual(["service-lifecycle", "state-bootstrap"]);
    const manifest = JSON.parse(readFileSync(join(outdir, "manifest.json"), "utf8"));
    expect(Object.keys(manifest.stacks).sort()).toEqual(["service-lifecycle", "state-bootstrap"]);
    expect(existsSync(join(outdir, "stacks", "service-lifecycle", "cdk.tf.json"))).toBe(true);
    expect(readdirSync(root).filter((n) => n.includes("staging"))).toEqual([]);
  });

  test("picks the environment from the cdktf context when SL_ENV is unset", () => {
    const input = exampleInput() as any;
    input.services[0].port = -1;
    project(input);
    const context = JSON.stringify({ environment: "test" });
    expect(() => synthesize({ projectRoot: root, env: { CDKTF_CONTEXT_JSON: context, CDKTF_OUTDIR: outdir } })).toThrow(
      /config\/environments\/test.json/,
    );
  });

  test.each([
    ["the project folder", "."],
    ["a folder above the project", ".."],
    ["a folder of sources", "config"],
  ])("refuses to replace %s as the output folder", (_what, requested) => {
    // Arrange
    project(exampleInput());
    const before = readdirSync(root).sort();

    // Act
    const act = () => synthesize({ projectRoot: root, env: { SL_ENV: "test", CDKTF_OUTDIR: requested } });

    // Assert
    expect(act).toThrow(/CDKTF_OUTDIR .*synthesis replaces the whole output folder/);
    expect(readdirSync(root).sort()).toEqual(before);
    expect(existsSync(join(root, "config", "environments", "test.json"))).toBe(true);
  });

  test("treats an empty CDKTF_OUTDIR as unset", () => {
    const input = exampleInput() as any;
    input.services[0].port = -1;
    project(input);
    expect(() => synthesize({ projectRoot: root, env: { SL_ENV: "test", CDKTF_OUTDIR: "" } })).toThrow(/services\[0\]\.port/);
    expect(readdirSync(root).sort()).toEqual(["cdktf.json", "config"]);
  });

  test("reports a CDKTF_CONTEXT_JSON that is not a JSON object", () => {
    project(exampleInput());
    expect(() => synthesize({ projectRoot: root, env: { CDKTF_CONTEXT_JSON: "null", CDKTF_OUTDIR: outdir } })).toThrow(
      /CDKTF_CONTEXT_JSON .*is not a JSON object/,
    );
  });

  test("leaves orphaned stack folders for the cdktf CLI to delete when the CLI drives it", () => {
    // Arrange: an earlier output with a stack this environment no longer has
    mkdirSync(join(outdir, "stacks", "retired-stack"), { recursive: true });
    writeFileSync(join(outdir, "manifest.json"), "{}");

    // Act
    synthesize({
      projectRoot: PROJECT_ROOT,
      env: { SL_ENV: "example", CDKTF_OUTDIR: outdir, CDKTF_CONTINUE_SYNTH_ON_ERROR_ANNOTATIONS: "true" },
    });

    // Assert
    expect(readdirSync(join(outdir, "stacks")).sort()).toEqual(["retired-stack", "service-lifecycle", "state-bootstrap"]);
  });

  test("leaves no orphaned stack folder when run directly", () => {
    mkdirSync(join(outdir, "stacks", "retired-stack"), { recursive: true });
    writeFileSync(join(outdir, "manifest.json"), "{}");
    synthesize({ projectRoot: PROJECT_ROOT, env: { SL_ENV: "example", CDKTF_OUTDIR: outdir } });
    expect(readdirSync(join(outdir, "stacks")).sort()).toEqual(["service-lifecycle", "state-bootstrap"]);
  });

  test("writes byte-identical output, assets included, on two runs", () => {
    // Arrange
    const tree = (dir: string): Record<string, string> => {
      const files: Record<string, string> = {};
      const walk = (at: string) => {
        for (const entry of readdirSync(at, { withFileTypes: true })) {
          const path = join(at, entry.name);
          if (entry.isDirectory()) walk(path);
          else files[path.slice(dir.length)] = createHash("sha256").update(readFileSync(path)).digest("hex");
        }
      };
      walk(dir);
      return files;
    };
    const second = join(root, "second.out");

    // Act
    synthesize({ projectRoot: PROJECT_ROOT, env: { SL_ENV: "example", CDKTF_OUTDIR: outdir } });
    synthesize({ projectRoot: PROJECT_ROOT, env: { SL_ENV: "example", CDKTF_OUTDIR: second } });

    // Assert
    const first = tree(outdir);
    expect(Object.keys(first).some((f) => f.endsWith(".zip"))).toBe(true);
    expect(tree(second)).toEqual(first);
  });

  test("ignores the cdktf context when SL_ENV picks the environment", () => {
    const input = exampleInput() as any;
    input.services[0].port = -1;
    project(input);
    expect(() => synthesize({ projectRoot: root, env: { SL_ENV: "test", CDKTF_CONTEXT_JSON: "not json", CDKTF_OUTDIR: outdir } })).toThrow(
      /services\[0\]\.port/,
    );
  });
});
