/**
 * Small helpers for IAM policy documents. Policies are rendered with
 * JSON.stringify; cdktf turns tokens inside the string into Terraform
 * interpolations, so ARNs of resources in the stack can be used directly.
 */

/** One IAM policy statement. */
export interface PolicyStatement {
  readonly Sid?: string;
  readonly Effect: "Allow" | "Deny";
  readonly Action: string | string[];
  /** Absent only in trust policies. */
  readonly Resource?: string | string[];
  readonly Principal?: Record<string, string | string[]> | "*";
  readonly Condition?: Record<string, Record<string, string | string[] | boolean>>;
}

/** Renders statements as a policy document string. */
export function policyDocument(statements: readonly PolicyStatement[]): string {
  return JSON.stringify({ Version: "2012-10-17", Statement: statements });
}

/** A trust policy that lets one AWS service assume the role. */
export function assumeRolePolicy(service: string, accountId: string): string {
  return policyDocument([
    {
      Effect: "Allow",
      Principal: { Service: service },
      Action: "sts:AssumeRole",
      Condition: { StringEquals: { "aws:SourceAccount": accountId } },
    },
  ]);
}
