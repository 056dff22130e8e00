/**
 * The DynamoDB table where the handlers keep what must outlive one
 * invocation, such as the auto-scaler's cooldown per service.
 * Items use a string hash key `pk` (`scaling#<service>`) and expire through
 * the `expiresAt` TTL attribute.
 */
import { DynamodbTable } from "@cdktf/provider-aws/lib/dynamodb-table";
import { Construct } from "constructs";

export interface LifecycleTableProps {
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
