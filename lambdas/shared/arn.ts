/** The account of an ARN (`arn:partition:service:region:account:resource`), or undefined when it is not one. */
export function arnAccount(arn: string | undefined): string | undefined {
  const parts = arn?.split(":");
  return parts && parts.length >= 6 && parts[0] === "arn" && /^\d{12}$/.test(parts[4]) ? parts[4] : undefined;
}
