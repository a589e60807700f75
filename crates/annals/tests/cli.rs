//! The command line on nasty and ordinary input: every case ends in a clear message or a
//! correct result, never a panic; skipped records set exit code 3.

use std::io::Write;

use assert_cmd::Command;
use predicates::prelude::*;

fn annals() -> Command {
    Command::cargo_bin("annals").expect("binary built")
}

fn file_with(bytes: &[u8], suffix: &str) -> tempfile::NamedTempFile {
    let mut f = tempfile::Builder::new().suffix(suffix).tempfile().unwrap();
    f.write_all(bytes).unwrap();
    f
}

#[test]
fn empty_file_codes_nothing() {
    let f = file_with(b"", ".txt");
    annals()
        .args(["code", f.path().to_str().unwrap()])
        .assert()
        .success()
        .stdout(predicate::str::is_empty());
}

#[test]
fn binary_junk_is_reported_and_skipped() {
    let junk: Vec<u8> = (0..4096u32).map(|i| (i * 31 % 256) as u8).collect();
    let f = file_with(&junk, ".bin");
    annals()
        .args(["code", "--input-format", "text", f.path().to_str().unwrap()])
        .assert()
        .code(3)
        .stderr(predicate::str::contains("binary"));
}

#[test]
fn malformed_jsonl_lines_are_reported_with_line_numbers_and_the_rest_goes_on() {
    let f = file_with(
        b"{\"id\":\"a\",\"text\":\"Police arrested three protesters in Lagos on Monday.\"}\n{oops\n{\"id\":\"b\",\"text\":\"Nothing happened.\"}\n",
        ".jsonl",
    );
    let out = annals()
        .args(["annotate", "--format", "json", f.path().to_str().unwrap()])
        .assert()
        .code(3)
        .stderr(predicate::str::contains(":2:"))
        .get_output()
        .stdout
        .clone();
    let docs: Vec<serde_json::Value> = String::from_utf8(out)
        .unwrap()
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert_eq!(docs.len(), 2);
    assert_eq!(docs[0]["doc"]["id"], "a");
    assert_eq!(docs[1]["doc"]["id"], "b");
}

#[test]
fn invalid_utf8_and_mixed_scripts_are_read() {
    let mut text = b"Gunmen attacked a convoy near \xff\xfe Mosul (\xd8\xa7\xd9\x84\xd9\x85\xd9\x88\xd8\xb5\xd9\x84) on Monday, \xd0\xbf\xd0\xbe\xd0\xbb\xd0\xb8\xd1\x86\xd0\xb8\xd1\x8f said.".to_vec();
    text.extend_from_slice(" 東京 😀".as_bytes());
    let f = file_with(&text, ".txt");
    annals()
        .args([
            "annotate",
            "--date",
            "2020-01-01",
            f.path().to_str().unwrap(),
        ])
        .assert()
        .success()
        .stdout(predicate::str::contains("--- sentence 0"));
}

#[test]
fn csv_output_has_acled_like_columns() {
    let f = file_with(
        b"Syrian government troops attacked rebels in Daraa on Wednesday, the ministry said.",
        ".txt",
    );
    annals()
        .args([
            "code",
            "--format",
            "csv",
            "--date",
            "2018-08-02",
            f.path().to_str().unwrap(),
        ])
        .assert()
        .success()
        .stdout(predicate::str::starts_with(
            "event_id,doc_id,event_date,time_precision,event_type",
        ));
}

#[test]
fn bad_date_is_a_command_line_error() {
    annals()
        .args(["code", "--date", "next tuesday", "-"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("YYYY-MM-DD"));
}

#[test]
fn missing_file_is_reported() {
    annals()
        .args(["code", "/nonexistent/annals-input.txt"])
        .assert()
        .code(3)
        .stderr(predicate::str::contains("cannot open"));
}

#[test]
fn demo_runs_end_to_end() {
    annals()
        .arg("demo")
        .assert()
        .success()
        .stdout(predicate::str::contains("event(s)"))
        .stdout(predicate::str::contains("Malian government troops"));
}
