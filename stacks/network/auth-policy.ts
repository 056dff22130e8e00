/**
 * VPC Lattice auth policies. With `AWS_IAM` auth, a request passes only when
 * both the network's and the service's policy allow it (and the caller's own
 * IAM policy does too), so both are always written.
 */
import { policyDocument, type PolicyStatement } from "../shared/iam";

/** Who may invoke services: accounts (any principal in them) and specific principals. */
export interface Callers {
  readonly accounts: readonly string[];
  readonly principalArns: readonly string[];
}

/**
 * A policy that lets the callers invoke `resource` (`*` for the network, the
 * service ARN with `/*` for a service), signed with SigV4.
 */
export function invokePolicy(callers: Callers, resource: string): string {
  const statements: PolicyStatement[] = [];
  if (callers.accounts.length > 0) {
    statements.push({
      Sid: "AllowCallerAccounts",
      Effect: "Allow",
      Principal: "*",
      Action: "vpc-lattice-svcs:Invoke",
      Resource: resource,
      Condition: { StringEquals: { "aws:PrincipalAccount": [...callers.accounts] } },
    });
  }
  if (callers.principalArns.length > 0) {
    statements.push({
      Sid: "AllowCallerPrincipals",
      Effect: "Allow",
      Principal: { AWS: [...callers.principalArns] },
      Action: "vpc-lattice-svcs:Invoke",
      Resource: resource,
    });
  }
  return policyDocument(statements);
}
