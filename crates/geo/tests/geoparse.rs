//! Recognition and resolution against the shipped gazetteer (skipped when it is absent).

use annals_document::{Article, Doc, Entity, Span};
use annals_geo::{Gazetteer, MentionKind, Role, Toponym};
use annals_record::GeoPrecision;

fn gazetteer() -> Option<Gazetteer> {
    match Gazetteer::load() {
        Ok(g) => Some(g),
        Err(e) => {
            skip_notice(format!("skipped: {e}"));
            None
        }
    }
}

fn parse(g: &Gazetteer, text: &str) -> Vec<Toponym> {
    annals_geo::geoparse(&Doc::from_article(&Article::new("t", text)), g)
}

/// Label the one-word token `word` (its normalised text) as the recognizer would.
fn label_word(doc: &mut Doc, word: &str, label: &'static str) {
    let i = doc.tokens.iter().position(|t| t.norm == word).unwrap();
    doc.entities.push(Entity {
        tokens: i as u32..i as u32 + 1,
        label,
        span: doc.tokens_span(i..i + 1),
    });
}

fn find<'a>(ts: &'a [Toponym], text: &str) -> &'a Toponym {
    ts.iter().find(|t| t.text == text).unwrap_or_else(|| {
        panic!(
            "{text} not found in {:?}",
            ts.iter().map(|t| &t.text).collect::<Vec<_>>()
        )
    })
}

#[test]
fn transliteration_variants_resolve_to_the_same_places() {
    let Some(g) = gazetteer() else { return };
    let text = "Shelling hit Deraa and Dar'a on Monday. Fighters left Sweida and Suwayda for \
                Al Qunaytirah, near Quneitra, and the Tanf garrison near At Tanf.";
    let ts = parse(&g, text);
    let country = |name: &str| {
        find(&ts, name)
            .resolution
            .as_ref()
            .map(|r| r.country.clone().unwrap_or_default())
    };
    for name in [
        "Deraa",
        "Dar'a",
        "Sweida",
        "Suwayda",
        "Al Qunaytirah",
        "Quneitra",
        "At Tanf",
    ] {
        assert_eq!(
            country(name).as_deref(),
            Some("SYR"),
            "{name}: {:?}",
            find(&ts, name)
        );
    }
    let near = |a: &str, b: &str| {
        let (ra, rb) = (
            find(&ts, a).resolution.as_ref().unwrap(),
            find(&ts, b).resolution.as_ref().unwrap(),
        );
        annals_geo::distance_km(ra.lat, ra.lon, rb.lat, rb.lon)
    };
    assert!(near("Deraa", "Dar'a") < 50.0);
    assert!(near("Sweida", "Suwayda") < 50.0);
    assert!(near("Al Qunaytirah", "Quneitra") < 50.0);
}

#[test]
fn demonyms_cues_and_containers() {
    let Some(g) = gazetteer() else { return };
    let ts = parse(
        &g,
        "Syrian and Russian jets struck the Idlib province. The US military outpost in Syria's al-Tanf area was hit.",
    );
    let syrian = find(&ts, "Syrian");
    assert_eq!(syrian.kind, MentionKind::Demonym);
    assert_eq!(syrian.role, Role::Modifier);
    assert_eq!(
        syrian.resolution.as_ref().unwrap().country.as_deref(),
        Some("SYR")
    );
    let idlib = find(&ts, "Idlib");
    assert_eq!(
        idlib.resolution.as_ref().unwrap().precision,
        GeoPrecision::Admin1
    );
    let tanf = find(&ts, "al-Tanf").resolution.as_ref().unwrap();
    assert_eq!(tanf.country.as_deref(), Some("SYR"));
    assert_eq!(
        find(&ts, "US")
            .resolution
            .as_ref()
            .unwrap()
            .country
            .as_deref(),
        Some("USA")
    );
}

#[test]
fn document_context_chooses_among_namesakes() {
    let Some(g) = gazetteer() else { return };
    let us = parse(
        &g,
        "Police in Paris, Texas, said the suspect fled toward Dallas.",
    );
    let paris = find(&us, "Paris").resolution.as_ref().unwrap();
    assert_eq!(paris.country.as_deref(), Some("USA"), "{paris:?}");
    let fr = parse(&g, "Protesters marched in Paris and Lyon on Saturday.");
    assert_eq!(
        find(&fr, "Paris")
            .resolution
            .as_ref()
            .unwrap()
            .country
            .as_deref(),
        Some("FRA")
    );
    let ca = parse(
        &g,
        "A fire in London, Ontario, forced families from homes near Toronto.",
    );
    assert_eq!(
        find(&ca, "London")
            .resolution
            .as_ref()
            .unwrap()
            .country
            .as_deref(),
        Some("CAN")
    );
}

#[test]
fn metonymy_marks_actors() {
    let Some(g) = gazetteer() else { return };
    let ts = parse(
        &g,
        "Moscow said on Monday that talks would go on. Residents of Moscow were calm.",
    );
    let ms: Vec<&Toponym> = ts.iter().filter(|t| t.text == "Moscow").collect();
    assert_eq!(ms.len(), 2);
    assert_eq!(ms[0].role, Role::Actor);
    assert_eq!(ms[1].role, Role::Place);
    // A possessive country before an act of its government: an actor.
    let ts = parse(
        &g,
        "Rebels rejected Russia's offer of amnesty. Fighting spread in Russia's south.",
    );
    let rs: Vec<&Toponym> = ts.iter().filter(|t| t.text == "Russia").collect();
    assert_eq!(rs.len(), 2, "{ts:?}");
    assert_eq!(rs[0].role, Role::Actor);
    assert!(rs[0].to_location(None).is_none());
    assert_eq!(rs[1].role, Role::Place);
    // Its forces and envoys are its government's, not a place of the event.
    let ts = parse(
        &g,
        "Baghdad's forces attacked Kurdish fighters. France's ambassador left Baghdad's airport.",
    );
    let roles: Vec<(&str, Role)> = ts.iter().map(|t| (t.text.as_str(), t.role)).collect();
    assert_eq!(
        roles,
        vec![
            ("Baghdad", Role::Actor),
            ("Kurdish", Role::Modifier),
            ("France", Role::Actor),
            ("Baghdad", Role::Place)
        ],
        "{ts:?}"
    );
}

#[test]
fn common_words_and_people_are_not_places() {
    let Some(g) = gazetteer() else { return };
    let ts = parse(
        &g,
        "President Lincoln met Mr. Jackson in May. The Police said Will Smith would speak.",
    );
    let texts: Vec<&str> = ts.iter().map(|t| t.text.as_str()).collect();
    for w in ["Lincoln", "Jackson", "May", "Police", "Will", "Smith"] {
        assert!(!texts.contains(&w), "{w} taken for a place: {texts:?}");
    }
    // Party names and their short forms ("Lib" is also an island of the Marshall Islands).
    let ts = parse(
        &g,
        "The Lib Dems and the Tory leader attacked Labour in London.",
    );
    let texts: Vec<&str> = ts.iter().map(|t| t.text.as_str()).collect();
    for w in ["Lib", "Dems", "Tory", "Labour"] {
        assert!(!texts.contains(&w), "{w} taken for a place: {texts:?}");
    }
    assert!(texts.contains(&"London"), "{texts:?}");
}

#[test]
fn entities_from_the_syntax_stage_are_used() {
    let Some(g) = gazetteer() else { return };
    // Lower case: the gazetteer scan alone would not take it.
    let text = "clashes near daraa city were reported.";
    let plain = annals_geo::geoparse(&Doc::from_article(&Article::new("t", text)), &g);
    assert!(plain.is_empty(), "{plain:?}");
    let mut doc = Doc::from_article(&Article::new("t", text));
    label_word(&mut doc, "daraa", "place");
    let ts = annals_geo::geoparse(&doc, &g);
    let t = find(&ts, "daraa");
    assert_eq!(
        t.resolution.as_ref().unwrap().country.as_deref(),
        Some("SYR")
    );
}

#[test]
fn a_titled_person_of_a_country_is_not_a_place() {
    let Some(g) = gazetteer() else { return };
    let text = "King Hassan of Morocco said he would host the talks.";
    let mut doc = Doc::from_article(&Article::new("t", text));
    // The recognizer took the whole phrase for a place.
    doc.entities.push(Entity {
        tokens: 0..4,
        label: "place",
        span: doc.tokens_span(0..4),
    });
    let ts = annals_geo::geoparse(&doc, &g);
    let texts: Vec<&str> = ts.iter().map(|t| t.text.as_str()).collect();
    assert_eq!(texts, vec!["Morocco"], "{ts:?}");
}

#[test]
fn a_division_mislabelled_as_a_person_is_still_a_place() {
    let Some(g) = gazetteer() else { return };
    let text = "Troops seized Daraa and the Lincoln farm.";
    let mut doc = Doc::from_article(&Article::new("t", text));
    for word in ["Daraa", "Lincoln"] {
        label_word(&mut doc, word, "person");
    }
    let ts = annals_geo::geoparse(&doc, &g);
    let t = find(&ts, "Daraa");
    assert_eq!(
        t.resolution.as_ref().unwrap().country.as_deref(),
        Some("SYR")
    );
    // A person's name that only towns share stays a person.
    assert!(ts.iter().all(|t| t.text != "Lincoln"), "{ts:?}");
}

#[test]
fn repeated_names_do_not_vote_for_themselves() {
    let Some(g) = gazetteer() else { return };
    // Three mentions of an ambiguous town must not outvote the division the story is in.
    let ts = parse(
        &g,
        "The parade left Franklin at noon. Franklin was quiet. Crowds came from Baton Rouge \
         and Lafayette to Franklin, and officials in Louisiana praised the day.",
    );
    for t in ts.iter().filter(|t| t.text == "Franklin") {
        let r = t.resolution.as_ref().unwrap();
        assert_eq!(r.admin1.as_deref(), Some("Louisiana"), "{r:?}");
    }
}

#[test]
fn given_spans_take_context_from_the_whole_text() {
    let Some(g) = gazetteer() else { return };
    let text = "Franklin is ready. Officials in Baton Rouge and Lafayette, Louisiana, agreed \
                to close Royal Street.";
    let doc = Doc::from_article(&Article::new("t", text));
    let at = |s: &str| {
        let i = text.find(s).unwrap();
        Span::new(i, i + s.len())
    };
    // Only two spans are given; the other places of the text are context.
    let ts = annals_geo::resolve_spans(&doc, &g, &[at("Franklin"), at("Royal Street")]);
    let franklin = ts[0].resolution.as_ref().unwrap();
    assert_eq!(
        franklin.admin1.as_deref(),
        Some("Louisiana"),
        "{franklin:?}"
    );
    // An unknown street stands for the document's main place, which lies in Louisiana.
    let street = ts[1].resolution.as_ref().unwrap();
    assert_eq!(street.basis, annals_geo::Basis::Context);
    assert_eq!(street.admin1.as_deref(), Some("Louisiana"), "{street:?}");
}

#[test]
fn unknown_names_prefer_a_document_place_inside_their_division() {
    let Some(g) = gazetteer() else { return };
    let text = "Students at Florida Atlantic University met in Boca Raton, where Boca Raton \
                police said the Boca Raton campus was closed.";
    let doc = Doc::from_article(&Article::new("t", text));
    let i = text.find("Florida Atlantic University").unwrap();
    let ts = annals_geo::resolve_spans(&doc, &g, &[Span::new(i, i + 27)]);
    let r = ts[0].resolution.as_ref().unwrap();
    assert_eq!(r.name, "Boca Raton", "{r:?}");
    // A single word inside an unknown name is not a place unless it is a place's own name.
    let text = "Dinner at the Christopher Inn in Boston was quiet.";
    let doc = Doc::from_article(&Article::new("t", text));
    let i = text.find("Christopher Inn").unwrap();
    let ts = annals_geo::resolve_spans(&doc, &g, &[Span::new(i, i + 15)]);
    let r = ts[0].resolution.as_ref().unwrap();
    assert_eq!(r.country.as_deref(), Some("USA"), "{r:?}");
}

#[test]
fn given_spans_are_resolved_exactly() {
    let Some(g) = gazetteer() else { return };
    let text = "Fighting in Homs and the Rukban refugee camp.";
    let doc = Doc::from_article(&Article::new("t", text));
    let homs = text.find("Homs").unwrap();
    let spans = [
        Span::new(homs, homs + 4),
        Span::new(text.find("Rukban").unwrap(), text.find(" refugee").unwrap()),
        Span::new(3, 1),   // inverted: skipped
        Span::new(0, 999), // out of range: skipped
    ];
    let ts = annals_geo::resolve_spans(&doc, &g, &spans);
    assert_eq!(ts.len(), 2);
    assert_eq!(ts[0].text, "Homs");
    assert_eq!(
        ts[0].resolution.as_ref().unwrap().country.as_deref(),
        Some("SYR")
    );
    let rukban = ts[1].resolution.as_ref().unwrap();
    assert_eq!(rukban.feature, "CMP", "{rukban:?}");
}

#[test]
fn names_inside_unknown_names_follow_the_document() {
    let Some(g) = gazetteer() else { return };
    // The small town named alone and inside a shop's name: both are the New Jersey one,
    // and the shop's name does not vote for a bigger namesake elsewhere.
    let text = "The ticket was sold at Riverdale Lukoil in Riverdale. Riverdale is in Morris \
                County, New Jersey, and Morris County officials were pleased.";
    let doc = Doc::from_article(&Article::new("t", text));
    let at = |s: &str, from: usize| {
        let i = from + text[from..].find(s).unwrap();
        Span::new(i, i + s.len())
    };
    let spans = [
        at("Riverdale Lukoil", 0),
        at("Riverdale", 40),
        at("Riverdale", 53),
        at("Morris County", 0),
        at("New Jersey", 0),
    ];
    let ts = annals_geo::resolve_spans(&doc, &g, &spans);
    for t in &ts[..3] {
        let r = t.resolution.as_ref().unwrap();
        assert_eq!(r.admin1.as_deref(), Some("New Jersey"), "{}: {r:?}", t.text);
    }
}

#[test]
fn a_town_inside_an_unknown_name_must_fit_the_story_s_state() {
    let Some(g) = gazetteer() else { return };
    // "Pearl Harbor" is unknown; Pearl, Mississippi is not what a story about Hawaii means.
    let text = "Honolulu is crowded. On Oahu, home to Honolulu and Pearl Harbor, Hawaii's \
                population fell, and Hawaii's jobs pay little.";
    let doc = Doc::from_article(&Article::new("t", text));
    let i = text.find("Pearl Harbor").unwrap();
    let ts = annals_geo::resolve_spans(&doc, &g, &[Span::new(i, i + 12)]);
    let r = ts[0].resolution.as_ref().unwrap();
    assert!(
        annals_geo::distance_km(r.lat, r.lon, 21.3, -157.86) < 161.0,
        "{r:?}"
    );
}

#[test]
fn places_sharing_a_county_cohere() {
    let Some(g) = gazetteer() else { return };
    // Two Kilburns in England: the one in Greater London, like the story's other places.
    let ts = parse(
        &g,
        "The victim, of Hayes, was shot in Kilburn. Police in Harrow and Brent made arrests.",
    );
    let r = find(&ts, "Kilburn").resolution.as_ref().unwrap();
    assert!(
        annals_geo::distance_km(r.lat, r.lon, 51.51, -0.13) < 30.0,
        "{r:?}"
    );
}

#[test]
fn a_big_city_beats_a_small_namesake_in_a_state_named_elsewhere() {
    let Some(g) = gazetteer() else { return };
    let ts = parse(
        &g,
        "Mississippi State beat Louisville on Sunday. Fans in Starkville, Mississippi, \
         celebrated.",
    );
    let r = find(&ts, "Louisville").resolution.as_ref().unwrap();
    assert_eq!(r.admin1.as_deref(), Some("Kentucky"), "{r:?}");
    // Named with its container, the small one stands.
    let ts = parse(&g, "Floods hit Louisville, Mississippi, and Jackson.");
    let r = find(&ts, "Louisville").resolution.as_ref().unwrap();
    assert_eq!(r.admin1.as_deref(), Some("Mississippi"), "{r:?}");
}

#[test]
fn modifiers_and_implausible_entities_are_not_event_places() {
    let Some(g) = gazetteer() else { return };
    let ts = parse(&g, "The U.S.-led coalition struck targets in Syria.");
    let us = ts.iter().find(|t| t.text.starts_with("U.S")).unwrap();
    assert_eq!(us.role, Role::Modifier, "{us:?}");
    assert!(us.to_location(None).is_some()); // still resolved; the caller decides
    assert_eq!(find(&ts, "Syria").role, Role::Place);
    // Hyphens inside a name are not a modifier.
    let ts = parse(&g, "Police patrolled Port-au-Prince on Monday.");
    assert_eq!(find(&ts, "Port-au-Prince").role, Role::Place);
    // Words the entity recognizer took for places by mistake.
    let text = "Meanwhile, shelling hit Idlib on Nov. 4.";
    let mut doc = Doc::from_article(&Article::new("t", text));
    for w in ["Meanwhile", "Nov", "Idlib"] {
        let i = doc
            .tokens
            .iter()
            .position(|t| t.norm.starts_with(w))
            .unwrap();
        doc.entities.push(Entity {
            tokens: i as u32..i as u32 + 1,
            label: "place",
            span: doc.tokens_span(i..i + 1),
        });
    }
    let ts = annals_geo::geoparse(&doc, &g);
    let texts: Vec<&str> = ts.iter().map(|t| t.text.as_str()).collect();
    assert_eq!(texts, ["Idlib"], "{ts:?}");
}

#[test]
fn country_table_api() {
    let Some(g) = gazetteer() else { return };
    assert_eq!(g.country_by_name("U.S.").unwrap().iso3, "USA");
    assert_eq!(g.country_by_demonym("Syrians").unwrap().iso3, "SYR");
    assert_eq!(g.capital_of("SYR"), Some("Damascus"));
    assert!(g.countries().len() > 240);
    let sy = g.country_place("SYR").unwrap();
    assert_eq!(sy.precision, GeoPrecision::Country);
}

/// Say that a test is skipped, on the terminal: libtest captures `println!`/`eprintln!`, but
/// not writes to the stderr handle, so this shows in `cargo test` output.
fn skip_notice(message: String) {
    use std::io::Write as _;
    let _ = writeln!(std::io::stderr(), "{message}");
}

#[test]
fn codes_and_abbreviations_are_not_words() {
    let Some(g) = gazetteer() else { return };
    // "Act" (ACT: Australian Capital Territory, and Waco's airport code), "Me" (ME: Maine),
    // "Pew" (Peshawar's airport code), "Make" (a romanised name of Mackay), "ID cards".
    let text = "The Act was passed in Canberra. Me and my team went to Paris. Pew said so. \
                Make no mistake. Americans in Ohio need ID cards now.";
    let mut doc = Doc::from_article(&Article::new("t", text));
    // The recognizer's one-word spans go through the same check.
    label_word(&mut doc, "Me", "place");
    let ts = annals_geo::geoparse(&doc, &g);
    // A span the recognizer gives stands, but not for Maine.
    let me = ts.iter().find(|t| t.text == "Me");
    assert!(
        me.and_then(|t| t.resolution.as_ref())
            .is_none_or(|r| r.admin1.as_deref() != Some("Maine") && r.name != "Maine"),
        "{me:?}"
    );
    let ts = parse(&g, text);
    let texts: Vec<&str> = ts.iter().map(|t| t.text.as_str()).collect();
    for w in ["Act", "Me", "Pew", "Make", "ID"] {
        assert!(!texts.contains(&w), "{w} taken for a place: {texts:?}");
    }
    for w in ["Canberra", "Paris", "Ohio"] {
        assert!(texts.contains(&w), "{w} missed: {texts:?}");
    }
}
