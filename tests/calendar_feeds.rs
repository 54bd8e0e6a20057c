//! Every iCalendar feed of the real site parses with an independent parser (the
//! `ical` crate, not the `icalendar` crate that wrote it), has deterministic
//! DTSTAMP and UID, all-day items that end the next day, and month items that
//! span their whole month without an invented day.

use std::collections::BTreeSet;

fn real_output() -> std::collections::BTreeMap<String, Vec<u8>> {
    let loaded = gdtx::load::load(std::path::Path::new(env!("CARGO_MANIFEST_DIR"))).unwrap();
    gdtx::build::compile(&loaded).output.unwrap().files
}

fn prop<'a>(
    e: &'a ical::parser::ical::component::IcalEvent,
    name: &str,
) -> Option<&'a ical::property::Property> {
    e.properties.iter().find(|p| p.name == name)
}

#[test]
fn every_feed_parses_and_is_honest() {
    let files = real_output();
    let feeds: Vec<&String> = files.keys().filter(|k| k.ends_with(".ics")).collect();
    assert!(feeds.contains(&&"lich/gdtx.ics".to_string()));
    assert!(feeds.iter().any(|f| f.starts_with("lich/co-quan/")));
    assert!(feeds
        .iter()
        .any(|f| f.ends_with("/lich.ics") && !f.starts_with("lich/")));
    let mut site_uids = BTreeSet::new();
    for path in &feeds {
        let bytes = &files[*path];
        let text = std::str::from_utf8(bytes).unwrap();
        assert!(text.contains("\r\n"), "{path}: CRLF lines");
        let mut parser = ical::IcalParser::new(bytes.as_slice());
        let cal = parser
            .next()
            .expect("one calendar")
            .unwrap_or_else(|e| panic!("{path}: {e}"));
        assert!(parser.next().is_none(), "{path}: a single VCALENDAR");
        let version = cal.properties.iter().find(|p| p.name == "VERSION").unwrap();
        assert_eq!(version.value.as_deref(), Some("2.0"));
        let mut uids = BTreeSet::new();
        for e in &cal.events {
            let uid = prop(e, "UID").and_then(|p| p.value.clone()).unwrap();
            assert!(uids.insert(uid.clone()), "{path}: duplicate UID {uid}");
            if *path == "lich/gdtx.ics" {
                site_uids.insert(uid);
            }
            let stamp = prop(e, "DTSTAMP").and_then(|p| p.value.clone()).unwrap();
            assert!(stamp.ends_with("T000000Z"), "{path}: DTSTAMP {stamp}");
            let start = prop(e, "DTSTART").unwrap();
            let end = prop(e, "DTEND").unwrap();
            for p in [start, end] {
                let params = p.params.as_ref().unwrap();
                assert!(
                    params
                        .iter()
                        .any(|(k, v)| k == "VALUE" && v == &vec!["DATE".to_string()]),
                    "{path}: all-day items are dates"
                );
            }
            let s = start.value.as_deref().unwrap();
            let en = end.value.as_deref().unwrap();
            assert!(en > s, "{path}: DTEND after DTSTART");
            let summary = prop(e, "SUMMARY").and_then(|p| p.value.clone()).unwrap();
            if summary.contains("(cả tháng") {
                assert!(
                    s.ends_with("01") && en.ends_with("01"),
                    "{path}: month item {s}–{en}"
                );
                let desc = prop(e, "DESCRIPTION")
                    .and_then(|p| p.value.clone())
                    .unwrap();
                assert!(desc.contains("không ghi ngày cụ thể"), "{desc}");
            }
        }
    }
    // The site feed holds every item, and a letter's items keep their UIDs there.
    let dien_bien = feeds.iter().find(|f| f.starts_with("dien-bien/")).unwrap();
    let mut parser = ical::IcalParser::new(files[*dien_bien].as_slice());
    let cal = parser.next().unwrap().unwrap();
    assert_eq!(cal.events.len(), 15);
    for e in &cal.events {
        let uid = prop(e, "UID").and_then(|p| p.value.clone()).unwrap();
        assert!(site_uids.contains(&uid));
    }
    let day = cal
        .events
        .iter()
        .find(|e| prop(e, "DTSTART").unwrap().value.as_deref() == Some("20230910"))
        .unwrap();
    assert_eq!(
        prop(day, "DTEND").unwrap().value.as_deref(),
        Some("20230911")
    );
}
