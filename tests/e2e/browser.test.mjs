// End-to-end in a real browser: Debian's chromium driven by playwright-core
// (never a downloaded browser), the real site built by gdtx and served on
// 127.0.0.1, axe-core on every kind of page. A failing step keeps a screenshot
// in tests/e2e/artifacts/.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { mkdirSync, readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { join } from "node:path";
import { chromium } from "playwright-core";
import { buildSite, serve, repo } from "./site.mjs";

const require = createRequire(import.meta.url);
const AXE = readFileSync(require.resolve("axe-core/axe.min.js"), "utf8");
const ARTIFACTS = join(repo, "tests/e2e/artifacts");
const CHROMIUM = process.env.CHROMIUM || "/usr/bin/chromium";

let browser, server, base, page;
const started = Date.now();

before(async () => {
  const dir = buildSite();
  ({ server, url: base } = await serve(dir));
  browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: [
      "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
      "--disable-background-networking", "--disable-component-update", "--disable-sync",
    ],
  });
  page = await browser.newPage();
  // The site must not reach out: any request off 127.0.0.1 fails the test.
  page.on("request", (r) => {
    if (!r.url().startsWith(base)) throw new Error(`external request ${r.url()}`);
  });
});

after(async () => {
  await browser?.close();
  server?.close();
  console.log(`# browser tests took ${((Date.now() - started) / 1000).toFixed(1)} s`);
});

// Runs `fn`; on failure keeps a screenshot named after the step.
async function step(name, fn) {
  try {
    await fn();
  } catch (e) {
    mkdirSync(ARTIFACTS, { recursive: true });
    const file = join(ARTIFACTS, `${name.replace(/[^a-z0-9]+/gi, "-")}.png`);
    await page.screenshot({ path: file, fullPage: true }).catch(() => {});
    e.message += `\n(screenshot: ${file})`;
    throw e;
  }
}

async function axe(kind) {
  // A paragraph a link lands on flashes; check the colours it settles on.
  await page.evaluate(() => Promise.all(document.getAnimations().map((a) => a.finished)));
  await page.addScriptTag({ content: AXE });
  const result = await page.evaluate(async () => {
    // eslint-disable-next-line no-undef
    const r = await axe.run(document, { resultTypes: ["violations"] });
    return r.violations.map((v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(" ")).slice(0, 3).join(", ")})`);
  });
  assert.deepEqual(result, [], `axe violations on the ${kind} page`);
}

test("home page", async () => {
  await step("home", async () => {
    await page.goto(base);
    assert.match(await page.title(), /giáo dục thường xuyên/i);
    assert.ok(await page.locator("form.site-search input[name=q]").isVisible());
    await axe("home");
  });
});

test("open a letter, its deadlines and a paragraph anchor", async () => {
  await step("letter", async () => {
    await page.goto(base);
    await page.locator(".letter-list a.letter-title", { hasText: "Điện Biên" }).or(
      page.locator("a.letter-title[href*='dien-bien/']")).first().click();
    await page.waitForURL(/dien-bien\/2023-2024\/phong-gddt-huyen-dien-bien-huong-dan-gdtx\/$/);
    await assert.doesNotReject(page.locator("h1#trich-yeu").waitFor());
    const deadlines = page.locator(".glance-deadlines li");
    assert.ok((await deadlines.count()) >= 10);
    await deadlines.filter({ hasText: "Báo cáo thống kê đầu năm học" }).locator("a").click();
    assert.match(page.url(), /#b-x-1-p1$/);
    assert.ok(await page.locator("#b-x-1-p1.target-flash").count());
    await axe("letter");
  });
});

for (const [q, expected, landing] of [
  ["xoa mu chu", "chu-de/xoa-mu-chu-pho-cap/", null],
  ["bgddt 3759", "van-ban/cong-van-3759-bgddt-gdtx-2023/", null],
  ["thong tu 33", "van-ban/thong-tu-33-2021-tt-bgddt/", null],
]) {
  test(`search "${q}" from the header`, async () => {
    await step(`search-${q}`, async () => {
      await page.goto(base);
      await page.fill("#site-search-q", q);
      await page.press("#site-search-q", "Enter");
      await page.waitForSelector(".search-result");
      const first = page.locator(".search-result a.result-title").first();
      assert.ok(await page.locator(".search-result mark").count(), "highlighted snippet");
      await axe("search");
      await first.click();
      await page.waitForLoadState();
      assert.ok(page.url().startsWith(base + expected), page.url());
      if (landing) {
        const hash = new URL(page.url()).hash.slice(1);
        assert.ok(hash, "lands on a paragraph");
        assert.match(await page.locator(`[id="${hash}"]`).innerText(), new RegExp(landing.replace(/[/]/g, "\\/")));
      }
    });
  });
}

test("follow a citation to its document page and back to the paragraph", async () => {
  await step("citation", async () => {
    await page.goto(base + "dien-bien/2023-2024/phong-gddt-huyen-dien-bien-huong-dan-gdtx/");
    const cite = page.locator(".doc-body a.cite", { hasText: "1373/QĐ-TTg" }).first();
    assert.ok(await cite.getAttribute("title"), "the link has the document's title on hover");
    await cite.click();
    await page.waitForURL(/van-ban\/quyet-dinh-1373-qd-ttg-2021\/$/);
    assert.match(await page.locator("h1").innerText(), /1373\/QĐ-TTg/);
    assert.ok(await page.locator("script[type='application/ld+json']").count());
    await axe("document");
    const back = page.locator(".citing-letter", { hasText: "Điện Biên" }).locator("a.mention-link").first();
    await back.click();
    await page.waitForURL(/dien-bien\/2023-2024\/phong-gddt-huyen-dien-bien-huong-dan-gdtx\/#/);
    const hash = new URL(page.url()).hash.slice(1);
    assert.match(await page.locator(`[id="${hash}"]`).innerText(), /1373/);
    await page.goto(base + "van-ban/");
    assert.ok(await page.locator("svg.legal-map").count());
    await axe("documents index");
  });
});

test("the calendar, filtered", async () => {
  await step("calendar", async () => {
    await page.goto(base + "lich/");
    await axe("calendar index");
    await page.click("main a[href$='lich/2023-2024/']");
    await page.waitForURL(/lich\/2023-2024\/$/);
    assert.ok(await page.locator(".cal-filter").isVisible(), "JS shows the filters");
    const all = await page.locator(".cal-item:visible").count();
    assert.ok(all >= 15);
    await page.selectOption(".cal-filter select[name=tinh]", "ho-chi-minh");
    assert.equal(await page.locator(".cal-item:visible").count(), 0);
    await page.selectOption(".cal-filter select[name=tinh]", "dien-bien");
    assert.equal(await page.locator(".cal-item:visible").count(), all);
    await axe("calendar");
    await page.locator(".cal-item a.cal-what").first().click();
    assert.match(page.url(), /dien-bien\/.*#phu-luc-p1$/);
  });
});

test("the comparison page: matrix, heat map, a cell to its items", async () => {
  await step("compare", async () => {
    await page.goto(base);
    await page.click("nav.site-nav a[href$='so-sanh/']");
    await page.waitForURL(/so-sanh\/$/);
    assert.ok(await page.locator("table.matrix").count(), "the matrix");
    assert.ok(await page.locator("svg.heatmap").count(), "the heat map");
    await axe("comparison");
    const cell = page.locator("table.matrix td a").first();
    await cell.click();
    await page.waitForURL(/chu-de\//);
    await axe("topic side by side");
  });
});

test("other page kinds pass axe", async () => {
  for (const path of ["tinh/", "nam-hoc/2023-2024/", "cap/phong/", "chu-de/", "chu-de/xoa-mu-chu-pho-cap/", "van-ban/thong-tu-33-2021-tt-bgddt/", "tim-kiem/", "khong-co-trang-nay/"]) {
    await step(`axe-${path}`, async () => {
      await page.goto(base + path);
      await axe(path);
    });
  }
});

test("the 404 page is styled at any depth and links home", async () => {
  await step("404-deep", async () => {
    const res = await page.goto(base + "gdtx/khong/co/trang-nay/");
    assert.equal(res.status(), 404);
    // Its links start from the site path: the stylesheet must load from there.
    const styled = await page.evaluate(() => [...document.styleSheets].some((s) => s.href?.endsWith("/gdtx/static/style.css") && s.cssRules.length > 0));
    assert.ok(styled, "the 404 page's stylesheet loads from the site's path");
    await page.click("main a:has-text('trang chủ')");
    assert.equal(new URL(page.url()).pathname, "/gdtx/");
    await axe("404 deep");
  });
});

test("year over year: the overview links each step, the step page shows the items", async () => {
  // The real letters have one school year per issuer; the compare fixture
  // has Sở Hải Phòng in two. It is served apart, in a page of its own.
  const { server: s, url } = await serve(buildSite("tests/fixtures/compare"));
  const main = page;
  page = await browser.newPage();
  page.on("request", (r) => {
    if (!r.url().startsWith(url)) throw new Error(`external request ${r.url()}`);
  });
  try {
    await step("year-over-year", async () => {
      await page.goto(url + "hai-phong/2024-2025/huong-dan/");
      await page.click("a[href$='so-sanh/qua-cac-nam/so-hai-phong/']");
      await page.waitForURL(/qua-cac-nam\/so-hai-phong\/$/);
      await axe("year over year");
      await page.locator("table.year-matrix td a").first().click();
      await page.waitForURL(/so-hai-phong\/2024-2025\/#/);
      const id = new URL(page.url()).hash.slice(1);
      assert.ok(await page.locator(`section.topic-change[id="${id}"]`).count(), id);
      assert.match(await page.locator("main").innerText(), /Từ năm học 2023-2024 sang 2024-2025/);
      await axe("year step");
      await page.emulateMedia({ colorScheme: "dark" });
      await axe("year step, dark");
    });
  } finally {
    await page.close();
    page = main;
    s.close();
  }
});

test("in dark mode, pages with diffs, highlights and warnings pass axe", async () => {
  // Colours set for the light theme alone (a light background under the dark
  // theme's light text) show up only here.
  await page.emulateMedia({ colorScheme: "dark" });
  try {
    for (const path of ["", "hai-phong/2024-2025/so-gddt-huong-dan-gdtx/", "chu-de/nhiem-vu-chung/", "van-ban/thong-tu-4-2014-tt-bgddt/", "so-sanh/", "van-ban/", "lich/", "lich/2023-2024/", "tinh/", "nam-hoc/2023-2024/"]) {
      await step(`dark-${path || "home"}`, async () => {
        await page.goto(base + path);
        await axe(`dark ${path || "home"}`);
      });
    }
    await step("dark-search", async () => {
      await page.goto(base + "tim-kiem/?q=xoa+mu+chu");
      await page.waitForSelector(".search-result mark");
      await axe("dark search");
    });
    assert.ok(await page.evaluate(() => matchMedia("(prefers-color-scheme: dark)").matches));
  } finally {
    await page.emulateMedia({ colorScheme: "light" });
  }
});

test("without JavaScript the search page says so and links to the indexes", async () => {
  const ctx = await browser.newContext({ javaScriptEnabled: false });
  const p = await ctx.newPage();
  await p.goto(base + "tim-kiem/?q=xoa+mu+chu");
  const text = await p.locator("main").innerText();
  assert.match(text, /cần JavaScript/);
  assert.ok(await p.locator("main a[href$='chu-de/']").count());
  await ctx.close();
});
