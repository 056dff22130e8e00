import { STACK_IDS } from "../../stacks/shared/naming";
import { exampleInput, normalizeForSnapshot, resources, synthConfig } from "../helpers/synth";

const synthesized = synthConfig();
const tf = synthesized.stacks[STACK_IDS.bootstrap];
const only = (type: string) => {
  const all = Object.values(resources(tf, type));
  expect(all).toHaveLength(1);
  return all[0];
};

describe("BootstrapStack", () => {
  test("matches the snapshot of its normalized Terraform JSON", () => {
    expect(normalizeForSnapshot(synthesized.raw[STACK_IDS.bootstrap])).toMatchSnapshot();
  });

  test("keeps its own state in a local file in the project root, by relative path", () => {
    expect(tf.terraform.backend).toEqual({ local: { path: "../../../terraform.state-bootstrap.tfstate" } });
  });

  test("creates the state bucket and keeps it on destroy", () => {
    const bucket = only("aws_s3_bucket");
    expect(bucket.bucket).toBe("acme-example-tfstate-123456789012");
    expect(bucket.lifecycle).toEqual({ prevent_destroy: true });
  });

  test("versions, encrypts and privatizes the bucket", () => {
    expect(only("aws_s3_bucket_versioning").versioning_configuration).toEqual({ status: "Enabled" });
    expect(only("aws_s3_bucket_server_side_encryption_configuration").rule[0].apply_server_side_encryption_by_default).toEqual({ sse_algorithm: "aws:kms" });
    expect(only("aws_s3_bucket_public_access_block")).toMatchObject({
      block_public_acls: true,
      block_public_policy: true,
      ignore_public_acls: true,
      restrict_public_buckets: true,
    });
    expect(only("aws_s3_bucket_ownership_controls").rule).toEqual({ object_ownership: "BucketOwnerEnforced" });
  });

  test("denies every request that does not use TLS", () => {
    const [statement] = JSON.parse(only("aws_s3_bucket_policy").policy).Statement;
    expect(statement).toMatchObject({ Effect: "Deny", Principal: "*", Action: "s3:*", Condition: { Bool: { "aws:SecureTransport": false } } });
    expect(statement.Resource).toHaveLength(2);
  });
});

describe("Terraform Cloud state", () => {
  const input = exampleInput() as any;
  input.state = { backend: "cloud", organization: "acme", workspacePrefix: "acme-example" };
  const cloud = synthConfig(input);

  test("uses a cloud block with a workspace per stack instead of S3", () => {
    expect(cloud.stacks[STACK_IDS.lifecycle].terraform.cloud).toEqual({
      hostname: "app.terraform.io",
      organization: "acme",
      workspaces: { name: "acme-example-service-lifecycle" },
    });
    expect(cloud.stacks[STACK_IDS.lifecycle].terraform.backend).toBeUndefined();
  });

  test("needs no bootstrap stack", () => {
    expect(Object.keys(cloud.stacks)).toEqual([STACK_IDS.lifecycle]);
  });
});
