/**
 * Removes the state backend from a stack's Terraform JSON so `terraform plan`
 * can run on local state: S3, remote and cloud backends need credentials and
 * network access that an offline check must not use.
 */
import { deleteAndPrune, getObject, type JsonObject } from "./tf-json";

/**
 * Removes `terraform.backend` and `terraform.cloud` from `config` (in place).
 *
 * @returns One note per removed block, e.g. `removed terraform.backend.s3 (plan runs on local state)`.
 */
export function removeBackend(config: JsonObject): string[] {
  const terraform = getObject(config, "terraform");
  if (!terraform) return [];
  const notes: string[] = [];
  const backend = getObject(terraform, "backend");
  if (backend) {
    const types = Object.keys(backend).join(", ") || "(empty)";
    deleteAndPrune(config, ["terraform"], "backend");
    notes.push(`removed terraform.backend (${types}): plan runs on local state in the copy`);
  }
  if ("cloud" in terraform) {
    deleteAndPrune(config, ["terraform"], "cloud");
    notes.push("removed terraform.cloud: plan runs on local state in the copy");
  }
  return notes;
}
