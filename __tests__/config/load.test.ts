import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { ConfigError } from "../../config/errors";
import { renderJsonSchema, JSON_SCHEMA_FILE } from "../../config/json-schema";
import { listEnvironments, loadConfig, resolveEnvironment } from "../../config/load";
import { PROJECT_ROOT } from "../helpers/synth";

describe("resolveEnvironment", () => {
  test("prefers SL_ENV over the context value", () => {
    expect(resolveEnvironment({ SL_ENV: "prod" }, () => "staging")).toEqual({ name: "prod", source: "SL_ENV" });
  });

  test("uses the context value when SL_ENV is unset", () => {
    expect(resolveEnvironment({}, () => "staging")).toEqual({ name: "staging", source: 'cdktf context "environment"' });
  });

  test("falls back to the example environment", () => {
    expect(resolveEnvironment({ SL_ENV: "" })).toEqual({ name: "example", source: "default" });
  });

  test.each([[123], [["prod"]], [null], [""]])("rejects the context value %j", (value) => {
    expect(() => resolveEnvironment({}, () => value)).toThrow(/environment .*must be the name of a file in config\/environments/);
  });
});

describe("loadConfig", () => {
  let root: string;
  beforeEach(() => {
    root = mkdtempSync(join(tmpdir(), "sl-config-"));
    mkdirSync(join(root, "config", "environments"), { recursive: true });
  });
  afterEach(() => rmSync(root, { recursive: true, force: true }));

  test("loads the committed example", () => {
    const loaded = loadConfig(PROJECT_ROOT, "example");
    expect(loaded.file).toBe(join("config", "environments", "example.json"));
    expect(loaded.config.namePrefix).toBe("acme-example");
  });

  test("names the missing file and the environments that exist", () => {
    writeFileSync(join(root, "config", "environments", "prod.json"), "{}");
    expect(() => loadConfig(root, "staging")).toThrow(/has no file config\/environments\/staging.json.*pick one of: prod/);
  });

  test("rejects an environment name that could escape the folder, without naming a file", () => {
    expect(() => loadConfig(root, "../secrets")).toThrow(ConfigError);
    expect(() => loadConfig(root, "../secrets")).toThrow(/^Invalid config environment "..\/secrets" .*\n.*is not an environment name/);
  });

  test("escapes control characters of a broken file in the message", () => {
    writeFileSync(join(root, "config", "environments", "binary.json"), "\u0000garbage");
    expect(() => loadConfig(root, "binary")).toThrow(/\\u0000/);
  });

  test("reports broken JSON as a problem of the whole file", () => {
    writeFileSync(join(root, "config", "environments", "broken.json"), '{"namePrefix": ');
    expect(() => loadConfig(root, "broken")).toThrow(/\(file\): is not valid JSON/);
  });

  test("lists environments by file name", () => {
    writeFileSync(join(root, "config", "environments", "b.json"), "{}");
    writeFileSync(join(root, "config", "environments", "a.json"), "{}");
    writeFileSync(join(root, "config", "environments", "notes.txt"), "");
    expect(listEnvironments(root)).toEqual(["a", "b"]);
  });
});

describe("published JSON Schema", () => {
  test("matches the zod schema (run `npm run schema` after changing it)", () => {
    const committed = readFileSync(join(PROJECT_ROOT, JSON_SCHEMA_FILE), "utf8");
    expect(committed).toBe(renderJsonSchema());
  });

  test("describes every top-level field for editors", () => {
    const schema = JSON.parse(renderJsonSchema());
    expect(schema.additionalProperties).toBe(false);
    expect(schema.required).toEqual(expect.arrayContaining(["namePrefix", "accountId", "region", "state", "services"]));
    for (const [key, prop] of Object.entries<any>(schema.properties)) {
      expect({ key, description: typeof prop.description }).toEqual({ key, description: "string" });
    }
  });
});
