import { removeBackend } from "../../../scripts/lib/backend";

describe("removeBackend", () => {
  it("removes an S3 backend and keeps required_providers", () => {
    const config = {
      terraform: {
        backend: { s3: { bucket: "b", key: "k", region: "eu-west-1", use_lockfile: true } },
        required_providers: { aws: { source: "aws", version: "5.100.0" } },
      },
    };
    expect(removeBackend(config)).toEqual(["removed terraform.backend (s3): plan runs on local state in the copy"]);
    expect(config.terraform).toEqual({ required_providers: { aws: { source: "aws", version: "5.100.0" } } });
  });

  it("removes a cloud block", () => {
    const config = { terraform: { cloud: { organization: "o" }, required_version: ">= 1.5" } };
    expect(removeBackend(config)).toEqual(["removed terraform.cloud: plan runs on local state in the copy"]);
    expect(config.terraform).toEqual({ required_version: ">= 1.5" });
  });

  it("removes the terraform block if nothing else is left in it", () => {
    const config = { terraform: { backend: { local: { path: "x" } } }, resource: {} };
    removeBackend(config);
    expect(config).toEqual({ resource: {} });
  });

  it("does nothing without a backend", () => {
    const config = { terraform: { required_version: ">= 1.5" } };
    expect(removeBackend(config)).toEqual([]);
    expect(config).toEqual({ terraform: { required_version: ">= 1.5" } });
  });
});
