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

  function addPostings(into, list) {
    for (var i = 0; i + 1 < list.length; i += 2) {
      into.set(list[i], (into.get(list[i]) || 0) + list[i + 1]);
    }
  }

  // Candidates ranked by summed weight (then entry order), before phrase checks.
  function candidates(index, query) {
    var all = [];
    query.words.concat.apply(query.words, query.phrases).forEach(function (t) {
      if (all.indexOf(t) < 0) all.push(t);
    });
    if (!all.length) return { all: all, ranked: [] };
    var last = query.words.length ? query.words[query.words.length - 1] : null;
    var scores = null;
    var keys = null;
    all.forEach(function (t) {
      var postings = new Map();
      var list = Object.prototype.hasOwnProperty.call(index.terms, t) ? index.terms[t] : null;
      if (list) {
        addPostings(postings, list);
      } else if (t === last && Array.from(t).length >= 2) {
        if (!keys) keys = Object.keys(index.terms).sort();
        keys.forEach(function (k) {
          if (k.lastIndexOf(t, 0) === 0) addPostings(postings, index.terms[k]);
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
    return { all: all, ranked: ranked.slice(0, 50) };
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

  // search(index, loadPage, q) → Promise of results [{doc, url, anchor, score,
  // entry, text}]; loadPage(n) → Promise of the entry's text file.
  function search(index, loadPage, q) {
    var query = parseQuery(q);
    var c = candidates(index, query);
    return Promise.all(c.ranked.map(function (r) {
      return Promise.resolve(loadPage(r[0])).then(function (page) { return [r, page]; });
    })).then(function (loaded) {
      var hits = [];
      loaded.forEach(function (pair) {
        var r = pair[0], page = pair[1];
        if (!page) return;
        var normalised = page.b.map(function (b) { return normalise(b[1]); });
        var ok = query.phrases.every(function (p) {
          var needle = " " + p.join(" ") + " ";
          return normalised.some(function (b) { return b.indexOf(needle) >= 0; });
        });
        if (!ok) return;
        var best = bestBlock(page, normalised, query, c.all);
        hits.push({
          doc: r[0],
          url: index.docs[r[0]].u,
          anchor: best.anchor,
          score: r[1],
          entry: index.docs[r[0]],
          text: page.b[best.block] ? page.b[best.block][1] : ""
        });
      });
      return hits;
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
    getJson("tim-kiem/index.json").then(function (index) {
      var query = parseQuery(q);
      var terms = query.words.concat.apply(query.words, query.phrases);
      return search(index, function (n) { return getJson("tim-kiem/trang/" + n + ".json"); }, q)
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

  var api = { fold: fold, tokens: tokens, parseQuery: parseQuery, search: search, highlight: highlight };
  if (typeof module !== "undefined" && module.exports) {
    module.exports = api;
  } else {
    root.gdtxSearch = api;
    var app = document.getElementById("search-app");
    if (app) run(app);
  }
})(this);
