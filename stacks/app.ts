/**
 * Adds the stacks of one environment to an app: the lifecycle stack always,
 * and the state bootstrap stack when state lives in S3.
 */
import { join, relative } from "node:path";
import type { App } from "cdktf";
import type { LoadedConfig } from "../config/load";
import { BootstrapStack } from "./bootstrap-stack";
import { LifecycleStack } from "./lifecycle-stack";
import { standardTags } from "./shared/tags";
import { STACK_IDS } from "./shared/naming";

/** File name of the bootstrap stack's local state, in the project root. */
export const BOOTSTRAP_STATE_FILE = `terraform.${STACK_IDS.bootstrap}.tfstate`;

export interface AddStacksOptions {
  readonly projectRoot: string;
  /** The folder the output ends up in (used to make the bootstrap state path relative). */
  readonly outdir: string;
}

export function addStacks(app: App, loaded: LoadedConfig, options: AddStacksOptions): void {
  const { config, environment } = loaded;
  new LifecycleStack(app, STACK_IDS.lifecycle, { config, environment, projectRoot: options.projectRoot });
  if (config.state.backend === "s3") {
    const stackDir = join(options.outdir, "stacks", STACK_IDS.bootstrap);
    new BootstrapStack(app, STACK_IDS.bootstrap, {
      bucketName: config.state.bucket,
      region: config.state.region ?? config.region,
      accountId: config.accountId,
      tags: { ...config.tags, ...standardTags(environment) },
      statePath: relative(stackDir, join(options.projectRoot, BOOTSTRAP_STATE_FILE)).split("\\").join("/"),
    });
  }
}
