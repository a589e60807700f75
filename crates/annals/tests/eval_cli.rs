//! `annals eval` end to end on small hand-written sets in a temporary shared directory: the
//! table and JSON outputs, and the regression gate (write the baseline, pass, fail).

use std::path::Path;

use assert_cmd::Command;
use predicates::prelude::*;

const PLOVER: &str = r#"{"id": "t1", "date": null, "text": "Rebels attacked a police post near the river on Monday.", "gold": {"event": "FIGHT", "source": [{"actorText": "Rebels", "code": "REB"}], "target": [{"actorText": "police", "code": "COP"}]}}
{"id": "t2", "text": "The two foreign ministers agreed to meet again next month.", "gold": {"event": "AGREE", "source": [{"actorText": "ministers", "code": "IGO", "sector": "GOV"}]}}
"#;

fn shared_with_plover(dir: &Path) {
    let events = dir.join("eval").join("events");
    std::fs::create_dir_all(&events).unwrap();
    std::fs::write(events.join("plover-gsr.jsonl"), PLOVER).unwrap();
}

fn annals() -> Command {
    Command::cargo_bin("annals").unwrap()
}

#[test]
fn eval_a_set_prints_a_table_and_json() {
    let dir = tempfile::tempdir().unwrap();
    shared_with_plover(dir.path());
    let file = dir.path().join("eval/events/plover-gsr.jsonl");
    annals()
        .args(["eval", "plover"])
        .arg(&file)
        .assert()
        .success()
        .stdout(predicate::str::contains("type_accuracy").and(predicate::str::contains("plover")));
    let out = annals()
        .args(["eval", "plover", "--json"])
        .arg(&file)
        .output()
        .unwrap();
    assert!(out.status.success());
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let set = &v["sets"][0];
    assert_eq!(set["set"], "plover");
    assert_eq!(set["status"], "scored");
    assert_eq!(set["records"], 2);
    let acc = set["metrics"]
        .as_array()
        .unwrap()
        .iter()
        .find(|m| m["name"] == "type_accuracy")
        .unwrap();
    assert!((0.0..=1.0).contains(&acc["value"].as_f64().unwrap()));
    assert_eq!(acc["n"], 2);
}

#[test]
fn eval_reports_unknown_sets_and_missing_files() {
    annals()
        .args(["eval", "nope", "x.jsonl"])
        .assert()
        .failure()
        .stderr(predicate::str::contains("unknown set"));
    annals()
        .args(["eval", "fakes", "/nonexistent/fa-kes.jsonl"])
        .assert()
        .success()
        .stdout(predicate::str::contains("not available yet"));
}

#[test]
fn gate_writes_the_baseline_then_passes_then_fails_on_a_regression() {
    let dir = tempfile::tempdir().unwrap();
    shared_with_plover(dir.path());
    let doc = dir.path().join("accuracy.md");
    std::fs::write(
        &doc,
        "# Accuracy\n\n<!-- eval-baseline:begin -->\n```json\n{\"sample\": {\"plover\": null}, \"metrics\": {}}\n```\n<!-- eval-baseline:end -->\n\nAfter.\n",
    )
    .unwrap();
    let gate = |extra: &[&str]| {
        let mut c = annals();
        c.args(["eval", "gate", "--shared"])
            .arg(dir.path())
            .arg("--baseline")
            .arg(&doc)
            .args(extra);
        c
    };
    gate(&["--update"]).assert().success();
    let written = std::fs::read_to_string(&doc).unwrap();
    assert!(
        written.starts_with("# Accuracy\n") && written.ends_with("After.\n"),
        "{written}"
    );
    assert!(written.contains("\"plover.type_accuracy\""), "{written}");
    assert!(
        !written.contains("conflibert"),
        "the sample is kept: {written}"
    );
    gate(&[])
        .assert()
        .success()
        .stderr(predicate::str::contains("eval gate: passed"));
    // Commit a value no run can reach: the gate must fail and name it.
    let start =
        written.find("\"plover.type_accuracy\": ").unwrap() + "\"plover.type_accuracy\": ".len();
    let end = start + written[start..].find([',', '\n']).unwrap();
    let raised = format!("{}1.5{}", &written[..start], &written[end..]);
    std::fs::write(&doc, raised).unwrap();
    gate(&[]).assert().failure().stderr(
        predicate::str::contains("REGRESSION plover.type_accuracy: committed 1.500000")
            .and(predicate::str::contains("eval gate failed")),
    );
}
