import { invokePolicy } from "../../../stacks/network/auth-policy";

describe("invokePolicy", () => {
  test("allows any principal of the caller accounts to invoke", () => {
    const policy = JSON.parse(invokePolicy({ accounts: ["111122223333"], principalArns: [] }, "*"));
    expect(policy.Statement).toEqual([
      {
        Sid: "AllowCallerAccounts",
        Effect: "Allow",
        Principal: "*",
        Action: "vpc-lattice-svcs:Invoke",
        Resource: "*",
        Condition: { StringEquals: { "aws:PrincipalAccount": ["111122223333"] } },
      },
    ]);
  });

  test("names specific principals in a statement of their own", () => {
    const role = "arn:aws:iam::111122223333:role/checkout";
    const policy = JSON.parse(invokePolicy({ accounts: [], principalArns: [role] }, "arn:svc/*"));
    expect(policy.Statement).toEqual([
      { Sid: "AllowCallerPrincipals", Effect: "Allow", Principal: { AWS: [role] }, Action: "vpc-lattice-svcs:Invoke", Resource: "arn:svc/*" },
    ]);
  });

  test("allows nobody when no caller is configured", () => {
    expect(JSON.parse(invokePolicy({ accounts: [], principalArns: [] }, "*")).Statement).toEqual([]);
  });
});
