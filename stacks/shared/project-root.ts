/** Locates the project root: the nearest folder at or above the working directory holding cdktf.json. */
import { existsSync } from "node:fs";
import { dirname, join, resolve } from "node:path";

export function findProjectRoot(start: string = process.cwd()): string {
  let dir = resolve(start);
  for (;;) {
    if (existsSync(join(dir, "cdktf.json"))) return dir;
    const parent = dirname(dir);
    if (parent === dir) throw new Error(`No cdktf.json at or above ${start}. Fix: run from the service-lifecycle project folder.`);
    dir = parent;
  }
}
