/**
 * The DynamoDB table where the handlers keep what must outlive one
 * invocation. Items use a string hash key `pk` whose prefix names the owner,
 * and expire through the `expiresAt` TTL attribute (epoch seconds):
 *
 * - `scaling#<configured service name>`: the auto-scaler's cooldown and last
 *   action per service (PutItem only).
 * - `health#<serviceId>`: the health monitor's last reported verdict per
 *   service in the network, with the disagreeing checks counted towards
 *   `consecutiveChecks`. Read with BatchGetItem, written with a conditional
 *   PutItem; every write (a change, or a periodic refresh) sets `expiresAt`
 *   `healthCheck.stateRetentionDays` ahead, so the rows of services that
 *   left the network expire.
 *   The monitor's role may touch only these rows (`dynamodb:LeadingKeys`).
 *
 * On-demand billing (a few writes per run needs no capacity planning),
 * point-in-time recovery, and encryption at rest with the AWS managed key
 * (`aws/dynamodb`).
 */
import { DynamodbTable } from "@cdktf/provider-aws/lib/dynamodb-table";
import { Construct } from "constructs";

export interface LifecycleTableProps {
  /** Name of the table, `<namePrefix>-lifecycle-state`. */
  readonly tableName: string;
}

export class LifecycleTable extends Construct {
  readonly table: DynamodbTable;

  constructor(scope: Construct, id: string, props: LifecycleTableProps) {
    super(scope, id);
    this.table = new DynamodbTable(this, "table", {
      name: props.tableName,
      billingMode: "PAY_PER_REQUEST",
      hashKey: "pk",
      attribute: [{ name: "pk", type: "S" }],
      ttl: { attributeName: "expiresAt", enabled: true },
      pointInTimeRecovery: { enabled: true },
      serverSideEncryption: { enabled: true },
    });
  }
}
