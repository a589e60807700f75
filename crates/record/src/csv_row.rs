//! The flat view of an event record: one CSV row an event, with ACLED-like column names where
//! they fit (`event_date`, `event_type`, `sub_event_type`, `actor1`, `inter1`, `actor2`,
//! `admin1`, `location`, `latitude`, `longitude`, `geo_precision`, `fatalities`, `source`,
//! `notes`).

use serde::{Deserialize, Serialize};

use crate::{EventRecord, Participant};

/// One CSV row. Several actors are joined with `; `.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct CsvRow {
    /// Record id.
    pub event_id: String,
    /// Article id.
    pub doc_id: String,
    /// Event date (`YYYY-MM-DD`, `YYYY-MM` or `YYYY`).
    pub event_date: String,
    /// Date precision: day, week, month, year.
    pub time_precision: String,
    /// PLOVER event type, or `STATEMENT` for a CAMEO statement.
    pub event_type: String,
    /// PLOVER mode.
    pub sub_event_type: String,
    /// CAMEO code.
    pub cameo: String,
    /// Quad class number (1-4, 0 neutral).
    pub quad: u8,
    /// Actor mention(s).
    pub actor1: String,
    /// Actor country code(s).
    pub actor1_country: String,
    /// Actor sector(s) (ACLED's "inter1" plays this part).
    pub inter1: String,
    /// Recipient mention(s).
    pub actor2: String,
    /// Recipient country code(s).
    pub actor2_country: String,
    /// Recipient sector(s).
    pub inter2: String,
    /// Country (ISO3) of the location.
    pub country: String,
    /// First-order administrative division.
    pub admin1: String,
    /// Place name from the gazetteer.
    pub location: String,
    /// Latitude.
    pub latitude: Option<f64>,
    /// Longitude.
    pub longitude: Option<f64>,
    /// Location precision.
    pub geo_precision: String,
    /// Gazetteer id.
    pub gazetteer_id: String,
    /// Number killed (best value), when given.
    pub fatalities: Option<f64>,
    /// Number injured, when given.
    pub injured: Option<f64>,
    /// Number captured or abducted, when given.
    pub captured: Option<f64>,
    /// Number arrested, when given.
    pub arrested: Option<f64>,
    /// All counts as `kind=value(qualifier) unit`, joined with `; `.
    pub quantities: String,
    /// Whether the record is a running total over a period (a war's toll), not one event.
    pub aggregate: bool,
    /// How the claim is made.
    pub modality: String,
    /// Who makes the claim (the cited source).
    pub claim_source: String,
    /// The attribution cue.
    pub claim_cue: String,
    /// Publisher of the article.
    pub source: String,
    /// URL of the article.
    pub source_url: String,
    /// Publication date of the article.
    pub published: String,
    /// Coder confidence.
    pub confidence: f32,
    /// The evidence words.
    pub evidence: String,
    /// The sentence (ACLED's `notes`).
    pub notes: String,
}

fn join(parts: &[Participant], f: impl Fn(&Participant) -> Option<&str>) -> String {
    parts
        .iter()
        .map(|p| f(p).unwrap_or(""))
        .collect::<Vec<_>>()
        .join("; ")
}

impl From<&EventRecord> for CsvRow {
    fn from(r: &EventRecord) -> Self {
        let count = |kind: &str| {
            r.quantities
                .iter()
                .find(|q| q.kind == kind)
                .map(|q| q.value)
        };
        let loc = r.location.as_ref();
        let quantities = r
            .quantities
            .iter()
            .map(|q| {
                let qual = q
                    .qualifier
                    .map(|x| {
                        format!(
                            "({})",
                            serde_json::to_value(x)
                                .ok()
                                .and_then(|v| v.as_str().map(str::to_string))
                                .unwrap_or_default()
                        )
                    })
                    .unwrap_or_default();
                let unit = q
                    .unit
                    .as_deref()
                    .map(|u| format!(" {u}"))
                    .unwrap_or_default();
                format!("{}={}{}{}", q.kind, q.value, qual, unit)
            })
            .collect::<Vec<_>>()
            .join("; ");
        let enum_str = |v: serde_json::Value| v.as_str().unwrap_or_default().to_string();
        CsvRow {
            event_id: r.id.clone(),
            doc_id: r.doc_id.clone(),
            event_date: r.date.as_ref().map(|d| d.value.clone()).unwrap_or_default(),
            time_precision: r
                .date
                .as_ref()
                .map(|d| enum_str(serde_json::to_value(d.precision).unwrap_or_default()))
                .unwrap_or_default(),
            event_type: r.type_label().to_string(),
            sub_event_type: r.mode.clone().unwrap_or_default(),
            cameo: r.cameo.clone().unwrap_or_default(),
            quad: r.quad.number(),
            actor1: join(&r.actor, |p| Some(p.text.as_str())),
            actor1_country: join(&r.actor, |p| p.country.as_deref()),
            inter1: join(&r.actor, |p| p.sector.as_deref()),
            actor2: join(&r.recipient, |p| Some(p.text.as_str())),
            actor2_country: join(&r.recipient, |p| p.country.as_deref()),
            inter2: join(&r.recipient, |p| p.sector.as_deref()),
            country: loc.and_then(|l| l.country.clone()).unwrap_or_default(),
            admin1: loc.and_then(|l| l.admin1.clone()).unwrap_or_default(),
            location: loc.map(|l| l.name.clone()).unwrap_or_default(),
            latitude: loc.and_then(|l| l.lat),
            longitude: loc.and_then(|l| l.lon),
            geo_precision: loc
                .map(|l| enum_str(serde_json::to_value(l.precision).unwrap_or_default()))
                .unwrap_or_default(),
            gazetteer_id: loc.and_then(|l| l.gazetteer_id.clone()).unwrap_or_default(),
            fatalities: count("killed"),
            injured: count("injured"),
            captured: count("captured"),
            arrested: count("arrested"),
            quantities,
            aggregate: r.aggregate,
            modality: enum_str(serde_json::to_value(r.modality).unwrap_or_default()),
            claim_source: r
                .attribution
                .source
                .as_ref()
                .map(|s| s.name.clone().unwrap_or_else(|| s.text.clone()))
                .unwrap_or_default(),
            claim_cue: r.attribution.cue.clone().unwrap_or_default(),
            source: r.attribution.publisher.clone().unwrap_or_default(),
            source_url: r.attribution.url.clone().unwrap_or_default(),
            published: r.attribution.published.clone().unwrap_or_default(),
            confidence: r.confidence,
            evidence: r.evidence.text.clone(),
            notes: r.sentence.text.clone(),
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::tests::sample;

    #[test]
    fn flattens_with_acled_like_columns() {
        let row = sample().to_csv_row();
        assert_eq!(row.event_type, "ASSAULT");
        assert_eq!(row.actor1_country, "SYR");
        assert_eq!(row.inter1, "MIL");
        assert_eq!(row.captured, Some(160.0));
        assert_eq!(row.quantities, "captured=160(more_than) fighters");
        assert_eq!(row.time_precision, "day");
        let mut writer = csv::Writer::from_writer(Vec::new());
        writer.serialize(&row).unwrap();
        let out = String::from_utf8(writer.into_inner().unwrap()).unwrap();
        assert!(out.starts_with("event_id,doc_id,event_date"));
    }
}
