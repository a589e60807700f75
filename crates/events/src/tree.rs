//! A read-only view of one parsed sentence: heads, children, relations, subtrees.

use std::ops::Range;

use annals_document::{Doc, Token, Upos};

/// A parsed sentence of a document. Token indices are doc-level.
pub struct Sent<'a> {
    /// The document.
    pub doc: &'a Doc,
    /// Index of the sentence in the document.
    pub index: usize,
    /// Doc-level token range of the sentence.
    pub range: Range<usize>,
    children: Vec<Vec<usize>>,
    lemmas: Vec<String>,
}

/// Pronouns that refer back.
pub const PERSONAL_PRONOUNS: &[&str] = &["he", "she", "him", "her", "his", "hers"];
/// Plural and neuter pronouns.
pub const GROUP_PRONOUNS: &[&str] = &["they", "them", "their", "it", "its", "we", "us", "our"];
/// The lower-case form of a token to test against the pronoun lists: empty for a capitalised
/// abbreviation that only looks like one ("the US" is no "us", "IT" no "it").
pub fn pronoun_form(norm: &str) -> String {
    let abbreviation =
        norm.chars().count() >= 2 && norm.chars().all(|c| c.is_ascii_uppercase() || c == '.');
    if abbreviation {
        String::new()
    } else {
        norm.to_lowercase()
    }
}

/// Relative pronouns.
pub const RELATIVE_PRONOUNS: &[&str] = &["who", "whom", "which", "that", "whose"];

impl<'a> Sent<'a> {
    /// View sentence `index` of `doc`.
    pub fn new(doc: &'a Doc, index: usize) -> Sent<'a> {
        let range = doc.sentences[index].token_range();
        let mut children = vec![Vec::new(); range.len()];
        for t in range.clone() {
            if let Some(h) = doc.tokens[t].head {
                let h = h as usize;
                if range.contains(&h) && h != t {
                    children[h - range.start].push(t);
                }
            }
        }
        let lemmas = range.clone().map(|t| lemma_of(&doc.tokens[t])).collect();
        Sent {
            doc,
            index,
            range,
            children,
            lemmas,
        }
    }

    /// Whether the sentence has a dependency parse.
    pub fn is_parsed(&self) -> bool {
        self.range
            .clone()
            .any(|t| !self.doc.tokens[t].deprel.is_empty())
    }

    /// The token.
    pub fn token(&self, t: usize) -> &'a Token {
        &self.doc.tokens[t]
    }

    /// Lower-case lemma (or lower-case form when the token has no lemma).
    pub fn lemma(&self, t: usize) -> &str {
        &self.lemmas[t - self.range.start]
    }

    /// Lower-case normalised form.
    pub fn lower(&self, t: usize) -> String {
        self.doc.tokens[t].norm.to_lowercase()
    }

    /// Part of speech.
    pub fn upos(&self, t: usize) -> Upos {
        self.doc.tokens[t].upos
    }

    /// Full relation (`nsubj:pass`).
    pub fn rel(&self, t: usize) -> &'static str {
        self.doc.tokens[t].deprel
    }

    /// Relation without subtype (`nsubj`).
    pub fn base_rel(&self, t: usize) -> &'static str {
        let r = self.rel(t);
        r.split(':').next().unwrap_or(r)
    }

    /// Head, if inside the sentence.
    pub fn head(&self, t: usize) -> Option<usize> {
        self.doc.tokens[t]
            .head
            .map(|h| h as usize)
            .filter(|h| self.range.contains(h))
    }

    /// Children in text order.
    pub fn children(&self, t: usize) -> &[usize] {
        &self.children[t - self.range.start]
    }

    /// Children with relation `rel` (full, or base when `rel` has no colon).
    pub fn children_rel<'s>(&'s self, t: usize, rel: &'s str) -> impl Iterator<Item = usize> + 's {
        self.children(t).iter().copied().filter(move |&c| {
            if rel.contains(':') {
                self.rel(c) == rel
            } else {
                self.base_rel(c) == rel
            }
        })
    }

    /// First child with relation `rel`.
    pub fn child_rel(&self, t: usize, rel: &str) -> Option<usize> {
        self.children_rel(t, rel).next()
    }

    /// The preposition or subordinator introducing `t` (its `case` or `mark` child), lower case.
    pub fn case_of(&self, t: usize) -> Option<&str> {
        self.children(t)
            .iter()
            .copied()
            .find(|&c| matches!(self.base_rel(c), "case" | "mark"))
            .map(|c| self.lemma(c))
    }

    /// All tokens of the subtree of `t` (including `t`), sorted.
    pub fn subtree(&self, t: usize) -> Vec<usize> {
        let mut out = vec![t];
        let mut stack = vec![t];
        while let Some(x) = stack.pop() {
            for &c in self.children(x) {
                out.push(c);
                stack.push(c);
            }
        }
        out.sort_unstable();
        out
    }

    /// Subtree of `t` without the subtrees of children whose relation `skip` rejects.
    pub fn subtree_without(&self, t: usize, skip: impl Fn(&str) -> bool) -> Vec<usize> {
        let mut out = vec![t];
        let mut stack = vec![t];
        while let Some(x) = stack.pop() {
            for &c in self.children(x) {
                if skip(self.rel(c)) {
                    continue;
                }
                out.push(c);
                stack.push(c);
            }
        }
        out.sort_unstable();
        out
    }

    /// The subject of verb `t` when the parser made the main clause of its sentence a clause
    /// modifying a noun: "Seven parties in the north have organized a strike" read as
    /// "parties (that) have organized …", with the noun the root and no verb above it. The
    /// clause is the main one when the sentence's root is a noun (so nothing else is its main
    /// verb), the clause modifies that noun or a noun of its phrase ("Doctors from two aid
    /// groups donated …") with no other verb between them, has no subject and no relative
    /// word of its own, is not passive, and is finite or transitive — a tensed auxiliary
    /// ("have organized"), a past or present tense form, a direct object, or a tensed
    /// conjunct ("donated and delivered") — which a participle modifying a noun never is
    /// ("soldiers killed in the attack"). The subject is the root noun. The parser also hangs
    /// such a clause on the root noun as `parataxis`, directly after its phrase.
    pub fn verbless_root_subject(&self, t: usize) -> Option<usize> {
        self.root_noun_clause(t)
            .and_then(|(root, passive)| (!passive).then_some(root))
    }

    /// The passive subject of verb `t` in a passive main clause hung on the root noun as
    /// [`Sent::verbless_root_subject`] describes: "King Hassan of Morocco was quoted as
    /// saying …" read as the noun phrase with a `parataxis` "was quoted". The tensed passive
    /// auxiliary makes it a clause.
    pub fn verbless_root_passive_subject(&self, t: usize) -> Option<usize> {
        self.root_noun_clause(t)
            .and_then(|(root, passive)| passive.then_some(root))
    }

    /// The root noun of a main clause the parser hung on it, and whether the clause is
    /// passive (see [`Sent::verbless_root_subject`]).
    fn root_noun_clause(&self, t: usize) -> Option<(usize, bool)> {
        let rel = self.base_rel(t);
        // An adverbial clause hung on a noun is the same misparse as `acl`.
        if self.upos(t) != Upos::Verb || !matches!(rel, "acl" | "advcl" | "parataxis") {
            return None;
        }
        let root = self
            .tokens()
            .find(|&x| self.rel(x) == "root" && self.head(x).is_none())?;
        if !matches!(self.upos(root), Upos::Noun | Upos::Propn) || root > t {
            return None;
        }
        // The modified noun is the root or hangs below it through `nmod` phrases only; a
        // paratactic clause hangs on the root itself.
        let mut n = self.head(t)?;
        if n > t || (rel == "parataxis" && n != root) {
            return None;
        }
        while n != root {
            if self.base_rel(n) != "nmod" {
                return None;
            }
            n = self.head(n)?;
        }
        // The clause follows the subject's phrase: no other verb or punctuation between them.
        let between_blocks = (root + 1..t).any(|x| {
            self.upos(x) == Upos::Verb
                || (self.upos(x) == Upos::Aux && self.head(x) != Some(t))
                || (rel == "parataxis" && self.upos(x) == Upos::Punct)
        });
        if between_blocks {
            return None;
        }
        let passive = self.children(t).iter().any(|&c| self.rel(c) == "aux:pass");
        let own = self.children(t).iter().any(|&c| {
            matches!(self.base_rel(c), "nsubj" | "csubj" | "expl" | "mark")
                || RELATIVE_PRONOUNS.contains(&self.lower(c).as_str())
        });
        if own || (passive && rel != "parataxis") {
            return None;
        }
        let tensed = |x: usize| matches!(self.token(x).xpos, "VBD" | "VBZ" | "VBP" | "MD");
        let finite = tensed(t)
            || self.child_rel(t, "obj").is_some()
            || self.children(t).iter().any(|&c| {
                (self.base_rel(c) == "aux" && (self.rel(c) != "aux:pass" || passive) && tensed(c))
                    || (self.base_rel(c) == "conj" && self.upos(c) == Upos::Verb && tensed(c))
            });
        finite.then_some((root, passive))
    }

    /// Whether a verb is in the passive voice. A `by` phrase alone does not make a verb with
    /// an active subject passive: "Bashir shortened by one hour the curfew" (a measure the
    /// parser took for an agent).
    pub fn is_passive(&self, t: usize) -> bool {
        let active_subject = self.child_rel(t, "nsubj").is_some();
        let has_passive_child = self.children(t).iter().any(|&c| match self.rel(c) {
            "aux:pass" | "nsubj:pass" | "csubj:pass" => true,
            "obl:agent" => !active_subject,
            _ => false,
        });
        let participle_modifier = self.token(t).xpos == "VBN"
            && matches!(self.base_rel(t), "acl" | "amod")
            && self.verbless_root_subject(t).is_none();
        has_passive_child || participle_modifier
    }

    /// Token indices of the sentence.
    pub fn tokens(&self) -> Range<usize> {
        self.range.clone()
    }
}

/// Irregular past tenses and participles of event verbs, for [`lemma_guesses`].
const IRREGULAR_PAST: &[(&str, &str)] = &[
    ("swore", "swear"),
    ("sworn", "swear"),
    ("blew", "blow"),
    ("blown", "blow"),
    ("threw", "throw"),
    ("thrown", "throw"),
    ("overthrew", "overthrow"),
    ("overthrown", "overthrow"),
    ("fled", "flee"),
    ("fought", "fight"),
    ("struck", "strike"),
    ("shot", "shoot"),
    ("stole", "steal"),
    ("stolen", "steal"),
    ("tore", "tear"),
    ("torn", "tear"),
    ("froze", "freeze"),
    ("frozen", "freeze"),
    ("sought", "seek"),
    ("withdrew", "withdraw"),
    ("withdrawn", "withdraw"),
    ("forbade", "forbid"),
    ("forbidden", "forbid"),
    ("broke", "break"),
    ("broken", "break"),
    ("beaten", "beat"),
    ("undertook", "undertake"),
    ("undertaken", "undertake"),
    ("drove", "drive"),
    ("driven", "drive"),
    ("slew", "slay"),
    ("slain", "slay"),
    ("hung", "hang"),
    ("bore", "bear"),
    ("borne", "bear"),
    ("sent", "send"),
    ("sold", "sell"),
    ("led", "lead"),
];

/// Dictionary forms a lower-case inflected word may have, most likely first, by the regular
/// rules of English ("extradited" → "extradite", "extradit"; "upgraded" → "upgrade";
/// "stopped" → "stop"; "cancelled" → "cancel"; "ties" → "tie", "ty"; "carries" → "carry"), or
/// from a short list of irregular past forms ("swore" → "swear"). For recovering a trigger
/// when the tagger's lemma is not a word the lexicons know.
pub fn lemma_guesses(form: &str) -> Vec<String> {
    let mut out = Vec::new();
    let undouble = |stem: &str| -> Option<String> {
        let b = stem.as_bytes();
        (b.len() >= 3 && b[b.len() - 1] == b[b.len() - 2] && !b"aeiousz".contains(&b[b.len() - 1]))
            .then(|| stem[..stem.len() - 1].to_string())
    };
    // Irregular past forms of event verbs the tagger may leave as they are ("swore", "blew").
    if let Some(&(_, lemma)) = IRREGULAR_PAST.iter().find(|(f, _)| *f == form) {
        out.push(lemma.to_string());
        return out;
    }
    if let Some(stem) = form.strip_suffix("ied") {
        out.push(format!("{stem}y"));
        // "died", "tied", "lied": the stem ends in -ie.
        out.push(format!("{stem}ie"));
    } else if let Some(stem) = form.strip_suffix("ed") {
        out.push(format!("{stem}e"));
        out.push(stem.to_string());
        out.extend(undouble(stem));
    } else if let Some(stem) = form.strip_suffix("ing") {
        out.push(stem.to_string());
        out.push(format!("{stem}e"));
        out.extend(undouble(stem));
    } else if let Some(stem) = form.strip_suffix("ies") {
        out.push(format!("{stem}y"));
    } else if let Some(stem) = form.strip_suffix("es") {
        out.push(format!("{stem}e"));
        out.push(stem.to_string());
    } else if let Some(stem) = form.strip_suffix('s')
        && !stem.ends_with('s')
    {
        out.push(stem.to_string());
    }
    out.retain(|s| s.len() >= 2);
    out
}

/// A token's lemma in lower case, or a guess from its form when it has none.
pub fn lemma_of(token: &Token) -> String {
    if token.lemma.is_empty() || token.lemma == "_" {
        token.norm.to_lowercase()
    } else {
        token.lemma.to_lowercase()
    }
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;
    use annals_document::{Article, Upos};

    /// Build a doc from hand-written CoNLL-style rows: (form, lemma, upos, xpos, head (1-based,
    /// 0 = root), deprel). Used by the coder's tests so they run without the syntax model.
    pub(crate) fn parsed_doc(rows: &[(&str, &str, &str, &str, usize, &str)]) -> Doc {
        let text = rows.iter().map(|r| r.0).collect::<Vec<_>>().join(" ");
        let mut doc = Doc::from_article(&Article::new("t", text));
        assert_eq!(
            doc.tokens.len(),
            rows.len(),
            "tokenization differs from rows"
        );
        for (i, r) in rows.iter().enumerate() {
            let t = &mut doc.tokens[i];
            t.lemma = r.1.to_string();
            t.upos = Upos::parse(r.2).unwrap_or(Upos::X);
            t.xpos = Box::leak(r.3.to_string().into_boxed_str());
            t.head = (r.4 > 0).then(|| (r.4 - 1) as u32);
            t.deprel = Box::leak(r.5.to_string().into_boxed_str());
        }
        doc.sentences.truncate(1);
        if let Some(s) = doc.sentences.first_mut() {
            s.tokens = 0..rows.len() as u32;
            s.span.end = doc.tokens.last().map_or(0, |t| t.span.end);
        }
        doc
    }

    #[test]
    fn lemma_guesses_follow_regular_inflection() {
        assert!(lemma_guesses("extradited").contains(&"extradite".to_string()));
        assert!(lemma_guesses("upgraded").contains(&"upgrade".to_string()));
        assert!(lemma_guesses("stopped").contains(&"stop".to_string()));
        // "expelled" (tagged "expell"): the doubled l undone, after the plain stem.
        assert_eq!(
            lemma_guesses("expelled").last().map(String::as_str),
            Some("expel")
        );
        assert_eq!(lemma_guesses("killed")[1], "kill");
        assert!(lemma_guesses("carries").contains(&"carry".to_string()));
        assert!(lemma_guesses("died").contains(&"die".to_string()));
        assert!(lemma_guesses("rallying").contains(&"rally".to_string()));
        assert!(lemma_guesses("kills").contains(&"kill".to_string()));
        assert!(lemma_guesses("kill").is_empty());
        assert!(lemma_guesses("cancelled").contains(&"cancel".to_string()));
        assert!(lemma_guesses("called").contains(&"call".to_string()));
        assert_eq!(lemma_guesses("swore"), vec!["swear".to_string()]);
        assert_eq!(pronoun_form("US"), "");
        assert_eq!(pronoun_form("us"), "us");
        assert_eq!(pronoun_form("It"), "it");
    }

    #[test]
    fn tree_navigation() {
        let doc = parsed_doc(&[
            ("Troops", "troop", "NOUN", "NNS", 2, "nsubj"),
            ("seized", "seize", "VERB", "VBD", 0, "root"),
            ("the", "the", "DET", "DT", 4, "det"),
            ("town", "town", "NOUN", "NN", 2, "obj"),
            (".", ".", "PUNCT", ".", 2, "punct"),
        ]);
        let s = Sent::new(&doc, 0);
        assert!(s.is_parsed());
        assert_eq!(s.child_rel(1, "nsubj"), Some(0));
        assert_eq!(s.subtree(3), vec![2, 3]);
        assert!(!s.is_passive(1));
        assert_eq!(s.lemma(0), "troop");
    }
}
