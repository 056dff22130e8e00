/**
 * Detects configuration that reads another Terraform state (cdktf cross-stack
 * references become `data.terraform_remote_state`), which an offline plan
 * cannot satisfy because every backend is out of reach.
 */
import { getObject, type JsonObject } from "./tf-json";

/** Lists `data.terraform_remote_state.<name>` addresses in `config`. */
export function findRemoteStateReads(config: JsonObject): string[] {
  const blocks = getObject(config, "data", "terraform_remote_state");
  return blocks ? Object.keys(blocks).map((name) => `data.terraform_remote_state.${name}`) : [];
}
