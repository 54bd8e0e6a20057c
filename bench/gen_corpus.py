#!/usr/bin/env python3
"""Generate a deterministic corpus of N realistic GDTX letters for benchmarks.

The letters are recombined from the real ones in content/: each generated letter
takes the outline (headings, ids, tasks) of one real letter and fills every task's
section with paragraphs drawn from the same-topic sections of all real letters, with
years, provinces and document numbers adapted. Issuers are those of a national
corpus: the 63 Sở and 11 Phòng in each province (693 in all; the country has
about 700). Each school year has N/10 letters, spread over the issuers in the same
way every year, so an issuer writes one letter a year (a second one for some once
a year has more letters than there are issuers) and has a letter in every one of
the 10 school years. Every letter of a year cites that year's Bộ guidance and Phòng
letters cite their Sở's letter, so documents are cited by many letters and topics
overlap. Output size per letter: 25-35 KB.

    python3 bench/gen_corpus.py N OUT_DIR [--seed S]

OUT_DIR receives site.toml and content/. Same N and seed → same bytes.
"""

import argparse
import os
import random
import re
import shutil
import tomllib
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
# Phòng per province: 63 × 11 = 693, about the country's ~700 districts.
DISTRICTS = 11


def provinces():
    """The 63 pre-2025 provinces, read from src/provinces.rs."""
    src = (REPO / "src/provinces.rs").read_text(encoding="utf-8")
    out = []
    for name, era in re.findall(r'p\("([^"]+)", (?:true|false), ([ABU])', src):
        if era in ("B", "U"):
            out.append(name)
    assert len(out) == 63, len(out)
    return out


def slug(s):
    import unicodedata
    s = unicodedata.normalize("NFD", s).replace("đ", "d").replace("Đ", "D")
    s = "".join(c for c in s if not unicodedata.combining(c)).lower()
    return re.sub(r"[^a-z0-9]+", "-", s).strip("-")


def load_letters():
    letters = []
    for path in sorted((REPO / "content").rglob("*.md")):
        text = path.read_text(encoding="utf-8")
        _, fm, body = text.split("+++\n", 2)
        front = tomllib.loads(fm)
        # Sections: heading line → list of blocks until the next heading.
        sections, current = {}, None
        order = []
        for block in re.split(r"\n\s*\n", body):
            m = re.match(r"^(#{2,4}) .*\{#([^}]+)\}\s*$", block.strip())
            if m:
                current = m.group(2)
                sections[current] = {"heading": block.strip(), "blocks": []}
                order.append(current)
            elif current and block.strip() and not block.lstrip().startswith("[^"):
                sections[current]["blocks"].append(block.strip())
        preamble = body.split("\n## ", 1)[0].strip()
        letters.append({"front": front, "sections": sections, "order": order, "preamble": preamble})
    return letters


def topic_pool(letters):
    """Paragraphs by topic, from the blocks under each task's heading."""
    pool = {}
    for letter in letters:
        tasks = {t["anchor"]: t["topic"] for t in letter["front"].get("tasks", [])}
        topic = None
        for sid in letter["order"]:
            topic = tasks.get(sid, topic)
            if topic:
                pool.setdefault(topic, []).extend(
                    b for b in letter["sections"][sid]["blocks"] if "[^" not in b and "|" not in b
                )
    return pool


def adapt(text, year, province):
    text = re.sub(r"\b20[12]\d ?- ?20[123]\d\b", f"{year}-{year + 1}", text)
    text = re.sub(r"năm 202[2-5]\b", f"năm {year + 1}", text)
    # A deadline falls in the letter's school year: August to December of its
    # first year, January to July of the next (cited documents keep their dates).
    text = re.sub(
        r"([Tt]rước ngày )(\d{1,2})/(\d{1,2})/20\d\d",
        lambda m: f"{m[1]}{m[2]}/{m[3]}/{year if int(m[3]) >= 8 else year + 1}",
        text,
    )
    for name in ("Hải Phòng", "Điện Biên", "Quảng Ninh", "Hà Đông", "Đông Triều", "Thủ Đức"):
        text = text.replace(name, province)
    return text


def generate(n, out, seed):
    rng = random.Random(seed)
    letters = load_letters()
    pool = topic_pool(letters)
    names = provinces()
    out = Path(out)
    if out.exists():
        shutil.rmtree(out)
    (out / "content").mkdir(parents=True)
    shutil.copy(REPO / "site.toml", out / "site.toml")
    issuers = 63 * (1 + DISTRICTS)
    for i in range(n):
        r = random.Random(rng.random())
        year = 2016 + i % 10
        # The j-th letter of its year goes to issuer (j · 55) mod 756: 55 is prime
        # to 756, so the first 756 letters of a year reach every issuer once, and
        # the first few of a small corpus are spread over provinces and levels.
        issuer = (i // 10 * 55) % issuers
        is_so = issuer < 63
        p = issuer if is_so else (issuer - 63) % 63
        province = names[p]
        k = (issuer - 63) // 63
        district = None if is_so else f"Huyện {['Bắc', 'Nam', 'Đông', 'Tây', 'Trung'][k % 5]} {k // 5 + 1}"
        base = letters[(issuer + year) % len(letters)]
        bf = base["front"]
        number = f"{100 + i % 2900}/{'SGDĐT-GDTX' if is_so else 'PGDĐT-VP'}"
        day, month = 1 + r.randrange(28), 8 + r.randrange(2)
        bo = f"Công văn số {3000 + (year % 100) * 37}/BGDĐT-GDTX ngày 28/7/{year} của Bộ Giáo dục và Đào tạo"
        bases = [{"cite": bo, "about": f"về hướng dẫn thực hiện nhiệm vụ năm học {year}-{year + 1} đối với GDTX"}]
        if not is_so:
            bases.append({"cite": f"Công văn số {2000 + p}/SGDĐT-GDTX ngày 20/8/{year} của Sở Giáo dục và Đào tạo {province}", "about": "về hướng dẫn nhiệm vụ GDTX"})
        tasks = bf.get("tasks", [])
        preamble = re.sub(r"\[\^\w+\]", "", adapt(base["preamble"], year, province))
        topic_of = {t["anchor"]: t["topic"] for t in tasks}
        # Section id → blocks; task sections draw from every letter's same-topic text.
        # A paragraph is used once per letter: two tasks of one topic draw
        # different ones (a real letter does not repeat an item under two tasks).
        chosen, topic, used = {}, None, set()
        unused = lambda t: [b for b in dict.fromkeys(pool[t]) if b not in used]
        for sid in base["order"]:
            sec = base["sections"][sid]
            topic = topic_of.get(sid, topic if base["sections"][sid]["heading"].startswith("###") else None)
            if sid in topic_of:
                free = unused(topic)
                chosen[sid] = r.sample(free, min(len(free), max(2, len(sec["blocks"]))))
                used.update(chosen[sid])
            else:
                chosen[sid] = [b for b in sec["blocks"] if not b.startswith("|") and b not in used] if topic else []
                used.update(chosen[sid])
        task_sids = [sid for sid in base["order"] if sid in topic_of]
        size = lambda: len(preamble.encode()) + sum(len(b.encode()) + 2 for bs in chosen.values() for b in bs)
        target = r.randrange(22_000, 31_000)  # + headings and front matter ≈ 3-4 KB
        while size() < target and task_sids:
            sid = r.choice(task_sids)
            free = unused(topic_of[sid])
            if not free:
                task_sids.remove(sid)
                continue
            chosen[sid].append(r.choice(free))
            used.add(chosen[sid][-1])
        while size() > 31_000:
            sid = max(chosen, key=lambda k: len(chosen[k]))
            chosen[sid].pop()
        body = [preamble, ""]
        for sid in base["order"]:
            body += [re.sub(r"\[\^\w+\]", "", base["sections"][sid]["heading"]), ""]
            body += [re.sub(r"\[\^\w+\]", "", adapt(b, year, province)) + "\n" for b in chosen[sid]]
        text = "\n".join(body)
        fm = [
            f'title = "Hướng dẫn thực hiện nhiệm vụ năm học {year}-{year + 1} đối với giáo dục thường xuyên"',
            f'kind = "{bf["kind"]}"',
            f'number = "{number}"',
            f'date = "{year}-{month:02d}-{day:02d}"',
            f'school_year = "{year}-{year + 1}"',
            f'source = "gen_corpus.py seed {seed} #{i}"',
            "",
            "[issuer]",
            f'name = "{"Sở" if is_so else "Phòng"} Giáo dục và Đào tạo {district or province}"',
            f'level = "{"so" if is_so else "phong"}"',
            f'province = "{province}"',
        ]
        if district:
            fm.append(f'district = "{district}"')
        for b in bases:
            fm += ["", "[[legal_bases]]", f'cite = "{b["cite"]}"', f'about = "{b["about"]}"']
        for t in tasks:
            fm += ["", "[[tasks]]", f'id = "{t["id"]}"', f'title = "{t["title"]}"', f'topic = "{t["topic"]}"', f'anchor = "{t["anchor"]}"']
        fm += ["", "[[deadlines]]", f'date = "{year}-12-{10 + r.randrange(15)}"', 'what = "Gửi báo cáo sơ kết học kỳ I"']
        fm += ["", "[[deadlines]]", f'date = "{year + 1}-05-{10 + r.randrange(15)}"', 'what = "Gửi báo cáo tổng kết năm học"']
        path = out / "content" / slug(province) / f"{year}-{year + 1}" / f"{'so' if is_so else slug(district)}-{i:05d}.md"
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text("+++\n" + "\n".join(fm) + "\n+++\n\n" + text, encoding="utf-8")


if __name__ == "__main__":
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("n", type=int)
    ap.add_argument("out")
    ap.add_argument("--seed", type=int, default=2025)
    a = ap.parse_args()
    generate(a.n, a.out, a.seed)
