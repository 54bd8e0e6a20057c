#!/usr/bin/env bash
# Benchmark gdtx on generated corpora (default 1,000 and 10,000 letters) on tmpfs:
# median of RUNS full builds, peak RSS, the floor (read + pulldown-cmark only), and
# Hugo/Zola on the same Markdown bodies when they are on PATH.
#
#     bench/run.sh [N ...]          e.g. bench/run.sh 1000 10000
#
# Environment: RUNS (default 5), TMP (default /dev/shm), EDITS (single-letter
# edits timed through the incremental session of `gdtx serve`, default 30; 0
# skips them).
set -euo pipefail
cd "$(dirname "$0")/.."
RUNS=${RUNS:-5}
TMP=${TMP:-/dev/shm}
SIZES=("$@")
[ ${#SIZES[@]} -gt 0 ] || SIZES=(1000 10000)

EDITS=${EDITS:-30}
cargo build --release --quiet --bin gdtx --example floor --example incremental_bench
GDTX=$PWD/target/release/gdtx
FLOOR=$PWD/target/release/examples/floor
INCREMENTAL=$PWD/target/release/examples/incremental_bench

median() { sort -n | awk '{a[NR]=$1} END{print (NR%2 ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2)}'; }
ms() { local s e; s=$(date +%s%N); "$@" >/dev/null 2>&1; e=$(date +%s%N); echo $(( (e - s) / 1000000 )); }

echo "machine: $(nproc) cores, $(free -g | awk '/Mem:/{print $2}') GiB; gdtx $($GDTX --version)"
for n in "${SIZES[@]}"; do
  site="$TMP/gdtx-bench-$n"
  # The generator is deterministic: an existing corpus of the same size and the
  # same generator is reused (the marker holds the generator's checksum).
  gen=$(sha256sum bench/gen_corpus.py | cut -c1-16)
  [ "$(cat "$site/.complete" 2>/dev/null)" = "$gen" ] || { rm -rf "$site"; python3 bench/gen_corpus.py "$n" "$site"; echo "$gen" > "$site/.complete"; }
  mb=$(du -sm "$site/content" | cut -f1)
  times=(); for _ in $(seq "$RUNS"); do times+=("$(ms "$GDTX" build --root "$site" --output "$site/public")"); done
  build=$(printf '%s\n' "${times[@]}" | median)
  # Peak RSS and CPU time (user + system: steadier than wall time on a shared
  # machine) of one build, from the kernel's accounting of the child.
  read -r rss cpu < <(python3 -c 'import resource, subprocess, sys; subprocess.run(sys.argv[1:], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL); r = resource.getrusage(resource.RUSAGE_CHILDREN); print(r.ru_maxrss // 1024, round(r.ru_utime + r.ru_stime, 1))' "$GDTX" build --root "$site" --output "$site/public")
  ftimes=(); for _ in $(seq "$RUNS"); do ftimes+=("$(ms "$FLOOR" "$site")"); done
  floor=$(printf '%s\n' "${ftimes[@]}" | median)
  pages=$(find "$site/public" -name '*.html' | wc -l)
  echo "n=$n: ${mb} MB of letters, $pages pages; gdtx build median ${build} ms (runs: ${times[*]}); peak RSS ${rss} MB; CPU ${cpu} s; floor ${floor} ms; build/floor $(awk "BEGIN{printf \"%.2f\", $build/($floor>0?$floor:1)}")"
  for tool in zola hugo; do
    command -v "$tool" >/dev/null || { echo "  $tool: not on PATH, skipped"; continue; }
    other="$TMP/gdtx-bench-$n-$tool"; rm -rf "$other"; mkdir -p "$other/content"
    # Same Markdown bodies, front matter reduced to a title.
    find "$site/content" -name '*.md' | while read -r f; do
      rel=${f#"$site/content/"}; mkdir -p "$other/content/$(dirname "$rel")"
      { printf '+++\ntitle = "x"\n+++\n'; awk 'n>=2{print} /^\+\+\+$/{n++}' "$f"; } > "$other/content/$rel"
    done
    if [ "$tool" = zola ]; then printf 'base_url = "/"\n[markdown]\n' > "$other/config.toml"; mkdir -p "$other/templates"; echo '{{ page.content | safe }}' > "$other/templates/page.html"; echo '' > "$other/templates/section.html"; echo '' > "$other/templates/index.html";
      t=(); for _ in $(seq "$RUNS"); do t+=("$(cd "$other" && ms zola build -o "$other/public" --force)"); done
    else printf 'baseURL = "/"\ndisableKinds = ["taxonomy", "term", "RSS", "sitemap"]\n' > "$other/hugo.toml"; mkdir -p "$other/layouts/_default"; echo '{{ .Content }}' > "$other/layouts/_default/single.html"; echo '' > "$other/layouts/_default/list.html";
      t=(); for _ in $(seq "$RUNS"); do t+=("$(cd "$other" && ms hugo --quiet -d "$other/public")"); done
    fi
    m=$(printf '%s\n' "${t[@]}" | median)
    echo "  $tool: median ${m} ms; $(awk "BEGIN{r = $m/($build>0?$build:1); if (r >= 1) printf \"gdtx is %.2fx faster\", r; else printf \"gdtx is %.2fx slower\", 1/r}")"
  done
  if [ "$EDITS" -gt 0 ]; then
    # What `gdtx serve` does after a save (the watcher's debounce aside): the
    # edits change the letters, so they run on a copy of the corpus.
    # The copy leaves out the built site (public/: 2.6 GB at 10,000 letters).
    inc="$TMP/gdtx-bench-$n-inc"; rm -rf "$inc" "$inc-out"; mkdir -p "$inc"
    for f in "$site"/*; do [ "$(basename "$f")" = public ] || cp -r "$f" "$inc/"; done
    "$INCREMENTAL" "$inc" "$inc-out" "$EDITS" | grep -E '^(full build|item edits|text edits)' | sed 's/^/  incremental: /'
    rm -rf "$inc" "$inc-out"
  fi
done
