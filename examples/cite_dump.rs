//! Prints every citation of the given files as JSON Lines (a stand-in for
//! `gdtx cite` until the CLI lands). Usage: cite_dump [--place P[/D]] FILE...
use gdtx::citations::{extract, to_json_record, Context, Registry, Resolver};

fn main() {
    let mut args: Vec<String> = std::env::args().skip(1).collect();
    let mut place = None;
    if args.first().map(String::as_str) == Some("--place") && args.len() > 1 {
        place = Some(args.remove(1));
        args.remove(0);
    }
    let registry = Registry::builtin();
    let mut resolver = Resolver::new(&registry);
    for file in &args {
        let text = std::fs::read_to_string(file).expect("readable file");
        let mut ctx = Context::default();
        if let Some(p) = &place {
            let mut it = p.splitn(2, '/');
            ctx.province = it.next().map(str::to_owned);
            ctx.district = it.next().map(str::to_owned);
        } else {
            for line in text.lines() {
                if let Some(v) = line.strip_prefix("province = ") {
                    ctx.province = Some(v.trim_matches('"').to_owned());
                }
                if let Some(v) = line.strip_prefix("district = ") {
                    ctx.district = Some(v.trim_matches('"').to_owned());
                }
            }
        }
        let mut cits = extract(&text);
        let res = resolver.resolve_letter(&mut cits, &ctx);
        for (c, r) in cits.iter().zip(&res) {
            println!("{}", to_json_record(file, &text, c, r));
        }
    }
    for c in resolver.date_conflicts() {
        eprintln!(
            "date conflict: {} {:?}",
            c.id,
            c.dates.iter().map(|d| d.to_string()).collect::<Vec<_>>()
        );
    }
}
