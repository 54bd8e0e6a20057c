// Shared by the node tests: build the real site once with the gdtx binary
// (through cargo, honouring CARGO_TARGET_DIR) and serve it on 127.0.0.1.
import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync, existsSync, statSync, rmSync } from "node:fs";
import { createServer } from "node:http";
import { tmpdir } from "node:os";
import { join, dirname, extname, normalize } from "node:path";
import { fileURLToPath } from "node:url";

export const repo = join(dirname(fileURLToPath(import.meta.url)), "..", "..");

const built = new Map();
// The output folders are removed when the test process ends, passed or not.
process.on("exit", () => {
  for (const out of built.values()) rmSync(out, { recursive: true, force: true });
});

// Builds the site at `root` (relative to the repo; the real content by
// default) once per run and returns the output folder.
export function buildSite(root = ".") {
  if (built.has(root)) return built.get(root);
  const out = mkdtempSync(join(tmpdir(), "gdtx-e2e-"));
  built.set(root, out);
  execFileSync("cargo", ["run", "--quiet", "--", "build", "--root", root, "--output", out, "--color=never"], {
    cwd: repo,
    stdio: ["ignore", "ignore", "inherit"],
  });
  return out;
}

const TYPES = {
  ".html": "text/html; charset=utf-8",
  ".css": "text/css; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
  ".json": "application/json",
  ".xml": "application/xml",
  ".ics": "text/calendar; charset=utf-8",
  ".txt": "text/plain; charset=utf-8",
};

// A tiny static server for `dir` on 127.0.0.1 (random port). Like `gdtx serve`,
// it serves the site at / and under the path of site.toml's base_url (/gdtx/),
// where the 404 page links from.
export function serve(dir, basePath = "/gdtx/") {
  const server = createServer((req, res) => {
    let path = decodeURIComponent(new URL(req.url, "http://x").pathname);
    if (path.startsWith(basePath)) path = "/" + path.slice(basePath.length);
    path = normalize(path).replace(/^(\.\.[/\\])+/, "");
    let file = join(dir, path);
    if (existsSync(file) && statSync(file).isDirectory()) file = join(file, "index.html");
    if (!existsSync(file)) {
      res.writeHead(404, { "content-type": TYPES[".html"] });
      res.end(readFileSync(join(dir, "404.html")));
      return;
    }
    res.writeHead(200, { "content-type": TYPES[extname(file)] || "application/octet-stream" });
    res.end(readFileSync(file));
  });
  return new Promise((resolve) => {
    server.listen(0, "127.0.0.1", () => {
      resolve({ server, url: `http://127.0.0.1:${server.address().port}/` });
    });
  });
}
