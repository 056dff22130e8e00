/** The lifecycle dashboard (see `dashboard-body.ts` for its widgets). */
import { CloudwatchDashboard } from "@cdktf/provider-aws/lib/cloudwatch-dashboard";
import { Construct } from "constructs";
import { dashboardBody, dashboardUrl, type DashboardInput } from "./dashboard-body";

export interface LifecycleDashboardProps extends DashboardInput {
  readonly dashboardName: string;
}

export class LifecycleDashboard extends Construct {
  readonly dashboard: CloudwatchDashboard;
  /** Console address of the dashboard. */
  readonly url: string;

  constructor(scope: Construct, id: string, props: LifecycleDashboardProps) {
    super(scope, id);
    this.dashboard = new CloudwatchDashboard(this, "dashboard", {
      dashboardName: props.dashboardName,
      dashboardBody: JSON.stringify(dashboardBody(props)),
    });
    this.url = dashboardUrl(props.region, props.dashboardName);
  }
}
