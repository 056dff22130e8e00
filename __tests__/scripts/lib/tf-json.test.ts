import { deleteAndPrune, findStrings, getObject, mapStrings } from "../../../scripts/lib/tf-json";

describe("tf-json helpers", () => {
  it("getObject follows a path of objects", () => {
    const config = { a: { b: { c: 1 } }, l: [1] };
    expect(getObject(config, "a", "b")).toEqual({ c: 1 });
    expect(getObject(config, "a", "x")).toBeUndefined();
    expect(getObject(config, "l")).toBeUndefined();
  });

  it("deleteAndPrune removes a key and the parents it leaves empty", () => {
    const config = { data: { archive_file: { x: {} } }, resource: { r: {} } };
    expect(deleteAndPrune(config, ["data", "archive_file"], "x")).toBe(true);
    expect(config).toEqual({ resource: { r: {} } });
    expect(deleteAndPrune(config, ["data", "archive_file"], "x")).toBe(false);
  });

  it("deleteAndPrune keeps parents that still hold something", () => {
    const config = { data: { archive_file: { x: {} }, other: { y: {} } } };
    deleteAndPrune(config, ["data", "archive_file"], "x");
    expect(config).toEqual({ data: { other: { y: {} } } });
  });

  it("mapStrings maps string values, not keys, and copies", () => {
    const input = { k: "v", l: ["a", 1, null, true], o: { k2: "w" } };
    expect(mapStrings(input, (s) => s.toUpperCase())).toEqual({ k: "V", l: ["A", 1, null, true], o: { k2: "W" } });
    expect(input.k).toBe("v");
  });

  it("findStrings reports locations", () => {
    expect(findStrings({ a: ["x", "hit"], b: { c: "hit" } }, (s) => s === "hit")).toEqual(["a[1]", "b.c"]);
  });
});
