//! Running totals. A clause that sums many incidents over a period reports a toll, not one
//! event: "more than 300,000 people have been killed since the war began", "a conflict that
//! has claimed 400,000 lives", "killed 550 civilians in the last two months". Such records
//! are marked [`aggregate`](annals_record::EventRecord::aggregate) so that incident counts,
//! casualty sums and deduplication can leave them out.

use annals_document::Upos;

use crate::tree::Sent;

/// Long conflicts. As the subject of a perfect verb ("the war has killed …") or the setting
/// of a perfect passive ("… have been killed in the conflict") they make a count a toll.
/// Short ones (fighting, clashes, an attack) do not: "three soldiers have been killed in
/// fighting" is news of one incident.
const LONG_CONFLICTS: &[&str] = &[
    "war",
    "conflict",
    "uprising",
    "insurgency",
    "insurrection",
    "revolution",
    "revolt",
    "rebellion",
    "crisis",
];

/// Periods long enough that a count over them is a running total ("in the past two months",
/// "in three years of conflict", "in the past year"). A day or a week is the span of one news
/// story; weeks are not. "Last year" and "this month" date an event; they sum nothing.
const LONG_PERIODS: &[&str] = &["month", "year", "decade"];

/// Modifiers that make a period a span up to now ("the past two months", "recent weeks").
const SPAN_MODIFIERS: &[&str] = &["past", "last", "previous", "recent"];

/// Whether the clause headed by `verb` reports a running total. Only the verb's own
/// dependents count (and those of the verb it is a conjunct of), so that "the first arrests
/// since the attack" inside an argument does not make the arrest a toll.
pub(crate) fn is_running_total(s: &Sent, verb: usize) -> bool {
    // The trigger's clause and, for a conjunct ("… have been killed and millions displaced
    // since 2011"), the clause it is joined to.
    let mut verbs = vec![verb];
    if s.base_rel(verb) == "conj"
        && let Some(h) = s.head(verb)
    {
        verbs.push(h);
    }
    // … and the verbs joined to it: "… have been killed and millions displaced since 2011".
    verbs.extend(
        s.children_rel(verb, "conj")
            .filter(|&c| matches!(s.upos(c), Upos::Verb)),
    );
    let perfect = verbs.iter().any(|&v| {
        s.children_rel(v, "aux")
            .any(|a| s.lemma(a) == "have" && s.rel(a) != "aux:pass")
    });
    let passive = verbs.iter().any(|&v| s.is_passive(v));
    let long_conflict = |t: usize| LONG_CONFLICTS.contains(&s.lemma(t));
    for &v in &verbs {
        for &c in s.children(v) {
            let word = s.lower(c);
            let case = s.case_of(c);
            let rel = s.base_rel(c);
            let only_case = s.children(c).len() == 1;
            let total = match rel {
                // "since 2011", "since then"; "since the war began" with a perfect verb
                // (without one, "since" gives a reason).
                "obl" | "nmod" | "advmod" if case == Some("since") => true,
                "advmod" if word == "since" => true,
                // "Since then … have been killed" (a `since` hung on the verb itself).
                "mark" if word == "since" => perfect,
                "advcl" => perfect && case == Some("since"),
                // "so far", "to date", "in total".
                "advmod" if word == "far" => c > s.range.start && s.lower(c - 1) == "so",
                "obl" | "nmod" if word == "date" => case == Some("to") && only_case,
                "obl" | "nmod" if word == "total" => case == Some("in") && only_case,
                // "in the past two months", "over three years", "in recent weeks" (weeks, not
                // a week), "in the past year"; not "last year" or "this month", which date
                // one event.
                "obl" | "nmod"
                    if LONG_PERIODS.contains(&s.lemma(c))
                        || (s.lemma(c) == "week" && word == "weeks") =>
                {
                    let modifier = |m: usize| SPAN_MODIFIERS.contains(&s.lower(m).as_str());
                    let plural = word != s.lemma(c);
                    let counted_or_spanned = s
                        .children(c)
                        .iter()
                        .any(|&m| s.base_rel(m) == "nummod" || modifier(m));
                    let the_past = s.children(c).iter().any(|&m| s.lower(m) == "the")
                        && s.children(c).iter().any(|&m| modifier(m));
                    (plural && counted_or_spanned) || the_past
                }
                // "during the war"; "… have been killed in the conflict".
                "obl" | "nmod" if long_conflict(c) => {
                    matches!(case, Some("during" | "throughout"))
                        || (perfect && passive && case == Some("in"))
                }
                // "the war has killed …".
                "nsubj" => perfect && long_conflict(c),
                _ => false,
            };
            if total {
                return true;
            }
        }
        // "a conflict that has claimed 400,000 lives": the noun the relative clause is on.
        if perfect
            && matches!(s.rel(v), "acl:relcl" | "acl")
            && s.head(v).is_some_and(long_conflict)
        {
            return true;
        }
    }
    false
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::tree::tests::parsed_doc;

    type Row<'a> = (&'a str, &'a str, &'a str, &'a str, usize, &'a str);

    /// Whether the sentence of `rows` is a running total for the verb at 1-based `verb`.
    fn total(rows: &[Row], verb: usize) -> bool {
        let doc = parsed_doc(rows);
        is_running_total(&Sent::new(&doc, 0), verb - 1)
    }

    #[test]
    fn a_toll_since_a_date_or_a_beginning() {
        // "Over 5,000 people have been killed since 2014 ."
        let rows = [
            ("Over", "over", "ADV", "RB", 2, "advmod"),
            ("5,000", "5000", "NUM", "CD", 3, "nummod"),
            ("people", "person", "NOUN", "NNS", 6, "nsubj:pass"),
            ("have", "have", "AUX", "VBP", 6, "aux"),
            ("been", "be", "AUX", "VBN", 6, "aux:pass"),
            ("killed", "kill", "VERB", "VBN", 0, "root"),
            ("since", "since", "ADP", "IN", 8, "case"),
            ("2014", "2014", "NUM", "CD", 6, "obl"),
            (".", ".", "PUNCT", ".", 6, "punct"),
        ];
        assert!(total(&rows, 6));
        // "Dozens have died since the siege started ." (a since-clause on a perfect verb)
        let rows = [
            ("Dozens", "dozen", "NOUN", "NNS", 3, "nsubj"),
            ("have", "have", "AUX", "VBP", 3, "aux"),
            ("died", "die", "VERB", "VBN", 0, "root"),
            ("since", "since", "SCONJ", "IN", 7, "mark"),
            ("the", "the", "DET", "DT", 6, "det"),
            ("siege", "siege", "NOUN", "NN", 7, "nsubj"),
            ("started", "start", "VERB", "VBD", 3, "advcl"),
            (".", ".", "PUNCT", ".", 3, "punct"),
        ];
        assert!(total(&rows, 3));
        // "Guards shot two men since they ran ." — without a perfect, "since" gives a reason.
        let rows = [
            ("Guards", "guard", "NOUN", "NNS", 2, "nsubj"),
            ("shot", "shoot", "VERB", "VBD", 0, "root"),
            ("two", "two", "NUM", "CD", 4, "nummod"),
            ("men", "man", "NOUN", "NNS", 2, "obj"),
            ("since", "since", "SCONJ", "IN", 7, "mark"),
            ("they", "they", "PRON", "PRP", 7, "nsubj"),
            ("ran", "run", "VERB", "VBD", 2, "advcl"),
            (".", ".", "PUNCT", ".", 2, "punct"),
        ];
        assert!(!total(&rows, 2));
        // "Since then 900 have been killed and 40 displaced ." (`since` hung on the verb; the
        // conjunct shares it).
        let rows = [
            ("Since", "since", "SCONJ", "IN", 6, "mark"),
            ("then", "then", "ADV", "RB", 6, "advmod"),
            ("900", "900", "NUM", "CD", 6, "nsubj:pass"),
            ("have", "have", "AUX", "VBP", 6, "aux"),
            ("been", "be", "AUX", "VBN", 6, "aux:pass"),
            ("killed", "kill", "VERB", "VBN", 0, "root"),
            ("and", "and", "CCONJ", "CC", 9, "cc"),
            ("40", "40", "NUM", "CD", 9, "nsubj"),
            ("displaced", "displace", "VERB", "VBN", 6, "conj"),
            (".", ".", "PUNCT", ".", 6, "punct"),
        ];
        assert!(total(&rows, 6));
        assert!(total(&rows, 9));
    }

    #[test]
    fn a_long_conflict_that_has_killed() {
        // "The civil war has killed thousands ."
        let rows = [
            ("The", "the", "DET", "DT", 3, "det"),
            ("civil", "civil", "ADJ", "JJ", 3, "amod"),
            ("war", "war", "NOUN", "NN", 5, "nsubj"),
            ("has", "have", "AUX", "VBZ", 5, "aux"),
            ("killed", "kill", "VERB", "VBN", 0, "root"),
            ("thousands", "thousand", "NOUN", "NNS", 5, "obj"),
            (".", ".", "PUNCT", ".", 5, "punct"),
        ];
        assert!(total(&rows, 5));
        // "… an insurgency that has displaced millions ."
        let rows = [
            ("It", "it", "PRON", "PRP", 2, "nsubj"),
            ("fuels", "fuel", "VERB", "VBZ", 0, "root"),
            ("an", "a", "DET", "DT", 4, "det"),
            ("insurgency", "insurgency", "NOUN", "NN", 2, "obj"),
            ("that", "that", "PRON", "WDT", 7, "nsubj"),
            ("has", "have", "AUX", "VBZ", 7, "aux"),
            ("displaced", "displace", "VERB", "VBN", 4, "acl:relcl"),
            ("millions", "million", "NOUN", "NNS", 7, "obj"),
            (".", ".", "PUNCT", ".", 2, "punct"),
        ];
        assert!(total(&rows, 7));
        // "Fighting has killed four soldiers ." — a battle, not a war: one incident.
        let rows = [
            ("Fighting", "fighting", "NOUN", "NN", 3, "nsubj"),
            ("has", "have", "AUX", "VBZ", 3, "aux"),
            ("killed", "kill", "VERB", "VBN", 0, "root"),
            ("four", "four", "NUM", "CD", 5, "nummod"),
            ("soldiers", "soldier", "NOUN", "NNS", 3, "obj"),
            (".", ".", "PUNCT", ".", 3, "punct"),
        ];
        assert!(!total(&rows, 3));
        // "The war killed four soldiers on Monday ." — no perfect: an incident of the war.
        let rows = [
            ("The", "the", "DET", "DT", 2, "det"),
            ("war", "war", "NOUN", "NN", 3, "nsubj"),
            ("killed", "kill", "VERB", "VBD", 0, "root"),
            ("four", "four", "NUM", "CD", 5, "nummod"),
            ("soldiers", "soldier", "NOUN", "NNS", 3, "obj"),
            ("on", "on", "ADP", "IN", 7, "case"),
            ("Monday", "Monday", "PROPN", "NNP", 3, "obl"),
            (".", ".", "PUNCT", ".", 3, "punct"),
        ];
        assert!(!total(&rows, 3));
    }

    #[test]
    fn long_periods_and_total_adverbs() {
        // "Raids killed 90 civilians in the past two months ."
        let rows = [
            ("Raids", "raid", "NOUN", "NNS", 2, "nsubj"),
            ("killed", "kill", "VERB", "VBD", 0, "root"),
            ("90", "90", "NUM", "CD", 4, "nummod"),
            ("civilians", "civilian", "NOUN", "NNS", 2, "obj"),
            ("in", "in", "ADP", "IN", 9, "case"),
            ("the", "the", "DET", "DT", 9, "det"),
            ("past", "past", "ADJ", "JJ", 9, "amod"),
            ("two", "two", "NUM", "CD", 9, "nummod"),
            ("months", "month", "NOUN", "NNS", 2, "obl"),
            (".", ".", "PUNCT", ".", 2, "punct"),
        ];
        assert!(total(&rows, 2));
        // "Raids killed 90 civilians in the past two days ." — a day is one story's span.
        let mut short = rows;
        short[8] = ("days", "day", "NOUN", "NNS", 2, "obl");
        assert!(!total(&short, 2));
        let mut weeks = rows;
        weeks[8] = ("weeks", "week", "NOUN", "NNS", 2, "obl");
        assert!(total(&weeks, 2));
        // "Raids killed 90 civilians last year ." dates one event.
        let rows = [
            ("Raids", "raid", "NOUN", "NNS", 2, "nsubj"),
            ("killed", "kill", "VERB", "VBD", 0, "root"),
            ("90", "90", "NUM", "CD", 4, "nummod"),
            ("civilians", "civilian", "NOUN", "NNS", 2, "obj"),
            ("last", "last", "ADJ", "JJ", 6, "amod"),
            ("year", "year", "NOUN", "NN", 2, "obl:tmod"),
            (".", ".", "PUNCT", ".", 2, "punct"),
        ];
        assert!(!total(&rows, 2));
        // "So far , 40 people have died ."
        let rows = [
            ("So", "so", "ADV", "RB", 2, "advmod"),
            ("far", "far", "ADV", "RB", 7, "advmod"),
            (",", ",", "PUNCT", ",", 7, "punct"),
            ("40", "40", "NUM", "CD", 5, "nummod"),
            ("people", "person", "NOUN", "NNS", 7, "nsubj"),
            ("have", "have", "AUX", "VBP", 7, "aux"),
            ("died", "die", "VERB", "VBN", 0, "root"),
            (".", ".", "PUNCT", ".", 7, "punct"),
        ];
        assert!(total(&rows, 7));
    }

    #[test]
    fn a_perfect_passive_set_in_a_long_conflict() {
        // "Thousands have been killed in the conflict ."
        let rows = [
            ("Thousands", "thousand", "NOUN", "NNS", 4, "nsubj:pass"),
            ("have", "have", "AUX", "VBP", 4, "aux"),
            ("been", "be", "AUX", "VBN", 4, "aux:pass"),
            ("killed", "kill", "VERB", "VBN", 0, "root"),
            ("in", "in", "ADP", "IN", 7, "case"),
            ("the", "the", "DET", "DT", 7, "det"),
            ("conflict", "conflict", "NOUN", "NN", 4, "obl"),
            (".", ".", "PUNCT", ".", 4, "punct"),
        ];
        assert!(total(&rows, 4));
        // "Three soldiers have been killed in clashes ." — one incident.
        let mut clashes = rows;
        clashes[0] = ("Three", "three", "NUM", "CD", 4, "nsubj:pass");
        clashes[6] = ("clashes", "clash", "NOUN", "NNS", 4, "obl");
        assert!(!total(&clashes, 4));
    }
}
