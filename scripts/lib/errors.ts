/**
 * The one error type the check throws on purpose.
 *
 * Its message says what failed and how to fix it; `check.ts` prints it without a
 * stack trace. Any other error is a bug in the check and is printed in full.
 */
export class CheckError extends Error {
  /**
   * @param message - What failed, in one or two sentences.
   * @param hint - How to fix it; printed on its own line after the message.
   * @param details - Long output (for example Terraform's) printed after the hint.
   */
  constructor(
    message: string,
    readonly hint?: string,
    readonly details?: string,
  ) {
    super(message);
    this.name = "CheckError";
  }
}
