/**
 * A small evaluator of CloudWatch metric math for the fake GetMetricData:
 * numbers, query ids, `+ - * /`, unary minus, parentheses and
 * `FILL(series, number)`. Anything else (other functions, `METRICS()`,
 * Metrics Insights `SELECT`) throws, so an expression the fake cannot compute
 * is noticed instead of answered wrongly.
 *
 * As in CloudWatch, arithmetic is applied point by point on matching
 * timestamps, and a point whose result is not a finite number (a division by
 * zero) has no value.
 */

/** Values of one series on the periods of its window; `undefined` where there is no data point. */
export interface GridSeries {
  /** Epoch milliseconds of each period. */
  readonly timestamps: readonly number[];
  readonly values: readonly (number | undefined)[];
}

type Value = number | GridSeries;

type Token = { kind: "number"; value: number } | { kind: "name"; value: string } | { kind: "symbol"; value: string };

function tokenize(expression: string): Token[] {
  const tokens: Token[] = [];
  const pattern = /\s*(?:(\d+(?:\.\d+)?)|([A-Za-z_]\w*)|([-+*/(),]))\s*/y;
  for (let index = 0; index < expression.length; index = pattern.lastIndex) {
    pattern.lastIndex = index;
    const match = pattern.exec(expression);
    if (!match) throw new Error(`fake metric math: cannot read "${expression.slice(index)}" in "${expression}"`);
    if (match[1] !== undefined) tokens.push({ kind: "number", value: Number(match[1]) });
    else if (match[2] !== undefined) tokens.push({ kind: "name", value: match[2] });
    else tokens.push({ kind: "symbol", value: match[3] });
  }
  return tokens;
}

function valueAt(value: Value, timestamp: number): number | undefined {
  if (typeof value === "number") return value;
  const i = value.timestamps.indexOf(timestamp);
  return i < 0 ? undefined : value.values[i];
}

/** Applies `op` point by point; a series and a number combine on every point of the series. */
function combine(left: Value, right: Value, op: (a: number, b: number) => number): Value {
  if (typeof left === "number" && typeof right === "number") return op(left, right);
  const series = [left, right].filter((v): v is GridSeries => typeof v !== "number");
  const timestamps = series[0].timestamps.filter((t) => series.every((s) => s.timestamps.includes(t)));
  const values = timestamps.map((t) => {
    const a = valueAt(left, t);
    const b = valueAt(right, t);
    const result = a === undefined || b === undefined ? Number.NaN : op(a, b);
    return Number.isFinite(result) ? result : undefined;
  });
  return { timestamps, values };
}

const OPERATORS: Record<string, (a: number, b: number) => number> = {
  "+": (a, b) => a + b,
  "-": (a, b) => a - b,
  "*": (a, b) => a * b,
  "/": (a, b) => a / b,
};

/**
 * Evaluates `expression`, reading each query id through `resolve`.
 * @throws for syntax or functions the fake does not model, and when the result is not a series.
 */
export function evaluateExpression(expression: string, resolve: (id: string) => GridSeries): GridSeries {
  const tokens = tokenize(expression);
  let position = 0;
  const fail = (why: string): never => {
    throw new Error(`fake metric math: ${why} in "${expression}"`);
  };
  const peek = (): Token | undefined => tokens[position];
  const expect = (symbol: string): void => {
    const token = tokens[position++];
    if (token?.kind !== "symbol" || token.value !== symbol) fail(`expected "${symbol}"`);
  };

  const sum = (): Value => {
    let value = product();
    for (let t = peek(); t?.kind === "symbol" && (t.value === "+" || t.value === "-"); t = peek()) {
      position++;
      value = combine(value, product(), OPERATORS[t.value]);
    }
    return value;
  };
  const product = (): Value => {
    let value = unary();
    for (let t = peek(); t?.kind === "symbol" && (t.value === "*" || t.value === "/"); t = peek()) {
      position++;
      value = combine(value, unary(), OPERATORS[t.value]);
    }
    return value;
  };
  const unary = (): Value => {
    const t = peek();
    if (t?.kind === "symbol" && t.value === "-") {
      position++;
      return combine(-1, unary(), OPERATORS["*"]);
    }
    return primary();
  };
  const primary = (): Value => {
    const t = tokens[position++];
    if (t === undefined) return fail("unexpected end");
    if (t.kind === "number") return t.value;
    if (t.kind === "symbol") {
      if (t.value !== "(") fail(`unexpected "${t.value}"`);
      const value = sum();
      expect(")");
      return value;
    }
    if (peek()?.kind === "symbol" && peek()?.value === "(") return call(t.value);
    return resolve(t.value);
  };
  const call = (name: string): Value => {
    if (name !== "FILL") fail(`function ${name} is not faked (only FILL)`);
    expect("(");
    const series = sum();
    expect(",");
    const filler = sum();
    expect(")");
    if (typeof series === "number" || typeof filler !== "number") return fail("FILL takes a series and a number");
    return { timestamps: series.timestamps, values: series.values.map((v) => v ?? filler) };
  };

  const result = sum();
  if (position < tokens.length) fail(`unexpected "${tokens[position].value}"`);
  if (typeof result === "number") return fail("the result is a constant, not a series");
  return result;
}
