// Bytes a search loads, per kind of file, on a built site:
//
//     node bench/search_bytes.mjs SITE_DIR ["query" …]
//
// Runs themes/default/static/search.js (the browser's code) against SITE_DIR
// with a loader that records every file it reads.
import { readFileSync, readdirSync, statSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const repo = join(dirname(fileURLToPath(import.meta.url)), "..");
const api = createRequire(import.meta.url)(join(repo, "themes/default/static/search.js"));
const [site, ...args] = process.argv.slice(2);
const queries = args.length ? args : ["xoa mu chu", "bgddt 3759"];

const dirBytes = (d) =>
  readdirSync(join(site, d)).reduce((n, f) => n + statSync(join(site, d, f)).size, 0);
const manifestPath = "tim-kiem/index.json";
const manifestBytes = statSync(join(site, manifestPath)).size;
const manifest = JSON.parse(readFileSync(join(site, manifestPath), "utf8"));
console.log(
  `site: ${manifest.n} entries; manifest ${manifestBytes} B, ${manifest.s.length} term shards ${dirBytes("tim-kiem/tu")} B, ` +
    `entries chunks ${dirBytes("tim-kiem/muc")} B, texts ${dirBytes("tim-kiem/trang")} B`,
);
for (const q of queries) {
  const sizes = { tu: [0, 0], muc: [0, 0], trang: [0, 0] };
  const load = (path) => {
    const bytes = readFileSync(join(site, path));
    const kind = path.split("/")[1];
    sizes[kind][0] += 1;
    sizes[kind][1] += bytes.length;
    return JSON.parse(bytes.toString("utf8"));
  };
  const hits = await api.search(manifest, load, q);
  console.log(
    `${JSON.stringify(q)}: ${hits.length} results; manifest + ${sizes.tu[0]} shards = ${manifestBytes + sizes.tu[1]} B; ` +
      `${sizes.muc[0]} entries chunks ${sizes.muc[1]} B; ${sizes.trang[0]} texts ${sizes.trang[1]} B`,
  );
}
