/**
 * The S3 bucket that holds Terraform state: versioned, encrypted, private,
 * owner-enforced and reachable only over TLS.
 */
import { S3Bucket } from "@cdktf/provider-aws/lib/s3-bucket";
import { S3BucketOwnershipControls } from "@cdktf/provider-aws/lib/s3-bucket-ownership-controls";
import { S3BucketPolicy } from "@cdktf/provider-aws/lib/s3-bucket-policy";
import { S3BucketPublicAccessBlock } from "@cdktf/provider-aws/lib/s3-bucket-public-access-block";
import { S3BucketServerSideEncryptionConfigurationA } from "@cdktf/provider-aws/lib/s3-bucket-server-side-encryption-configuration";
import { S3BucketVersioningA } from "@cdktf/provider-aws/lib/s3-bucket-versioning";
import { Construct } from "constructs";
import { policyDocument } from "../shared/iam";

export interface StateBucketProps {
  /** Bucket name, from the config's `state.bucket`. */
  readonly bucketName: string;
  /**
   * Keep the bucket when the stack is destroyed while it still holds state.
   * @default true
   */
  readonly preventDestroy?: boolean;
}

export class StateBucket extends Construct {
  readonly bucket: S3Bucket;

  constructor(scope: Construct, id: string, props: StateBucketProps) {
    super(scope, id);
    const preventDestroy = props.preventDestroy ?? true;

    this.bucket = new S3Bucket(this, "bucket", {
      bucket: props.bucketName,
      lifecycle: { preventDestroy },
    });
    new S3BucketVersioningA(this, "versioning", {
      bucket: this.bucket.id,
      versioningConfiguration: { status: "Enabled" },
    });
    new S3BucketServerSideEncryptionConfigurationA(this, "encryption", {
      bucket: this.bucket.id,
      rule: [{ applyServerSideEncryptionByDefault: { sseAlgorithm: "aws:kms" }, bucketKeyEnabled: true }],
    });
    const publicAccess = new S3BucketPublicAccessBlock(this, "public-access", {
      bucket: this.bucket.id,
      blockPublicAcls: true,
      blockPublicPolicy: true,
      ignorePublicAcls: true,
      restrictPublicBuckets: true,
    });
    new S3BucketOwnershipControls(this, "ownership", {
      bucket: this.bucket.id,
      rule: { objectOwnership: "BucketOwnerEnforced" },
    });
    new S3BucketPolicy(this, "tls-only", {
      bucket: this.bucket.id,
      policy: policyDocument([
        {
          Sid: "DenyInsecureTransport",
          Effect: "Deny",
          Principal: "*",
          Action: "s3:*",
          Resource: [this.bucket.arn, `${this.bucket.arn}/*`],
          Condition: { Bool: { "aws:SecureTransport": false } },
        },
      ]),
      dependsOn: [publicAccess],
    });
  }
}
