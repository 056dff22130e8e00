import { arnAccount } from "../../../lambdas/shared/arn";

describe("Function: arnAccount", () => {
  test("reads the account of an ARN", () => {
    expect(arnAccount("arn:aws:vpc-lattice:eu-west-1:111122223333:service/svc-0123")).toBe("111122223333");
  });

  test.each([[undefined], ["svc-0123"], ["arn:aws:s3:::bucket"], ["arn:aws:vpc-lattice:eu-west-1:x:service/svc-1"]])(
    "gives undefined for %j, which names no account",
    (value) => {
      expect(arnAccount(value)).toBeUndefined();
    }
  );
});
