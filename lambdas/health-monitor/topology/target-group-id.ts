/**
 * Lattice returns a forward action's `targetGroupIdentifier` as it was
 * written: a target group id (`tg-...`) or its ARN
 * (`arn:aws:vpc-lattice:<region>:<account>:targetgroup/tg-...`). The health
 * monitor keys target groups by id, so that one group is read once however
 * its actions name it.
 */

const TARGET_GROUP_ARN = /^arn:[^:]+:vpc-lattice:[^:]*:[^:]*:targetgroup\/([^/:]+)$/;

/**
 * The target group id of an identifier.
 * @returns the id at the end of a target group ARN; any other value as given
 *   (an id already, or something unexpected that a later `ListTargets` call
 *   will reject with an error naming it).
 * @example
 * normalizeTargetGroupId("arn:aws:vpc-lattice:eu-west-1:111122223333:targetgroup/tg-00000000000000001");
 * // "tg-00000000000000001"
 */
export function normalizeTargetGroupId(identifier: string): string {
  return TARGET_GROUP_ARN.exec(identifier)?.[1] ?? identifier;
}
