/**
 * Where a stack keeps its Terraform state. Every value is a literal, as
 * Terraform requires for backend blocks.
 */
import { CloudBackend, LocalBackend, NamedCloudWorkspace, S3Backend, type TerraformStack } from "cdktf";
import type { ServiceLifecycleConfig } from "../../config/schema";

/** The S3 object key of a stack's state: `<keyPrefix>/<environment>/<stack>.tfstate`. */
export function stateKey(keyPrefix: string, environment: string, stackId: string): string {
  return `${keyPrefix}/${environment}/${stackId}.tfstate`;
}

/** The Terraform Cloud workspace of a stack: `<workspacePrefix>-<stack>`. */
export function workspaceName(workspacePrefix: string, stackId: string): string {
  return `${workspacePrefix}-${stackId}`;
}

/**
 * Configures the remote backend of a stack from the config's `state` block:
 * S3 with encryption and Terraform's native lock file (`use_lockfile`, GA in
 * Terraform 1.11; cdktf 0.21 has no typed field for it, hence the override),
 * or a Terraform Cloud workspace.
 */
export function configureRemoteBackend(
  stack: TerraformStack,
  config: ServiceLifecycleConfig,
  environment: string,
  stackId: string,
): void {
  const state = config.state;
  if (state.backend === "s3") {
    new S3Backend(stack, {
      bucket: state.bucket,
      key: stateKey(state.keyPrefix, environment, stackId),
      region: state.region ?? config.region,
      encrypt: true,
    });
    stack.addOverride("terraform.backend.s3.use_lockfile", true);
    return;
  }
  new CloudBackend(stack, {
    hostname: state.hostname,
    organization: state.organization,
    workspaces: new NamedCloudWorkspace(workspaceName(state.workspacePrefix, stackId)),
  });
}

/**
 * Keeps a stack's state in a local file. `statePath` must be relative to the
 * stack's synthesized folder, so that no absolute path reaches the output.
 */
export function configureLocalBackend(stack: TerraformStack, statePath: string): void {
  new LocalBackend(stack, { path: statePath });
}
