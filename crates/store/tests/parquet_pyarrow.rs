//! The Parquet export opens with an independent reader: pyarrow. Skipped with a message when
//! python3 or pyarrow is absent (`pip install pyarrow`).
#![cfg(feature = "parquet")]

mod common;

use std::process::Command;

use annals_store::*;
use common::{FakeCoder, fixture};

fn pyarrow_available() -> bool {
    let ok = Command::new("python3")
        .args(["-c", "import pyarrow.parquet"])
        .output()
        .is_ok_and(|o| o.status.success());
    if !ok {
        skip_notice(
            "skipped: python3 with pyarrow is not available (pip install pyarrow)".to_string(),
        );
    }
    ok
}

const CHECK: &str = r#"
import json, sys
import pyarrow.parquet as pq
events = pq.read_table(sys.argv[1])
incidents = pq.read_table(sys.argv[2])
out = {
    "events": events.num_rows,
    "incidents": incidents.num_rows,
    "event_types": sorted(set(events.column("event_type").to_pylist())),
    "latitude_type": str(events.schema.field("latitude").type),
    "incident_ids": sorted(set(x for x in events.column("incident_id").to_pylist() if x)),
    "incident_keys": sorted(incidents.column("incident_id").to_pylist()),
    "n_sources": sorted(incidents.column("n_sources").to_pylist()),
    "fatalities_high": sorted(x for x in incidents.column("fatalities_high").to_pylist() if x is not None),
}
print(json.dumps(out))
"#;

#[test]
fn pyarrow_reads_the_parquet_export() {
    if !pyarrow_available() {
        return;
    }
    let mut store = Store::open_in_memory().unwrap();
    ingest(
        &mut store,
        &[
            fixture("two-attacks-kabul.jsonl"),
            fixture("checkpoint-report.jsonl"),
        ],
        &FakeCoder::new(),
        &IngestOptions::default(),
    )
    .unwrap();
    let dir = tempfile::tempdir().unwrap();
    let events = dir.path().join("events.parquet");
    let incidents = dir.path().join("incidents.parquet");
    export(
        &store,
        &Filter::default(),
        By::Events,
        ExportFormat::Parquet,
        &events,
    )
    .unwrap();
    export(
        &store,
        &Filter::default(),
        By::Incidents,
        ExportFormat::Parquet,
        &incidents,
    )
    .unwrap();
    let output = Command::new("python3")
        .args(["-c", CHECK])
        .arg(&events)
        .arg(&incidents)
        .output()
        .unwrap();
    assert!(
        output.status.success(),
        "pyarrow failed: {}",
        String::from_utf8_lossy(&output.stderr)
    );
    let v: serde_json::Value = serde_json::from_slice(&output.stdout).unwrap();
    assert_eq!(v["events"], 4);
    assert_eq!(v["incidents"], 2);
    assert_eq!(v["event_types"], serde_json::json!(["ASSAULT"]));
    assert_eq!(v["latitude_type"], "double");
    assert_eq!(v["incident_ids"], v["incident_keys"]);
    assert_eq!(v["n_sources"], serde_json::json!([2, 2]));
    assert_eq!(v["fatalities_high"], serde_json::json!([2.0, 14.0]));
}

/// Say that a test is skipped, on the terminal: libtest captures `println!`/`eprintln!`, but
/// not writes to the stderr handle, so this shows in `cargo test` output.
fn skip_notice(message: String) {
    use std::io::Write as _;
    let _ = writeln!(std::io::stderr(), "{message}");
}
