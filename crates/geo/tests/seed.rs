//! The seed article (`../shared/seed/article.txt`, RT, 2 Aug 2018): southern Syria.
//! Skips, with a message, when the shared folder or the gazetteer artifact is absent.

use std::path::PathBuf;

use annals_document::{Article, Doc};
use annals_geo::{Gazetteer, Role, Toponym, distance_km};
use annals_record::GeoPrecision;

fn seed() -> Option<(Doc, Gazetteer)> {
    let path = PathBuf::from(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../../../shared/seed/article.txt"
    ));
    let Ok(text) = std::fs::read_to_string(&path) else {
        skip_notice(format!(
            "skipped: seed article not found at {}",
            path.display()
        ));
        return None;
    };
    let g = match Gazetteer::load() {
        Ok(g) => g,
        Err(e) => {
            skip_notice(format!("skipped: {e}"));
            return None;
        }
    };
    Some((Doc::from_article(&Article::new("seed", text)), g))
}

fn all<'a>(ts: &'a [Toponym], text: &str) -> Vec<&'a Toponym> {
    let v: Vec<&Toponym> = ts.iter().filter(|t| t.text == text).collect();
    assert!(
        !v.is_empty(),
        "{text} not recognised; found {:?}",
        ts.iter().map(|t| &t.text).collect::<Vec<_>>()
    );
    v
}

#[test]
fn seed_article_places() {
    let Some((doc, g)) = seed() else { return };
    let ts = annals_geo::geoparse(&doc, &g);
    for name in ["As-Suwayda", "Daraa", "Quneitra", "Idlib"] {
        for t in all(&ts, name) {
            let r = t.resolution.as_ref().expect("resolved");
            assert_eq!(r.country.as_deref(), Some("SYR"), "{name}: {r:?}");
            let governorate = r.precision == GeoPrecision::Admin1;
            let capital = r.feature == "PPLA" && r.seat_of.is_some();
            assert!(governorate || capital, "{name}: {r:?}");
            assert_eq!(t.role, Role::Place, "{name}");
        }
    }
    // The governorates named with the cue word resolve to the governorates themselves.
    let cued: Vec<&Toponym> = ts.iter().filter(|t| t.cue.is_some()).collect();
    assert!(cued.iter().any(|t| t.text == "Idlib"), "{cued:?}");
    for t in &cued {
        if ["As-Suwayda", "Daraa", "Quneitra", "Idlib"].contains(&t.text.as_str()) {
            assert_eq!(
                t.resolution.as_ref().unwrap().precision,
                GeoPrecision::Admin1,
                "{t:?}"
            );
        }
    }
    for name in ["al-Tanf", "Rukban"] {
        for t in all(&ts, name) {
            let r = t.resolution.as_ref().expect("resolved");
            let d = distance_km(r.lat, r.lon, 33.5, 38.6);
            assert!(d < 60.0, "{name} is {d:.0} km from 33.5N 38.6E: {r:?}");
            assert!(
                matches!(r.precision, GeoPrecision::Point | GeoPrecision::City),
                "{r:?}"
            );
        }
    }
    let golan = all(&ts, "Golan Heights")[0].resolution.as_ref().unwrap();
    assert_eq!(golan.precision, GeoPrecision::Region);
    // "chose to stop fighting Damascus": the government, not a place.
    let damascus = all(&ts, "Damascus");
    assert!(
        damascus.iter().all(|t| t.role == Role::Actor),
        "{damascus:?}"
    );
    assert!(damascus[0].to_location(None).is_none());
    // Syria itself, and Syrian/Russian as modifiers.
    let syria = all(&ts, "Syria")[0].resolution.as_ref().unwrap();
    assert_eq!(
        (syria.country.as_deref(), syria.precision),
        (Some("SYR"), GeoPrecision::Country)
    );
    assert!(all(&ts, "Syrian").iter().all(|t| t.role == Role::Modifier));
    // Locations for the event record keep precision and ids.
    let loc = all(&ts, "al-Tanf")[0]
        .to_location(Some("sentence"))
        .unwrap();
    assert_eq!(loc.country.as_deref(), Some("SYR"));
    assert_eq!(loc.precision, GeoPrecision::Point);
    assert!(loc.gazetteer_id.unwrap().starts_with("annals:"));
}

/// Say that a test is skipped, on the terminal: libtest captures `println!`/`eprintln!`, but
/// not writes to the stderr handle, so this shows in `cargo test` output.
fn skip_notice(message: String) {
    use std::io::Write as _;
    let _ = writeln!(std::io::stderr(), "{message}");
}
