import { BLACKHOLE_AWS_ENDPOINT, terraformEnv } from "../../../scripts/lib/terraform-env";

describe("terraformEnv", () => {
  const base = {
    PATH: "/usr/bin",
    SL_ENV: "dev",
    TF_CLI_CONFIG_FILE: "/root/.terraformrc",
    AWS_PROFILE: "prod",
    AWS_SESSION_TOKEN: "t",
    AWS_ENDPOINT_URL_STS: "https://sts.example",
    TF_CLI_ARGS_plan: "-refresh=false",
  };

  it("points Terraform at the check's CLI config and switches off version checks", () => {
    const env = terraformEnv(base, "/p/.check/terraformrc");
    expect(env).toMatchObject({ TF_CLI_CONFIG_FILE: "/p/.check/terraformrc", CHECKPOINT_DISABLE: "1", TF_IN_AUTOMATION: "1" });
  });

  it("gives dummy credentials, no profile, and sends AWS calls to loopback", () => {
    const env = terraformEnv(base, "/rc");
    expect(env).toMatchObject({
      AWS_ACCESS_KEY_ID: "mock-access-key",
      AWS_SECRET_ACCESS_KEY: "mock-secret-key",
      AWS_EC2_METADATA_DISABLED: "true",
      AWS_ENDPOINT_URL: BLACKHOLE_AWS_ENDPOINT,
    });
    expect(BLACKHOLE_AWS_ENDPOINT).toMatch(/^http:\/\/127\.0\.0\.1:/);
    for (const name of ["AWS_PROFILE", "AWS_SESSION_TOKEN", "AWS_ENDPOINT_URL_STS", "TF_CLI_ARGS_plan"]) expect(env[name]).toBeUndefined();
  });

  it("keeps the rest and does not change its input", () => {
    const env = terraformEnv(base, "/rc");
    expect(env.PATH).toBe("/usr/bin");
    expect(env.SL_ENV).toBe("dev");
    expect(base.AWS_PROFILE).toBe("prod");
  });
});
