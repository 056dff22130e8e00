// Preloaded with `node -r` by the benchmark: at exit, writes the process's
// peak resident set size (bytes) to the file named by SL_BENCH_RSS_FILE.
const { writeFileSync } = require("node:fs");
process.on("exit", () => {
  const file = process.env.SL_BENCH_RSS_FILE;
  if (file) writeFileSync(file, String(process.resourceUsage().maxRSS * 1024));
});
