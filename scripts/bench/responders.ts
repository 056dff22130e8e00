/**
 * A table of fake answers for one SDK client: operation name (`ListTargets`)
 * to a function from the command's input to the response body (without
 * `$metadata`, which the installer adds). A function may throw to answer
 * with a service error.
 */
export type Responders = Readonly<Record<string, (input: never) => unknown>>;
