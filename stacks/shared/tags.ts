/** Tags the stacks put on every resource, besides the config's own. */
export function standardTags(environment: string): Record<string, string> {
  return { "managed-by": "service-lifecycle", "service-lifecycle:environment": environment };
}
