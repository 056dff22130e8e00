import { makeAwsProviderOffline, OFFLINE_AWS_PROVIDER_SETTINGS } from "../../../scripts/lib/aws-provider";
import type { JsonObject } from "../../../scripts/lib/tf-json";

describe("makeAwsProviderOffline", () => {
  it("adds dummy credentials and every skip flag to each block", () => {
    const config: { provider: { aws: JsonObject[] } } = { provider: { aws: [{ region: "eu-west-1" }, { alias: "use1", region: "us-east-1" }] } };
    makeAwsProviderOffline(config);
    for (const block of config.provider.aws) {
      expect(block).toMatchObject({
        access_key: "mock-access-key",
        secret_key: "mock-secret-key",
        skip_credentials_validation: true,
        skip_requesting_account_id: true,
        skip_metadata_api_check: true,
        skip_region_validation: true,
      });
    }
    expect(config.provider.aws[1]).toMatchObject({ alias: "use1", region: "us-east-1" });
  });

  it("removes allowed_account_ids, profile and assume_role, and says so", () => {
    const config = {
      provider: {
        aws: [{ region: "eu-west-1", allowed_account_ids: ["111111111111"], profile: "prod", assume_role: [{ role_arn: "arn:x" }] }],
      },
    };
    const notes = makeAwsProviderOffline(config);
    expect(config.provider.aws[0]).toEqual({ region: "eu-west-1", ...OFFLINE_AWS_PROVIDER_SETTINGS });
    expect(notes.filter((n) => n.startsWith("provider.aws[0]: removed"))).toHaveLength(3);
    expect(notes.join("\n")).toMatch(/removed allowed_account_ids in the copy/);
  });

  it("keeps default_tags and other settings", () => {
    const config = { provider: { aws: [{ region: "eu-west-1", default_tags: [{ tags: { a: "b" } }] }] } };
    makeAwsProviderOffline(config);
    expect(config.provider.aws[0].default_tags).toEqual([{ tags: { a: "b" } }]);
  });

  it("accepts a single block that is not in an array", () => {
    const config = { provider: { aws: { region: "eu-west-1" } } };
    makeAwsProviderOffline(config);
    expect(config.provider.aws).toMatchObject({ access_key: "mock-access-key" });
  });

  it("does nothing without an AWS provider", () => {
    const config = { provider: { archive: [{}] } };
    expect(makeAwsProviderOffline(config)).toEqual([]);
    expect(config).toEqual({ provider: { archive: [{}] } });
  });
});
