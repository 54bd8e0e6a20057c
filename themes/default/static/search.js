// Offline search over the static index built by gdtx (src/search.rs).
// The query algorithm mirrors `gdtx::search::query`; both are tested against
// tests/fixtures/search/queries.json. Works in browsers and in Node (tests).
(function (root) {
  "use strict";

  // NFD, drop combining marks, đ/Đ (and the look-alike Ð/ð) → d, lower case:
  // the same steps as crate::text::fold.
  function fold(s) {
    return s
      .normalize("NFD")
      .replace(/\p{M}/gu, "")
      .replace(/[đĐÐð]/g, "d")
      .toLowerCase();
  }

  var SPLIT = /[^\p{Alphabetic}\p{N}]+/u;

  function tokens(s) {
    return fold(s).split(SPLIT).filter(function (t) { return t.length > 0; });
  }

  function parseQuery(q) {
    var words = [];
    var phrases = [];
    var loose = "";
    var re = /["“”]/;
    var rest = q;
    var m;
    while ((m = re.exec(rest)) !== null) {
      loose += rest.slice(0, m.index) + " ";
      var after = rest.slice(m.index + 1);
      var end = re.exec(after);
      if (end) {
        var p = tokens(after.slice(0, end.index));
        if (p.length) phrases.push(p);
        rest = after.slice(end.index + 1);
      } else {
        rest = after;
      }
    }
    loose += rest;
    words = tokens(loose);
    return { words: words, phrases: phrases };
  }

  // Postings are [entry, weight, …] with each entry stored as the difference
  // from the previous one.
  function addPostings(into, list) {
    var doc = 0;
    for (var i = 0; i + 1 < list.length; i += 2) {
      doc += list[i];
      into.set(doc, (into.get(doc) || 0) + list[i + 1]);
    }
  }

  var has = function (o, k) { return Object.prototype.hasOwnProperty.call(o, k); };

  // The shard key of a folded term: its first `prefix` characters.
  function shardKey(t, prefix) {
    return Array.from(t).slice(0, prefix).join("");
  }

  // The query's distinct terms: loose words, then phrase words.
  function queryTerms(query) {
    var all = [];
    query.words.concat.apply(query.words, query.phrases).forEach(function (t) {
      if (all.indexOf(t) < 0) all.push(t);
    });
    return all;
  }

  // The file of a shard: named by its key, or "_" and the hex of the key's
  // UTF-8 bytes when it has other characters than a-z0-9 (as src/search.rs).
  function shardPath(k) {
    if (/^[a-z0-9]*$/.test(k)) return "tim-kiem/tu/" + k + ".json";
    var hex = "";
    new TextEncoder().encode(k).forEach(function (b) { hex += (b < 16 ? "0" : "") + b.toString(16); });
    return "tim-kiem/tu/_" + hex + ".json";
  }

  // Loads the shards of the query's terms (only those that exist): key → shard.
  function loadShards(manifest, load, all) {
    var keys = [];
    all.forEach(function (t) {
      var k = shardKey(t, manifest.p);
      if (keys.indexOf(k) < 0) keys.push(k);
    });
    return Promise.all(keys.map(function (k) {
      return manifest.s.indexOf(k) < 0 ? {} : Promise.resolve(load(shardPath(k)));
    })).then(function (loaded) {
      var shards = {};
      keys.forEach(function (k, i) { shards[k] = loaded[i] || {}; });
      return shards;
    });
  }

  // Candidates ranked by summed weight (then entry order), before phrase checks.
  function candidates(manifest, shards, query, all) {
    if (!all.length) return [];
    var last = query.words.length ? query.words[query.words.length - 1] : null;
    var scores = null;
    all.forEach(function (t) {
      var shard = shards[shardKey(t, manifest.p)];
      var postings = new Map();
      if (has(shard, t)) {
        addPostings(postings, shard[t]);
      } else if (t === last && Array.from(t).length >= manifest.p) {
        Object.keys(shard).sort().forEach(function (k) {
          if (k.lastIndexOf(t, 0) === 0) addPostings(postings, shard[k]);
        });
      }
      if (scores === null) {
        scores = postings;
      } else {
        var next = new Map();
        scores.forEach(function (s, d) {
          if (postings.has(d)) next.set(d, s + postings.get(d));
        });
        scores = next;
      }
    });
    var ranked = Array.from(scores.entries());
    ranked.sort(function (a, b) { return b[1] - a[1] || a[0] - b[0]; });
    return ranked.slice(0, 50);
  }

  function normalise(text) {
    return " " + tokens(text).join(" ") + " ";
  }

  function bestBlock(page, normalised, query, all) {
    var best = 0, anchor = "", index = 0;
    page.b.forEach(function (block, i) {
      var b = normalised[i];
      var phrases = query.phrases.filter(function (p) { return b.indexOf(" " + p.join(" ") + " ") >= 0; }).length;
      var terms = all.filter(function (t) { return b.indexOf(" " + t + " ") >= 0; }).length;
      var score = (phrases * 100 + terms) * 2 + (block[0] ? 1 : 0);
      if (phrases === query.phrases.length && terms > 0 && score > best) { best = score; anchor = block[0]; index = i; }
    });
    return { anchor: anchor, block: index };
  }

  // search(manifest, load, q) → Promise of results [{doc, url, anchor, score,
  // entry, text}]. `manifest` is tim-kiem/index.json; load(path) → (Promise of)
  // the parsed JSON file at `path` relative to the site root. Loads the shards
  // of the query's terms, the texts of the candidates and the entries chunks of
  // the results, like the reference gdtx::search::query.
  function search(manifest, load, q) {
    var query = parseQuery(q);
    var all = queryTerms(query);
    if (!all.length) return Promise.resolve([]);
    return loadShards(manifest, load, all).then(function (shards) {
      var ranked = candidates(manifest, shards, query, all);
      return Promise.all(ranked.map(function (r) {
        return Promise.resolve(load("tim-kiem/trang/" + r[0] + ".json")).then(function (page) { return [r, page]; });
      }));
    }).then(function (loaded) {
      var found = [];
      loaded.forEach(function (pair) {
        var r = pair[0], page = pair[1];
        if (!page) return;
        var normalised = page.b.map(function (b) { return normalise(b[1]); });
        var ok = query.phrases.every(function (p) {
          var needle = " " + p.join(" ") + " ";
          return normalised.some(function (b) { return b.indexOf(needle) >= 0; });
        });
        if (!ok) return;
        found.push([r, page, bestBlock(page, normalised, query, all)]);
      });
      var chunkIds = [];
      found.forEach(function (f) {
        var k = Math.floor(f[0][0] / manifest.c);
        if (chunkIds.indexOf(k) < 0) chunkIds.push(k);
      });
      return Promise.all(chunkIds.map(function (k) {
        return Promise.resolve(load("tim-kiem/muc/" + k + ".json"));
      })).then(function (chunks) {
        var hits = [];
        found.forEach(function (f) {
          var r = f[0], page = f[1], best = f[2];
          var chunk = chunks[chunkIds.indexOf(Math.floor(r[0] / manifest.c))] || [];
          var entry = chunk[r[0] % manifest.c];
          if (!entry) return;
          hits.push({
            doc: r[0],
            url: entry.u,
            anchor: best.anchor,
            score: r[1],
            entry: entry,
            text: page.b[best.block] ? page.b[best.block][1] : ""
          });
        });
        return hits;
      });
    });
  }

  function escapeHtml(s) {
    return s.replace(/[&<>"]/g, function (c) {
      return { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;" }[c];
    });
  }

  // A snippet of `text` around the first match, query terms in <mark>.
  function highlight(text, terms, max) {
    max = max || 220;
    var chars = Array.from(text);
    var folded = "";
    var map = []; // folded index → original char index
    chars.forEach(function (ch, i) {
      var f = fold(ch);
      for (var k = 0; k < f.length; k++) map.push(i);
      folded += f;
    });
    var marks = [];
    terms.forEach(function (t) {
      var from = 0, at;
      while ((at = folded.indexOf(t, from)) >= 0) {
        var before = at === 0 ? "" : folded[at - 1];
        var afterCh = folded[at + t.length] || "";
        var startOk = before === "" || /[^\p{Alphabetic}\p{N}]/u.test(before);
        var endOk = afterCh === "" || /[^\p{Alphabetic}\p{N}]/u.test(afterCh);
        if (startOk && endOk) marks.push([map[at], map[at + t.length - 1] + 1]);
        from = at + t.length;
      }
    });
    marks.sort(function (a, b) { return a[0] - b[0]; });
    var start = 0;
    if (marks.length && chars.length > max) start = Math.max(0, marks[0][0] - 60);
    var end = Math.min(chars.length, start + max);
    var out = start > 0 ? "…" : "";
    var pos = start;
    marks.forEach(function (m) {
      if (m[0] < pos || m[1] > end) return;
      out += escapeHtml(chars.slice(pos, m[0]).join("")) + "<mark>" + escapeHtml(chars.slice(m[0], m[1]).join("")) + "</mark>";
      pos = m[1];
    });
    out += escapeHtml(chars.slice(pos, end).join(""));
    if (end < chars.length) out += "…";
    return out;
  }

  var KIND = { letter: "Văn bản", topic: "Chủ đề", document: "Văn bản được dẫn" };

  function run(app) {
    var base = app.getAttribute("data-root") || "";
    var input = app.querySelector("#search-q");
    var status = app.querySelector(".search-status");
    var list = app.querySelector(".search-results");
    var q = new URLSearchParams(location.search).get("q") || "";
    input.value = q;
    if (!q.trim()) { status.textContent = "Nhập từ khóa để tìm."; return; }
    status.textContent = "Đang tìm…";
    var cache = {};
    function getJson(path) {
      if (!cache[path]) {
        cache[path] = fetch(base + path).then(function (r) {
          if (!r.ok) throw new Error(r.status + " " + path);
          return r.json();
        });
      }
      return cache[path];
    }
    getJson("tim-kiem/index.json").then(function (manifest) {
      var query = parseQuery(q);
      var terms = query.words.concat.apply(query.words, query.phrases);
      return search(manifest, getJson, q)
        .then(function (hits) {
          list.innerHTML = "";
          status.textContent = hits.length
            ? "Tìm thấy " + hits.length + " kết quả cho “" + q + "”."
            : "Không tìm thấy kết quả nào cho “" + q + "”.";
          hits.forEach(function (h) {
            var li = document.createElement("li");
            li.className = "search-result kind-" + h.entry.k;
            var href = base + h.url + (h.anchor ? "#" + h.anchor : "");
            li.innerHTML =
              '<a class="result-title" href="' + escapeHtml(href) + '">' + escapeHtml(h.entry.t) + "</a>" +
              '<p class="result-meta">' + escapeHtml((KIND[h.entry.k] || h.entry.k) + " · " + h.entry.m) + "</p>" +
              '<p class="result-snippet">' + highlight(h.text, terms) + "</p>";
            list.appendChild(li);
          });
        });
    }).catch(function () {
      status.textContent = "Không tải được chỉ mục tìm kiếm. Hãy mở trang qua máy chủ web (gdtx serve), hoặc tra cứu theo tỉnh, năm học, chủ đề.";
    });
  }

  var api = { fold: fold, tokens: tokens, parseQuery: parseQuery, search: search, highlight: highlight, shardPath: shardPath };
  if (typeof module !== "undefined" && module.exports) {
    module.exports = api;
  } else {
    root.gdtxSearch = api;
    var app = document.getElementById("search-app");
    if (app) run(app);
  }
})(this);
