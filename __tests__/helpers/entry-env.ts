/**
 * Environment for tests that import a handler entry, which reads its
 * variables at module load: import this module before the entry.
 * Jest gives every test file its own copy of `process.env`.
 */
process.env.SL_EVENT_BUS_NAME = "lifecycle-bus";
process.env.SL_SERVICE_NETWORK_ARN = "arn:aws:vpc-lattice:eu-west-1:111122223333:servicenetwork/sn-0a1b2c3d4e5f60718";
process.env.SL_STATE_TABLE_NAME = "sl-state";
process.env.POWERTOOLS_LOG_LEVEL = "SILENT";
process.env.POWERTOOLS_METRICS_NAMESPACE = "ServiceLifecycle/test";
process.env.AWS_REGION = "eu-west-1";

export {};
