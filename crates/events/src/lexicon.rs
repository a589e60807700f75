//! Event patterns: which words, in which constructions, express which event.
//!
//! Patterns live in plain-text files under `data/events/` (format in `docs/lexicons.md`), one a
//! line:
//!
//! ```text
//! # POS  LEMMA   CONDITIONS...                    => TYPE[/MODE] CAMEO  OPTIONS...
//! verb   attack                                    => ASSAULT 190
//! verb   take    obj:captive,prisoner,hostage      => ASSAULT/abduct 181 count=captured
//! verb   carry   prt:out obj:attack,raid,strike    => ASSAULT 190
//! verb   call    prep:on                           => REQUEST 100 frame=request
//! verb   say                                       => - - frame=report
//! noun   airstrike                                 => ASSAULT/aerial 195
//! ```
//!
//! Conditions test the trigger's dependents in the parse: `obj:` (direct object lemma),
//! `prt:` (verb particle), `prep:` (a dependent introduced by that preposition), `xcomp:`,
//! `dep:` (any dependent lemma), `subj:`, `passive`, `active`. A value `@place` or `@actor`
//! instead of lemmas means "a place" or "a known actor". Options: `count=KIND` (what numbers on
//! the patient count), `recipient=ROLE[,ROLE]` and `actor=ROLE[,ROLE]` (which arguments fill
//! the roles: `subj`, `obj`, `iobj`, `patient`, `prep:X`), `frame=report|request|threat|deny|
//! allege|intend|attempt|stop|succeed|negate` for verbs that embed another event.

use std::collections::HashMap;
use std::fmt;
use std::path::{Path, PathBuf};

use annals_mentions::LexiconError;
use annals_mentions::actors::data_dir;
use annals_record::PloverType;

/// The part of speech a pattern's trigger has.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum TriggerPos {
    /// A verb (main or in a participle).
    Verb,
    /// A noun ("attack", "airstrike", "protest").
    Noun,
}

/// What a condition accepts: lemmas, and/or any place, and/or any known actor (a list such as
/// `@place,town,city` accepts a place or one of the lemmas).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Accept {
    /// Accepted lemmas (lower case).
    pub lemmas: Vec<String>,
    /// A place mention is accepted.
    pub place: bool,
    /// A known actor is accepted.
    pub actor: bool,
    /// Anything is accepted.
    pub any: bool,
}

impl Accept {
    /// Whether a lemma is accepted (by the lemma list, or because anything is).
    pub fn accepts_lemma(&self, lemma: &str) -> bool {
        self.any || self.lemmas.iter().any(|l| l == lemma)
    }
}

/// A test on the trigger's dependents.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Condition {
    /// A direct object.
    Obj(Accept),
    /// A verb particle (`compound:prt`).
    Particle(Accept),
    /// A dependent introduced by one of these prepositions (`case`/`mark` child).
    Prep(Vec<String>, Accept),
    /// An open clausal complement.
    Xcomp(Accept),
    /// Any dependent.
    Dep(Accept),
    /// The subject.
    Subj(Accept),
    /// Passive voice.
    Passive,
    /// Active voice.
    Active,
    /// No direct object and no clausal complement ("Albanians demonstrated", not "demonstrated
    /// its resolve").
    Intransitive,
    /// A warning of the speaker's own act: a `that` clause in the future ("warned that it
    /// will retaliate against them") with an object, an `against` phrase or a negation, whose
    /// subject is a personal pronoun, or a known actor when the act is refused ("warned that police will no longer tolerate rallies"). Not a forecast ("warned
    /// that the economy will shrink", "that militants will strike").
    Warning,
}

/// Which argument fills a role.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum RoleSource {
    /// Subject of an active verb (or passive agent).
    Subj,
    /// Direct object of an active verb.
    Obj,
    /// Indirect object.
    Iobj,
    /// The patient: object of an active verb, subject of a passive one.
    Patient,
    /// Dependent introduced by a preposition.
    Prep(String),
    /// Subject of the clause that says what the trigger (or its object) hopes, fears or
    /// doubts: "hoped that the judges would free him", "expressed pessimism that the ministry
    /// could finish".
    Clause,
}

/// How a verb embeds another event.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Frame {
    /// Reported speech: `say`, `report`, `announce`. The speaker is the claim's source.
    Report,
    /// A demand: `call on`, `urge`, `demand`. REQUEST, not the requested act.
    Request,
    /// A threat: `threaten`. THREATEN, not the threatened act.
    Threat,
    /// A denial: `deny`. The embedded event is negated.
    Deny,
    /// An allegation: `allege`, `accuse`. The embedded event is alleged.
    Allege,
    /// Intent or plan: `plan`, `want`, `seek`. The embedded event is hypothetical.
    Intend,
    /// An attempt: `try`, `attempt`. The embedded event is hypothetical.
    Attempt,
    /// Ending: `stop`, `cease`, `halt`. The embedded event is negated.
    Stop,
    /// Success: `succeed in`, `manage to`. The embedded event is asserted.
    Succeed,
    /// Refusal or failure: `refuse`, `fail`. The embedded event is negated.
    Negate,
}

/// One event pattern.
#[derive(Debug, Clone, PartialEq)]
pub struct EventPattern {
    /// Trigger part of speech.
    pub pos: TriggerPos,
    /// Trigger lemma.
    pub lemma: String,
    /// Conditions that must all hold.
    pub conditions: Vec<Condition>,
    /// PLOVER type; `None` for pure frame verbs (`say`) and for statements.
    pub event_type: Option<PloverType>,
    /// A CAMEO statement (type `-` with a CAMEO 01 code: "claimed responsibility" 015,
    /// "expressed condolences" 018): coded as a record without a PLOVER type.
    pub statement: bool,
    /// PLOVER mode.
    pub mode: Option<String>,
    /// CAMEO code.
    pub cameo: Option<String>,
    /// What counts attached to the patient count (`killed`, `captured`, ...).
    pub count: Option<String>,
    /// Where the actor comes from (default: subject / passive agent).
    pub actor: Vec<RoleSource>,
    /// Where the recipient comes from (default: patient, then `prep:against/on/with/to`).
    pub recipient: Vec<RoleSource>,
    /// How the verb embeds another event, if it does.
    pub frame: Option<Frame>,
    /// File and line.
    pub source: String,
}

/// All event patterns, indexed by (part of speech, lemma).
#[derive(Debug, Clone, Default)]
pub struct EventLexicon {
    by_trigger: HashMap<(TriggerPos, String), Vec<EventPattern>>,
    count: usize,
}

impl fmt::Display for TriggerPos {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            TriggerPos::Verb => "verb",
            TriggerPos::Noun => "noun",
        })
    }
}

fn parse_accept(value: &str) -> Accept {
    let mut accept = Accept::default();
    for item in value.split(',').map(|s| s.trim().to_lowercase()) {
        match item.as_str() {
            "" => {}
            "@place" => accept.place = true,
            "@actor" => accept.actor = true,
            "*" | "@any" => accept.any = true,
            _ => accept.lemmas.push(item),
        }
    }
    accept
}

fn parse_role(value: &str) -> Result<RoleSource, String> {
    Ok(match value {
        "subj" => RoleSource::Subj,
        "obj" => RoleSource::Obj,
        "iobj" => RoleSource::Iobj,
        "patient" => RoleSource::Patient,
        "clause" => RoleSource::Clause,
        other => match other.strip_prefix("prep:") {
            Some(p) if !p.is_empty() => RoleSource::Prep(p.to_lowercase()),
            _ => {
                return Err(format!(
                    "unknown role {other:?}: use subj, obj, iobj, patient, clause or prep:WORD"
                ));
            }
        },
    })
}

fn parse_frame(value: &str) -> Result<Frame, String> {
    Ok(match value {
        "report" => Frame::Report,
        "request" => Frame::Request,
        "threat" => Frame::Threat,
        "deny" => Frame::Deny,
        "allege" => Frame::Allege,
        "intend" => Frame::Intend,
        "attempt" => Frame::Attempt,
        "stop" => Frame::Stop,
        "succeed" => Frame::Succeed,
        "negate" => Frame::Negate,
        other => return Err(format!("unknown frame {other:?}")),
    })
}

/// Parse one pattern line (without comment). `Ok(None)` for blank lines.
pub fn parse_pattern_line(line: &str, source: &str) -> Result<Option<EventPattern>, String> {
    let line = line.trim();
    if line.is_empty() || line.starts_with('#') {
        return Ok(None);
    }
    let (left, right) = line.split_once("=>").ok_or_else(|| {
        "expected `POS LEMMA [CONDITIONS] => TYPE[/MODE] CAMEO [OPTIONS]`".to_string()
    })?;
    let mut left_fields = left.split_whitespace();
    let pos = match left_fields.next() {
        Some("verb") => TriggerPos::Verb,
        Some("noun") => TriggerPos::Noun,
        other => return Err(format!("expected `verb` or `noun` first, got {other:?}")),
    };
    let lemma = left_fields
        .next()
        .ok_or("missing trigger lemma")?
        .to_lowercase();
    let mut conditions = Vec::new();
    for field in left_fields {
        let condition = match field {
            "passive" => Condition::Passive,
            "active" => Condition::Active,
            "intransitive" => Condition::Intransitive,
            "warning" => Condition::Warning,
            _ => {
                let (key, value) = field
                    .split_once(':')
                    .ok_or_else(|| format!("condition {field:?} should be KEY:VALUE"))?;
                match key {
                    "obj" => Condition::Obj(parse_accept(value)),
                    "prt" => Condition::Particle(parse_accept(value)),
                    "xcomp" => Condition::Xcomp(parse_accept(value)),
                    "dep" => Condition::Dep(parse_accept(value)),
                    "subj" => Condition::Subj(parse_accept(value)),
                    "prep" => {
                        // prep:on or prep:on=@place
                        let (preps, accept) = match value.split_once('=') {
                            Some((p, a)) => (p, parse_accept(a)),
                            None => (
                                value,
                                Accept {
                                    any: true,
                                    ..Accept::default()
                                },
                            ),
                        };
                        Condition::Prep(
                            preps.split(',').map(|p| p.trim().to_lowercase()).collect(),
                            accept,
                        )
                    }
                    other => return Err(format!("unknown condition {other:?}")),
                }
            }
        };
        conditions.push(condition);
    }
    let mut right_fields = right.split_whitespace();
    let type_field = right_fields.next().ok_or("missing event type after `=>`")?;
    let (event_type, mode) = if type_field == "-" {
        (None, None)
    } else {
        let (t, m) = match type_field.split_once('/') {
            Some((t, m)) => (t, Some(m.to_string())),
            None => (type_field, None),
        };
        let parsed: PloverType = t.parse().map_err(|e| format!("{e}"))?;
        if let Some(m) = &m
            && !parsed.modes().contains(&m.as_str())
            && !EXTRA_MODES.contains(&m.as_str())
        {
            return Err(format!(
                "mode {m:?} is not a PLOVER 2.0 mode of {parsed}: one of {:?}",
                parsed.modes()
            ));
        }
        (Some(parsed), m)
    };
    let cameo = match right_fields.next() {
        None | Some("-") => None,
        Some(code)
            if code.len() >= 2 && code.len() <= 4 && code.bytes().all(|b| b.is_ascii_digit()) =>
        {
            Some(code.to_string())
        }
        Some(other) => return Err(format!("CAMEO code {other:?} should be 2-4 digits or -")),
    };
    let mut pattern = EventPattern {
        pos,
        lemma,
        conditions,
        statement: event_type.is_none() && cameo.as_deref().is_some_and(|c| c.starts_with("01")),
        event_type,
        mode,
        cameo,
        count: None,
        actor: Vec::new(),
        recipient: Vec::new(),
        frame: None,
        source: source.to_string(),
    };
    for option in right_fields {
        let (key, value) = option
            .split_once('=')
            .ok_or_else(|| format!("option {option:?} should be KEY=VALUE"))?;
        match key {
            "count" => pattern.count = Some(value.to_string()),
            "actor" => {
                pattern.actor = value.split(',').map(parse_role).collect::<Result<_, _>>()?;
            }
            "recipient" => {
                pattern.recipient = value.split(',').map(parse_role).collect::<Result<_, _>>()?;
            }
            "frame" => pattern.frame = Some(parse_frame(value)?),
            other => return Err(format!("unknown option {other:?}")),
        }
    }
    if pattern.event_type.is_none() && pattern.cameo.is_some() && !pattern.statement {
        return Err(
            "a pattern without an event type (`-`) codes a statement: its CAMEO code must be 01x"
                .to_string(),
        );
    }
    if !pattern.codes_event() && pattern.frame.is_none() {
        return Err(
            "a pattern without an event type (`-`) must give a frame or a CAMEO 01x code"
                .to_string(),
        );
    }
    Ok(Some(pattern))
}

impl EventPattern {
    /// Whether a match codes a record: a PLOVER event or a CAMEO statement.
    pub fn codes_event(&self) -> bool {
        self.event_type.is_some() || self.statement
    }
}

/// Modes used by PLOVER-era data that are not in the 2.0 list but are kept for CAMEO detail.
const EXTRA_MODES: &[&str] = &["assassinate", "massacre"];

impl EventLexicon {
    /// Parse pattern files; errors carry file and line.
    pub fn from_texts(files: &[(String, String)]) -> Result<EventLexicon, Vec<LexiconError>> {
        let mut lexicon = EventLexicon::default();
        let mut errors = Vec::new();
        for (name, text) in files {
            for (n, raw) in text.lines().enumerate() {
                let line = raw.split(" #").next().unwrap_or("");
                let source = format!("{name}:{}", n + 1);
                match parse_pattern_line(line, &source) {
                    Ok(Some(p)) => lexicon.add(p),
                    Ok(None) => {}
                    Err(message) => errors.push(LexiconError {
                        file: name.clone(),
                        line: n + 1,
                        message,
                    }),
                }
            }
        }
        if errors.is_empty() {
            Ok(lexicon)
        } else {
            Err(errors)
        }
    }

    /// Load the shipped pattern files (`data/events/*.txt`) plus `extra` files.
    pub fn load(extra: &[PathBuf]) -> Result<EventLexicon, Vec<LexiconError>> {
        let dir = data_dir().join("events");
        let mut paths: Vec<PathBuf> = std::fs::read_dir(&dir)
            .map(|rd| {
                rd.filter_map(|e| e.ok().map(|e| e.path()))
                    .filter(|p| p.extension().is_some_and(|x| x == "txt"))
                    .collect()
            })
            .unwrap_or_default();
        paths.sort();
        paths.extend(extra.iter().cloned());
        let mut files = Vec::new();
        let mut errors = Vec::new();
        for p in paths {
            match std::fs::read_to_string(&p) {
                Ok(text) => files.push((label(&p), text)),
                Err(e) => errors.push(LexiconError {
                    file: p.display().to_string(),
                    line: 0,
                    message: format!("cannot read: {e}"),
                }),
            }
        }
        if !errors.is_empty() {
            return Err(errors);
        }
        EventLexicon::from_texts(&files)
    }

    fn add(&mut self, pattern: EventPattern) {
        self.count += 1;
        self.by_trigger
            .entry((pattern.pos, pattern.lemma.clone()))
            .or_default()
            .push(pattern);
    }

    /// Patterns for a trigger, most specific (most conditions) first.
    pub fn patterns(&self, pos: TriggerPos, lemma: &str) -> &[EventPattern] {
        self.by_trigger
            .get(&(pos, lemma.to_string()))
            .map(Vec::as_slice)
            .unwrap_or(&[])
    }

    /// Whether any pattern has this trigger.
    pub fn has_trigger(&self, pos: TriggerPos, lemma: &str) -> bool {
        self.by_trigger.contains_key(&(pos, lemma.to_string()))
    }

    /// Number of patterns.
    pub fn len(&self) -> usize {
        self.count
    }

    /// Whether there are no patterns.
    pub fn is_empty(&self) -> bool {
        self.count == 0
    }

    /// Types covered by at least one pattern.
    pub fn types_covered(&self) -> Vec<PloverType> {
        let mut types: Vec<PloverType> = self
            .by_trigger
            .values()
            .flatten()
            .filter_map(|p| p.event_type)
            .collect();
        types.sort();
        types.dedup();
        types
    }

    /// Sort each trigger's patterns so the most specific come first.
    pub fn finish(mut self) -> EventLexicon {
        for list in self.by_trigger.values_mut() {
            list.sort_by_key(|p| std::cmp::Reverse(p.conditions.len()));
        }
        self
    }
}

fn label(path: &Path) -> String {
    path.file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| path.display().to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_patterns_and_options() {
        let p = parse_pattern_line(
            "verb take obj:captive,prisoner passive => ASSAULT/abduct 181 count=captured recipient=patient",
            "t:1",
        )
        .unwrap()
        .unwrap();
        assert_eq!(p.pos, TriggerPos::Verb);
        assert_eq!(p.lemma, "take");
        assert_eq!(p.event_type, Some(PloverType::Assault));
        assert_eq!(p.mode.as_deref(), Some("abduct"));
        assert_eq!(p.cameo.as_deref(), Some("181"));
        assert_eq!(p.count.as_deref(), Some("captured"));
        assert_eq!(p.recipient, vec![RoleSource::Patient]);
        assert_eq!(p.conditions.len(), 2);
        let f = parse_pattern_line("verb say => - - frame=report", "t:2")
            .unwrap()
            .unwrap();
        assert_eq!(f.frame, Some(Frame::Report));
        assert_eq!(f.event_type, None);
        assert!(!f.statement && !f.codes_event());
        let claim = parse_pattern_line("verb claim obj:responsibility => - 015", "t:3")
            .unwrap()
            .unwrap();
        assert!(claim.statement && claim.codes_event());
        assert_eq!(claim.event_type, None);
        assert_eq!(claim.cameo.as_deref(), Some("015"));
        let deny = parse_pattern_line("verb deny obj:charge => - 016 frame=deny", "t:4")
            .unwrap()
            .unwrap();
        assert!(deny.statement && deny.frame == Some(Frame::Deny));
        // Only CAMEO 01 codes are statements; a bare `-` must frame something.
        assert!(parse_pattern_line("verb hit => - 190", "t:5").is_err());
        assert!(parse_pattern_line("verb hit => - -", "t:6").is_err());
        let prep = parse_pattern_line("verb seize obj:@place prep:from=@actor => ASSAULT 190", "t")
            .unwrap()
            .unwrap();
        let place = Accept {
            place: true,
            ..Accept::default()
        };
        let actor = Accept {
            actor: true,
            ..Accept::default()
        };
        assert_eq!(prep.conditions[0], Condition::Obj(place));
        assert_eq!(
            prep.conditions[1],
            Condition::Prep(vec!["from".into()], actor)
        );
        let mixed = parse_pattern_line("verb seize obj:@place,town => ASSAULT 190", "t")
            .unwrap()
            .unwrap();
        let Condition::Obj(a) = &mixed.conditions[0] else {
            panic!("not an object condition")
        };
        assert!(a.place && a.lemmas == vec!["town".to_string()]);
    }

    #[test]
    fn errors_are_specific() {
        let bad = [
            ("attack => ASSAULT 190", "verb` or `noun"),
            ("verb attack => HUG 190", "unknown PLOVER"),
            ("verb attack => ASSAULT/dance 190", "not a PLOVER 2.0 mode"),
            ("verb attack => ASSAULT 19x", "CAMEO code"),
            ("verb say => - -", "frame"),
            ("verb attack zzz => ASSAULT 190", "KEY:VALUE"),
            ("verb attack => ASSAULT 190 frame=dance", "unknown frame"),
        ];
        for (line, want) in bad {
            let err = parse_pattern_line(line, "t").unwrap_err();
            assert!(err.contains(want), "{line}: {err}");
        }
        let lexicon = EventLexicon::from_texts(&[(
            "f.txt".into(),
            "verb attack => ASSAULT 190\nnonsense\n".into(),
        )]);
        let errors = lexicon.unwrap_err();
        assert_eq!(errors[0].line, 2);
    }

    #[test]
    fn specific_patterns_come_first() {
        let lexicon = EventLexicon::from_texts(&[(
            "f.txt".into(),
            "verb take => - - frame=intend\nverb take obj:captive => ASSAULT/abduct 181\n".into(),
        )])
        .unwrap()
        .finish();
        let p = lexicon.patterns(TriggerPos::Verb, "take");
        assert_eq!(p[0].conditions.len(), 1);
        assert!(lexicon.has_trigger(TriggerPos::Verb, "take"));
        assert!(!lexicon.has_trigger(TriggerPos::Noun, "take"));
    }
}
