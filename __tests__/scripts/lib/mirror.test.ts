import { mkdirSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { cliConfig, findProviderMirror, MIRROR_ENV } from "../../../scripts/lib/mirror";

let tmp: string;
beforeEach(() => {
  tmp = mkdtempSync(join(tmpdir(), "mirror-test-"));
});
afterEach(() => rmSync(tmp, { recursive: true, force: true }));

/** Creates a mirror folder holding hashicorp/aws below `tmp`. */
function mirrorAt(rel: string): string {
  const root = join(tmp, rel);
  mkdirSync(join(root, "registry.terraform.io", "hashicorp", "aws", "5.100.0", "linux_amd64"), { recursive: true });
  return root;
}

describe("findProviderMirror", () => {
  it("uses SL_TF_PROVIDER_MIRROR when set", () => {
    const root = mirrorAt("explicit");
    expect(findProviderMirror({ [MIRROR_ENV]: root }, { candidates: [], searchRoots: [] })).toEqual({ path: root, how: MIRROR_ENV });
  });

  it("fails clearly when SL_TF_PROVIDER_MIRROR is wrong, without falling back", () => {
    const good = mirrorAt("good");
    expect(() => findProviderMirror({ [MIRROR_ENV]: join(tmp, "nope") }, { candidates: [good] })).toThrow(
      /SL_TF_PROVIDER_MIRROR is .*nope/,
    );
  });

  it("takes the first well-known candidate that holds hashicorp/aws", () => {
    const second = mirrorAt("second");
    expect(findProviderMirror({}, { candidates: [join(tmp, "first"), second], searchRoots: [] })).toEqual({
      path: second,
      how: "well-known location",
    });
  });

  it("searches below the search roots, within the depth bound", () => {
    const deep = mirrorAt("a/b/plugins");
    expect(findProviderMirror({}, { candidates: [], searchRoots: [tmp], maxDepth: 3 })).toEqual({ path: deep, how: "search" });
    expect(() => findProviderMirror({}, { candidates: [], searchRoots: [tmp], maxDepth: 2 })).toThrow(/set SL_TF_PROVIDER_MIRROR/);
  });
});

describe("cliConfig", () => {
  it("installs registry providers from the mirror only", () => {
    expect(cliConfig("/opt/tf-plugins")).toBe(
      [
        "# Written by scripts/check.ts: providers come from the local mirror only.",
        "provider_installation {",
        "  filesystem_mirror {",
        '    path    = "/opt/tf-plugins"',
        '    include = ["registry.terraform.io/*/*"]',
        "  }",
        "  direct {",
        '    exclude = ["registry.terraform.io/*/*"]',
        "  }",
        "}",
        "",
      ].join("\n"),
    );
  });
});
