// node --test: static/search.js answers the shared fixture exactly like the
// Rust reference (tests/search.rs), on the real site's index.
import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { join } from "node:path";
import { buildSite, repo } from "./site.mjs";

const require = createRequire(import.meta.url);
const api = require(join(repo, "themes/default/static/search.js"));

test("fold matches crate::text::fold", () => {
  assert.equal(api.fold("Xóa mù chữ"), "xoa mu chu");
  assert.equal(api.fold("BGDĐT"), "bgddt");
  assert.equal(api.fold("ĐẮK LẮK"), "dak lak");
  assert.equal(api.fold("BGDÐT"), "bgddt");
  assert.deepEqual(api.tokens("Công văn 3759/BGDĐT-GDTX"), ["cong", "van", "3759", "bgddt", "gdtx"]);
  // Shard files as src/search.rs names them (its test shard_files_are_named_by_their_key).
  assert.equal(api.shardPath("xo"), "tim-kiem/tu/xo.json");
  assert.equal(api.shardPath("37"), "tim-kiem/tu/37.json");
  assert.equal(api.shardPath("ωμ"), "tim-kiem/tu/_cf89cebc.json");
  assert.equal(api.shardPath("A."), "tim-kiem/tu/_412e.json");
  assert.deepEqual(api.parseQuery('bgddt "xoa mu chu" 3759 “học tập”'), {
    words: ["bgddt", "3759"],
    phrases: [["xoa", "mu", "chu"], ["hoc", "tap"]],
  });
});

test("shared fixture queries", async () => {
  const site = buildSite();
  const manifest = JSON.parse(readFileSync(join(site, "tim-kiem/index.json"), "utf8"));
  const load = (path) => JSON.parse(readFileSync(join(site, path), "utf8"));
  const fixture = JSON.parse(readFileSync(join(repo, "tests/fixtures/search/queries.json"), "utf8"));
  for (const c of fixture.queries) {
    const hits = await api.search(manifest, load, c.q);
    const urls = hits.map((h) => (h.anchor ? `${h.url}#${h.anchor}` : h.url));
    const has = (want) => urls.some((u) => u === want || u.startsWith(want + "#"));
    if (c.first) assert.equal(urls[0], c.first, `${c.q}: ${urls}`);
    for (const want of c.includes || []) assert.ok(has(want), `${c.q}: ${want} not in ${urls}`);
    for (const not of c.excludes || []) assert.ok(!has(not), `${c.q}: ${not} in ${urls}`);
    if (c.count !== undefined) assert.equal(urls.length, c.count, `${c.q}: ${urls}`);
  }
});

test("snippets highlight folded matches in the original text", () => {
  const html = api.highlight("Tổ chức lớp Xóa mù chữ cho người dân <b>", ["xoa", "mu", "chu"]);
  assert.equal(html, "Tổ chức lớp <mark>Xóa</mark> <mark>mù</mark> <mark>chữ</mark> cho người dân &lt;b&gt;");
  // "chu" must not light up inside "chức".
  assert.ok(!html.includes("<mark>chứ</mark>"));
});

test("a query loads the manifest, its words' shards and only its candidates", async () => {
  const site = buildSite();
  const manifest = JSON.parse(readFileSync(join(site, "tim-kiem/index.json"), "utf8"));
  const loaded = [];
  const load = (path) => {
    loaded.push(path);
    return JSON.parse(readFileSync(join(site, path), "utf8"));
  };
  // The last word also matches as a prefix: "ch" falls in one shard.
  const hits = await api.search(manifest, load, "xoa mu ch");
  assert.ok(hits.some((h) => h.url === "chu-de/xoa-mu-chu-pho-cap/"));
  const shards = loaded.filter((p) => p.startsWith("tim-kiem/tu/"));
  assert.equal(shards.length, 3, `${loaded}`);
  assert.ok(shards.length < manifest.s.length);
  const texts = loaded.filter((p) => p.startsWith("tim-kiem/trang/"));
  assert.ok(texts.length < manifest.n, `${texts.length} texts of ${manifest.n}`);
});
