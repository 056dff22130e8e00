/**
 * The cdktf app. Picks the environment (SL_ENV, else the `environment`
 * context value, else `example`), validates its config, and synthesizes its
 * stacks into cdktf.out. Run it with `npm run synth` or any cdktf command.
 */
import { relative } from "node:path";
import { ConfigError } from "./config/errors";
import { synthesize } from "./stacks/synthesize";
import { findProjectRoot } from "./stacks/shared/project-root";

function main(): void {
  const projectRoot = findProjectRoot();
  try {
    const result = synthesize({ projectRoot, env: process.env });
    const where = relative(process.cwd(), result.outdir) || ".";
    console.log(`Synthesized ${result.stacks.join(", ")} for environment "${result.loaded.environment}" into ${where}`);
  } catch (err) {
    if (err instanceof ConfigError) {
      console.error(err.message);
    } else {
      console.error(err instanceof Error ? (err.stack ?? err.message) : String(err));
    }
    process.exitCode = 1;
  }
}

main();
