import "../../helpers/entry-env";

import { ListListenersCommand, ListServiceNetworkServiceAssociationsCommand } from "@aws-sdk/client-vpc-lattice";

import { handler } from "../../../lambdas/health-monitor/index";
import { RUN_METRICS } from "../../../lambdas/health-monitor/run-metric-names";
import { loadRuntimeConfig } from "../../../lambdas/shared/runtime-config";
import { givenWorld, latticeMock, resetWorld, table } from "../../helpers/health-world";
import { lambdaContext } from "../../helpers/lambda-context";
import { NETWORK_ID, serviceId } from "../../helpers/lattice-fixtures";

const NETWORK_ARN = `arn:aws:vpc-lattice:eu-west-1:111122223333:servicenetwork/${NETWORK_ID}`;

// The entry reads lifecycle-config.json beside the bundle; in tests it gets the fixture.
jest.mock("../../../lambdas/shared/runtime-config", () => ({
  ...jest.requireActual("../../../lambdas/shared/runtime-config"),
  loadRuntimeConfig: jest.fn(() => jest.requireActual("../../helpers/runtime-config").runtimeConfig()),
}));

const ORDERS = {
  id: serviceId(1),
  name: "sl-orders",
  targetGroups: [{ id: "tg-00000000000000001", statuses: ["HEALTHY", "HEALTHY"] }],
  metrics: { requests: [300, 300], errors: [0, 1], p99: [80, 90] },
};

/** Everything the handler writes to stdout (the EMF lines), captured so the test output stays clean. */
let stdout: string[] = [];

function emfLines(): Record<string, unknown>[] {
  return stdout
    .flatMap((chunk) => chunk.split("\n"))
    .filter((line) => line.includes('"_aws"'))
    .map((line) => JSON.parse(line) as Record<string, unknown>);
}

beforeEach(() => {
  stdout = [];
  jest.spyOn(process.stdout, "write").mockImplementation((chunk: string | Uint8Array) => {
    stdout.push(String(chunk));
    return true;
  });
});

afterEach(() => jest.restoreAllMocks());

beforeEach(() => resetWorld());

describe("health-monitor handler", () => {
  it("reads the runtime config once, at load, from the handler's own folder", () => {
    expect(loadRuntimeConfig).toHaveBeenCalledTimes(1);
    expect(loadRuntimeConfig).toHaveBeenCalledWith(expect.stringMatching(/lambdas[\\/]health-monitor$/));
  });

  it("checks the configured network, keeps state in the configured table and returns the summary", async () => {
    givenWorld([ORDERS]);
    const summary = await handler({}, lambdaContext("sl-health-monitor"));
    expect(summary).toMatchObject({ servicesChecked: 1, statuses: { healthy: 1 }, statusChanges: 1 });
    expect(summary.apiCalls).toMatchObject({ ListServiceNetworkServiceAssociations: 1, GetMetricData: 1, PutEvents: 1 });
    expect(latticeMock).toHaveReceivedCommandWith(ListServiceNetworkServiceAssociationsCommand, {
      serviceNetworkIdentifier: NETWORK_ARN,
    });
    expect(table.size).toBe(1);
  });

  it("keeps the topology between invocations of a warm environment", async () => {
    givenWorld([ORDERS]);
    await handler({}, lambdaContext("sl-health-monitor"));
    givenWorld([ORDERS]);
    const second = await handler({}, lambdaContext("sl-health-monitor"));
    expect(second.topology).toEqual({ reused: 1, discovered: 0 });
    expect(latticeMock).not.toHaveReceivedCommand(ListListenersCommand);
  });

  it("emits the run metrics in the embedded metric format", async () => {
    givenWorld([ORDERS]);
    const summary = await handler({}, lambdaContext("sl-health-monitor"));
    const [emf] = emfLines();
    const aws = emf._aws as { CloudWatchMetrics: { Namespace: string; Dimensions: string[][]; Metrics: { Name: string; Unit: string }[] }[] };
    expect(aws.CloudWatchMetrics[0].Namespace).toBe("ServiceLifecycle/test");
    expect(aws.CloudWatchMetrics[0].Dimensions).toEqual([["service"]]);
    expect(emf.service).toBe("health-monitor");
    expect(aws.CloudWatchMetrics[0].Metrics.map((m) => m.Name).sort()).toEqual(Object.values(RUN_METRICS).sort());
    expect(emf).toMatchObject({ [RUN_METRICS.servicesChecked]: 1, [RUN_METRICS.healthy]: 1, [RUN_METRICS.unknown]: 0 });
    expect(emf[RUN_METRICS.apiCalls]).toBe(summary.apiCallsTotal);
    expect(emf[RUN_METRICS.apiCalls]).toBeGreaterThan(0);
  });

  it("rethrows a failure so the invocation fails", async () => {
    givenWorld([]);
    latticeMock
      .on(ListServiceNetworkServiceAssociationsCommand)
      .rejects(Object.assign(new Error("not allowed"), { name: "AccessDeniedException" }));
    await expect(handler({}, lambdaContext("sl-health-monitor"))).rejects.toMatchObject({ name: "AccessDeniedException" });
  });

  it.each(["SL_SERVICE_NETWORK_ARN", "SL_STATE_TABLE_NAME"])("fails at load time naming a missing %s", (name) => {
    const saved = process.env[name];
    delete process.env[name];
    try {
      const act = () => jest.isolateModules(() => require("../../../lambdas/health-monitor/index"));
      expect(act).toThrow(`Environment variable ${name} is required but is not set`);
    } finally {
      process.env[name] = saved;
    }
  });
});
