//! The shipped event pattern lexicons (`data/events/*.txt`) load without errors, cover every
//! PLOVER 2.0 type and every frame kind, and have no patterns that can never fire.

use std::collections::HashMap;
use std::path::PathBuf;

use annals_events::lexicon::{
    EventLexicon, EventPattern, Frame, RoleSource, TriggerPos, parse_pattern_line,
};
use annals_events::record::PloverType;

/// Count kinds the coder and the record format know.
const COUNT_KINDS: &[&str] = &[
    "killed",
    "injured",
    "captured",
    "arrested",
    "displaced",
    "surrendered",
    "evacuated",
    "participants",
    "people",
];

fn shipped_dir() -> PathBuf {
    PathBuf::from(concat!(env!("CARGO_MANIFEST_DIR"), "/../../data/events"))
}

/// Every pattern of the shipped files, parsed line by line (comments stripped as the loader
/// does).
fn shipped_patterns() -> Vec<EventPattern> {
    let mut paths: Vec<PathBuf> = std::fs::read_dir(shipped_dir())
        .expect("data/events exists")
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "txt"))
        .collect();
    paths.sort();
    let mut out = Vec::new();
    for path in paths {
        let name = path.file_name().unwrap().to_string_lossy().into_owned();
        let text = std::fs::read_to_string(&path).unwrap();
        for (n, raw) in text.lines().enumerate() {
            let line = raw.split(" #").next().unwrap_or("");
            if let Ok(Some(p)) = parse_pattern_line(line, &format!("{name}:{}", n + 1)) {
                out.push(p);
            }
        }
    }
    out
}

fn load() -> EventLexicon {
    match EventLexicon::load(&[]) {
        Ok(lexicon) => lexicon.finish(),
        Err(errors) => {
            let listed: Vec<String> = errors
                .iter()
                .map(|e| format!("{}:{}: {}", e.file, e.line, e.message))
                .collect();
            panic!(
                "{} error(s) in the shipped event lexicons:\n{}",
                errors.len(),
                listed.join("\n")
            );
        }
    }
}

#[test]
fn shipped_event_lexicons_load_without_errors() {
    let lexicon = load();
    assert!(
        lexicon.len() >= 600,
        "expected at least 600 event patterns, found {}",
        lexicon.len()
    );
    for file in ["verbs.txt", "nouns.txt", "frames.txt"] {
        assert!(
            shipped_dir().join(file).exists(),
            "data/events/{file} is missing"
        );
    }
}

#[test]
fn every_plover_type_has_patterns() {
    let lexicon = load();
    let covered = lexicon.types_covered();
    let all = [
        PloverType::Agree,
        PloverType::Consult,
        PloverType::Support,
        PloverType::Concede,
        PloverType::Cooperate,
        PloverType::Aid,
        PloverType::Retreat,
        PloverType::Request,
        PloverType::Accuse,
        PloverType::Reject,
        PloverType::Threaten,
        PloverType::Protest,
        PloverType::Sanction,
        PloverType::Mobilize,
        PloverType::Coerce,
        PloverType::Assault,
    ];
    let missing: Vec<String> = all
        .iter()
        .filter(|t| !covered.contains(t))
        .map(|t| t.to_string())
        .collect();
    assert!(
        missing.is_empty(),
        "PLOVER types without patterns: {missing:?}"
    );
    // Each type is reachable from both verbs and nouns, and each has a reasonable number of
    // patterns.
    let patterns = shipped_patterns();
    for t in all {
        let of_type: Vec<&EventPattern> = patterns
            .iter()
            .filter(|p| p.event_type == Some(t))
            .collect();
        assert!(of_type.len() >= 5, "{t}: only {} patterns", of_type.len());
        assert!(
            of_type.iter().any(|p| p.pos == TriggerPos::Verb),
            "{t}: no verb patterns"
        );
    }
}

#[test]
fn every_frame_kind_is_present() {
    let lexicon = load();
    let expect = [
        ("say", Frame::Report),
        ("announce", Frame::Report),
        ("urge", Frame::Request),
        ("demand", Frame::Request),
        ("threaten", Frame::Threat),
        ("deny", Frame::Deny),
        ("allege", Frame::Allege),
        ("accuse", Frame::Allege),
        ("plan", Frame::Intend),
        ("try", Frame::Attempt),
        ("stop", Frame::Stop),
        ("refuse", Frame::Negate),
        ("fail", Frame::Negate),
        ("succeed", Frame::Succeed),
    ];
    for (lemma, frame) in expect {
        assert!(
            lexicon
                .patterns(TriggerPos::Verb, lemma)
                .iter()
                .any(|p| p.frame == Some(frame)),
            "`{lemma}` has no {frame:?} frame pattern"
        );
    }
    // Request and threat frames are events themselves; report frames are not.
    for p in shipped_patterns() {
        match p.frame {
            Some(Frame::Request) => assert_eq!(
                p.event_type,
                Some(PloverType::Request),
                "{}: a request frame must be coded REQUEST",
                p.source
            ),
            Some(Frame::Threat) => assert_eq!(
                p.event_type,
                Some(PloverType::Threaten),
                "{}: a threat frame must be coded THREATEN",
                p.source
            ),
            Some(Frame::Report) => assert!(
                p.event_type.is_none(),
                "{}: a report frame codes no event",
                p.source
            ),
            _ => {}
        }
    }
}

#[test]
fn patterns_are_well_formed_and_reachable() {
    let patterns = shipped_patterns();
    let mut problems = Vec::new();
    // Same trigger, same conditions: the later one can never fire.
    let mut seen: HashMap<(TriggerPos, String, String), String> = HashMap::new();
    for p in &patterns {
        let key = (p.pos, p.lemma.clone(), format!("{:?}", p.conditions));
        if let Some(first) = seen.get(&key) {
            problems.push(format!(
                "{}: same trigger and conditions as {first}; it never fires",
                p.source
            ));
        } else {
            seen.insert(key, p.source.clone());
        }
        if p.lemma
            .chars()
            .any(|c| c.is_uppercase() || c.is_whitespace())
        {
            problems.push(format!(
                "{}: lemma {:?} should be lower case",
                p.source, p.lemma
            ));
        }
        if let Some(k) = &p.count
            && !COUNT_KINDS.contains(&k.as_str())
        {
            problems.push(format!("{}: unknown count kind {k:?}", p.source));
        }
        if p.event_type.is_some() && p.cameo.is_none() {
            problems.push(format!("{}: an event pattern needs a CAMEO code", p.source));
        }
        // A CAMEO code of an event pattern belongs to the CAMEO ontology's 20 roots.
        if let Some(code) = &p.cameo {
            let root: u32 = code[..2].parse().unwrap_or(0);
            if !(1..=20).contains(&root) {
                problems.push(format!("{}: CAMEO code {code} has no root 01-20", p.source));
            }
        }
    }
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}

#[test]
fn specific_patterns_win_and_polysemous_verbs_have_no_default() {
    let lexicon = load();
    // Most conditions first.
    for lemma in ["strike", "take", "kill", "call", "refuse"] {
        let ps = lexicon.patterns(TriggerPos::Verb, lemma);
        assert!(!ps.is_empty(), "no patterns for {lemma}");
        assert!(
            ps.windows(2)
                .all(|w| w[0].conditions.len() >= w[1].conditions.len()),
            "{lemma}: patterns not sorted by specificity"
        );
    }
    // Verbs with many non-event senses are coded only under conditions.
    for lemma in [
        "strike", "hit", "fire", "take", "hold", "open", "launch", "carry", "give", "call",
    ] {
        assert!(
            lexicon
                .patterns(TriggerPos::Verb, lemma)
                .iter()
                .all(|p| !p.conditions.is_empty()),
            "`{lemma}` has an unconditioned pattern"
        );
    }
    // Core triggers exist.
    for lemma in [
        "attack", "kill", "arrest", "meet", "protest", "withdraw", "release", "accuse",
    ] {
        assert!(
            lexicon.has_trigger(TriggerPos::Verb, lemma),
            "no verb `{lemma}`"
        );
    }
    for lemma in [
        "airstrike",
        "protest",
        "talk",
        "sanction",
        "ceasefire",
        "arrest",
        "attack",
    ] {
        assert!(
            lexicon.has_trigger(TriggerPos::Noun, lemma),
            "no noun `{lemma}`"
        );
    }
}

#[test]
fn concessions_cuts_defences_and_vows_have_their_patterns() {
    let lexicon = load();
    // (verb, a word of the pattern's condition, the type it codes)
    let cases = [
        ("shorten", "curfew", PloverType::Concede),
        ("reduce", "aid", PloverType::Sanction),
        ("prohibit", "aid", PloverType::Sanction),
        ("ban", "aid", PloverType::Sanction),
        ("defend", "criticism", PloverType::Support),
        ("deface", "website", PloverType::Coerce),
        ("remain", "alert", PloverType::Mobilize),
        ("block", "traffic", PloverType::Coerce),
        ("prevent", "demonstration", PloverType::Coerce),
        ("dispatch", "inspectors", PloverType::Accuse),
        ("send", "investigators", PloverType::Accuse),
        ("order", "patrols", PloverType::Mobilize),
        ("withdraw", "inspectors", PloverType::Sanction),
        ("withdraw", "workers", PloverType::Sanction),
        ("tighten", "blockade", PloverType::Coerce),
        ("allow", "participate", PloverType::Concede),
        ("receive", "inspectors", PloverType::Retreat),
        ("clamp", "curfew", PloverType::Coerce),
        ("clamp", "restrictions", PloverType::Coerce),
        ("pay", "compensation", PloverType::Aid),
        ("swear", "fight", PloverType::Threaten),
        ("insist", "demand", PloverType::Request),
        ("reiterate", "demand", PloverType::Request),
        ("deny", "permit", PloverType::Reject),
        // People forced out of their homes are expelled.
        ("force", "homes", PloverType::Coerce),
    ];
    for (lemma, word, ty) in cases {
        let found = lexicon
            .patterns(TriggerPos::Verb, lemma)
            .iter()
            .find(|p| format!("{:?}", p.conditions).contains(&format!("\"{word}\"")));
        let Some(p) = found else {
            panic!("no `{lemma}` pattern with `{word}`");
        };
        assert_eq!(p.event_type, Some(ty), "{lemma} {word}: {}", p.source);
    }
    // Roads blocked by the state are a restriction, by anyone else an obstruction (PROTEST).
    let block = lexicon.patterns(TriggerPos::Verb, "block");
    let roads = |p: &&EventPattern| format!("{:?}", p.conditions).contains("\"roads\"");
    let mut road_patterns = block.iter().filter(roads);
    let state = road_patterns.next().expect("a `block roads` pattern");
    assert!(format!("{:?}", state.conditions).contains("\"police\""));
    assert_eq!(state.event_type, Some(PloverType::Coerce));
    let other = road_patterns
        .next()
        .expect("a second `block roads` pattern");
    assert_eq!(other.conditions.len(), 1);
    assert_eq!(other.event_type, Some(PloverType::Protest));
    // Lobbies and opinion mobilised are no armed force; militias are.
    let mobilize = lexicon.patterns(TriggerPos::Verb, "mobilize");
    let first = |word: &str| {
        mobilize
            .iter()
            .find(|p| format!("{:?}", p.conditions).contains(&format!("\"{word}\"")))
            .map(|p| p.event_type)
    };
    assert_eq!(first("pressure"), Some(None));
    assert_eq!(first("militia"), Some(Some(PloverType::Mobilize)));
    assert_eq!(first("funds"), Some(Some(PloverType::Aid)));
    // "was sworn in" is no vow.
    assert!(
        lexicon
            .patterns(TriggerPos::Verb, "swear")
            .iter()
            .any(|p| p.event_type.is_none() && format!("{:?}", p.conditions).contains("\"in\""))
    );
}

#[test]
fn statements_name_whom_or_what_they_are_about() {
    let lexicon = load();
    let recipients = |lemma: &str, word: &str| -> Vec<RoleSource> {
        lexicon
            .patterns(TriggerPos::Verb, lemma)
            .iter()
            .find(|p| format!("{:?}", p.conditions).contains(&format!("\"{word}\"")))
            .unwrap_or_else(|| panic!("no `{lemma}` pattern with `{word}`"))
            .recipient
            .clone()
    };
    // "expressed condolences for the victims' families", "over the earthquake".
    let condolences = recipients("express", "condolences");
    assert!(condolences.contains(&RoleSource::Prep("for".into())));
    assert!(condolences.contains(&RoleSource::Prep("over".into())));
    // "expressed hope that the talks ...", "voiced concern that the army ...".
    assert!(recipients("express", "hope").contains(&RoleSource::Clause));
    assert!(recipients("voice", "concern").contains(&RoleSource::Clause));
    // "conceded to the demands from the association": done to who made them.
    for lemma in ["concede", "yield", "bow"] {
        assert!(recipients(lemma, "demands").contains(&RoleSource::Prep("to".into())));
    }
    // "refused direct talks with the government": the party that would have met.
    for lemma in ["reject", "refuse"] {
        assert!(recipients(lemma, "talks").contains(&RoleSource::Prep("with".into())));
    }
    let hope = lexicon.patterns(TriggerPos::Verb, "hope");
    assert!(hope.iter().any(|p| p.recipient == vec![RoleSource::Clause]));
}

/// The CAMEO codes of a trigger's patterns, in the order they are tried.
fn codes(lexicon: &EventLexicon, pos: TriggerPos, lemma: &str) -> Vec<String> {
    lexicon
        .patterns(pos, lemma)
        .iter()
        .filter_map(|p| p.cameo.clone())
        .collect()
}

#[test]
fn material_cooperation_patterns_are_shipped() {
    let lexicon = load();
    let verb = |lemma: &str| codes(&lexicon, TriggerPos::Verb, lemma);
    // Returned things with a receiver are property (0842); returned people are released (0841)
    // and tried first.
    let ret = verb("return");
    let person = ret.iter().position(|c| c == "0841").expect("return 0841");
    let property = ret.iter().position(|c| c == "0842").expect("return 0842");
    assert!(
        person < property,
        "return: people must be tried before things"
    );
    for (lemma, code) in [
        ("let", "0841"),
        ("open", "075"),
        ("fly", "073"),
        ("deploy", "074"),
        ("send", "074"),
        ("participate", "074"),
        ("hold", "184"),
        ("remain", "152"),
        ("strengthen", "154"),
        ("lift", "085"),
        ("declare", "0871"),
        ("expel", "1662"),
        ("withdraw", "1661"),
        ("violate", "128"),
        ("reduce", "162"),
        ("force", "1663"),
        ("approve", "063"),
        ("end", "165"),
        ("fail", "120"),
        ("seek", "166"),
        ("agree", "0356"),
        ("remove", "085"),
        ("suspend", "085"),
    ] {
        assert!(
            verb(lemma).iter().any(|c| c == code),
            "no `{lemma}` pattern coded {code}"
        );
    }
    assert!(codes(&lexicon, TriggerPos::Noun, "warfare").contains(&"176".to_string()));
    assert!(codes(&lexicon, TriggerPos::Noun, "game").contains(&"062".to_string()));
    // A decision to act is the act: `decide` asserts its complement.
    let decide = lexicon.patterns(TriggerPos::Verb, "decide");
    assert!(decide.iter().all(|p| p.frame == Some(Frame::Succeed)));
}
