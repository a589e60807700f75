//! Smoke-train all models on a hand-written mini treebank (`tests/data/smoke.conllu`, written
//! for this test) and check that the pipeline learns it, saves, loads and annotates documents.

use annals_document::{Article, Doc, Upos};
use annals_syntax::train::{self, TrainOptions};
use annals_syntax::{SyntaxModel, conllu, eval, output};

fn smoke_data() -> Vec<conllu::Sentence> {
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/data/smoke.conllu");
    train::read_conllu(std::path::Path::new(path)).expect("fixture reads")
}

fn trained() -> SyntaxModel {
    let data = smoke_data();
    train::train(&data, &TrainOptions::smoke(), "smoke".into(), &|_| {}).expect("trains")
}

#[test]
fn learns_the_training_sentences() {
    let data = smoke_data();
    let model = trained();
    let (report, predictions) = eval::evaluate(&model, &data);
    let [upos, _, lemma, _, uas, las, _] = report.percentages();
    assert!(upos > 95.0, "{}", report.summary());
    assert!(lemma > 95.0, "{}", report.summary());
    assert!(uas > 90.0, "{}", report.summary());
    assert!(las > 85.0, "{}", report.summary());
    assert!(report.entities_total().f1() > 80.0, "{}", report.summary());
    assert_eq!(predictions.len(), data.len());
    // Predictions are valid CoNLL-U over the same words.
    let text = conllu::write(&predictions);
    let back = conllu::parse(&text).expect("predictions parse");
    for (g, p) in data.iter().zip(&back) {
        assert_eq!(g.forms(), p.forms());
    }
}

#[test]
fn subtypes_are_predicted() {
    let model = trained();
    let a = model.analyze(&["Soldiers", "were", "taken", "captive", "by", "rebels", "."]);
    assert_eq!(a.words[0].deprel, "nsubj:pass");
    assert_eq!(a.words[0].head, Some(2));
    assert_eq!(a.words[5].deprel, "obl:agent");
    assert_eq!(a.words[2].head, None);
    assert_eq!(a.words[2].deprel, "root");
    assert_eq!(a.words[2].upos, Upos::Verb);
}

#[test]
fn saves_loads_and_annotates_docs() {
    let model = trained();
    let bytes = model.to_bytes();
    let loaded = SyntaxModel::from_bytes(&bytes).expect("loads");
    assert_eq!(loaded.to_bytes(), bytes);
    let dir = std::env::temp_dir().join(format!("annals-syntax-smoke-{}", std::process::id()));
    model.save(&dir).expect("saves");
    let from_disk = SyntaxModel::load(&dir).expect("loads from disk");
    let _ = std::fs::remove_dir_all(&dir);

    let mut doc = Doc::from_article(&Article::new(
        "t",
        "Maria visited Lisbon. Rebels attacked Homs.",
    ));
    from_disk.annotate(&mut doc);
    for s in &doc.sentences {
        let roots = doc.tokens[s.token_range()]
            .iter()
            .filter(|t| t.head.is_none())
            .count();
        assert_eq!(roots, 1, "one root per sentence");
        for t in &doc.tokens[s.token_range()] {
            assert!(!t.deprel.is_empty());
            assert!(!t.lemma.is_empty());
            assert_ne!(t.upos, Upos::Unknown);
            if let Some(h) = t.head {
                assert!(s.tokens.contains(&h), "head stays inside its sentence");
            }
        }
    }
    let names: Vec<&str> = doc.entities.iter().map(|e| doc.slice(e.span)).collect();
    assert!(names.contains(&"Maria"), "{names:?}");
    let text = output::doc_to_conllu(&doc);
    let back = conllu::parse(&text).expect("annotate output parses");
    assert_eq!(back.len(), 2);
    assert!(back[0].mentions.iter().any(|m| m.label == "person"));
}

#[test]
fn empty_input() {
    let model = trained();
    assert!(model.analyze::<&str>(&[]).words.is_empty());
    let mut doc = Doc::from_article(&Article::new("t", ""));
    model.annotate(&mut doc);
    assert!(doc.entities.is_empty());
}

#[test]
fn annotating_a_document_matches_analysing_its_sentences_as_one_document() {
    let model = trained();
    let mut doc = Doc::from_article(&Article::new(
        "t",
        "Rebels attacked Homs on Monday. Maria visited Lisbon. Soldiers were taken captive by rebels. Maria left Homs.",
    ));
    model.annotate(&mut doc);
    assert_eq!(doc.sentences.len(), 4);
    let forms = annals_syntax::sentence_forms(&doc);
    let sentences: Vec<&[&str]> = forms.iter().map(Vec::as_slice).collect();
    let analyses = model.analyze_document(&sentences);
    let mut expected_entities = Vec::new();
    for (s, analysis) in doc.sentences.iter().zip(analyses) {
        let range = s.token_range();
        for (word, token) in analysis.words.iter().zip(&doc.tokens[range.clone()]) {
            assert_eq!(token.upos, word.upos);
            assert_eq!(token.xpos, word.xpos);
            assert_eq!(token.lemma, word.lemma);
            assert_eq!(token.deprel, word.deprel);
            assert_eq!(token.head, word.head.map(|h| h + range.start as u32));
        }
        for e in analysis.entities {
            expected_entities.push((
                e.words.start + range.start..e.words.end + range.start,
                e.label,
            ));
        }
    }
    let entities: Vec<_> = doc
        .entities
        .iter()
        .map(|e| (e.tokens.start as usize..e.tokens.end as usize, e.label))
        .collect();
    assert_eq!(entities, expected_entities);
}

#[test]
fn vector_classes_train_save_and_load() {
    use annals_syntax::vectors::{VectorClassConfig, Vectors};
    // Places near one direction, people near another.
    let table = "lisbon 1 0.1 0\nhoms 0.9 0.2 0\nparis 1 0 0.1\nmaria 0 1 0.1\njohn 0.1 1 0\n";
    let vectors = Vectors::parse(table, 100).expect("parses");
    let mut clusters = annals_syntax::words::Clusters::default();
    clusters.set_vector_classes(vectors.classes(VectorClassConfig {
        fine: 2,
        coarse: 1,
        iterations: 3,
        max_words: 100,
    }));
    let words = clusters.infos(&["Lisbon", "Homs", "Maria"]);
    assert_eq!(words[0].vector_class, words[1].vector_class);
    assert_ne!(words[0].vector_class, words[2].vector_class);
    let model = train::train_with_lexicon(
        &smoke_data(),
        &TrainOptions::smoke(),
        Default::default(),
        Default::default(),
        clusters,
        "smoke with vector classes".into(),
        &|_| {},
    )
    .expect("trains");
    let bytes = model.to_bytes();
    let loaded = SyntaxModel::from_bytes(&bytes).expect("loads");
    assert_eq!(loaded.to_bytes(), bytes);
    assert_eq!(loaded.clusters.vector_classes_len(), 5);
    let (report, _) = eval::evaluate(&loaded, &smoke_data());
    assert!(report.entities_total().f1() > 80.0, "{}", report.summary());
}
