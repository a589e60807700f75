//! PLOVER 2.0 event types and quad classes.

use std::fmt;
use std::str::FromStr;

use serde::{Deserialize, Serialize};

/// The 16 PLOVER 2.0 event types.
#[derive(
    Debug,
    Clone,
    Copy,
    PartialEq,
    Eq,
    Hash,
    PartialOrd,
    Ord,
    Serialize,
    Deserialize,
    schemars::JsonSchema,
)]
#[serde(rename_all = "UPPERCASE")]
pub enum PloverType {
    /// Promise or offer to cooperate.
    Agree,
    /// Meetings, talks, visits.
    Consult,
    /// Verbal or diplomatic support.
    Support,
    /// Verbal concession.
    Concede,
    /// Mutual material cooperation.
    Cooperate,
    /// Material help to the recipient.
    Aid,
    /// Material concession: withdrawal, release, disarmament, ceasefire, access, resignation.
    Retreat,
    /// Demands and appeals.
    Request,
    /// Accusations, disapproval, investigations.
    Accuse,
    /// Refusals.
    Reject,
    /// Threats.
    Threaten,
    /// Demonstrations, riots, strikes, boycotts.
    Protest,
    /// Sanctions, convictions, expulsions, cutting ties.
    Sanction,
    /// Mobilisation of troops, weapons, police, militias.
    Mobilize,
    /// Coercion short of violence: seizure, arrest, restrictions, deportation.
    Coerce,
    /// Violence: attacks, killings, abductions, bombings.
    Assault,
}

/// Quad class: the four quadrants of cooperation and conflict.
#[derive(
    Debug,
    Clone,
    Copy,
    PartialEq,
    Eq,
    Hash,
    PartialOrd,
    Ord,
    Serialize,
    Deserialize,
    schemars::JsonSchema,
)]
#[serde(rename_all = "snake_case")]
pub enum Quad {
    /// Statements that are neither (CAMEO 01/02 neutral statements).
    Neutral,
    /// Verbal cooperation.
    VerbalCooperation,
    /// Material cooperation.
    MaterialCooperation,
    /// Verbal conflict.
    VerbalConflict,
    /// Material conflict.
    MaterialConflict,
}

impl Quad {
    /// ConfliBERT/PHOENIX numbering: 0 neutral, 1 verbal coop, 2 material coop, 3 verbal
    /// conflict, 4 material conflict.
    pub fn number(self) -> u8 {
        match self {
            Quad::Neutral => 0,
            Quad::VerbalCooperation => 1,
            Quad::MaterialCooperation => 2,
            Quad::VerbalConflict => 3,
            Quad::MaterialConflict => 4,
        }
    }
}

impl PloverType {
    /// All types in PLOVER order (cooperation to conflict).
    pub const ALL: [PloverType; 16] = [
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

    /// The upper-case PLOVER name.
    pub fn as_str(self) -> &'static str {
        match self {
            PloverType::Agree => "AGREE",
            PloverType::Consult => "CONSULT",
            PloverType::Support => "SUPPORT",
            PloverType::Concede => "CONCEDE",
            PloverType::Cooperate => "COOPERATE",
            PloverType::Aid => "AID",
            PloverType::Retreat => "RETREAT",
            PloverType::Request => "REQUEST",
            PloverType::Accuse => "ACCUSE",
            PloverType::Reject => "REJECT",
            PloverType::Threaten => "THREATEN",
            PloverType::Protest => "PROTEST",
            PloverType::Sanction => "SANCTION",
            PloverType::Mobilize => "MOBILIZE",
            PloverType::Coerce => "COERCE",
            PloverType::Assault => "ASSAULT",
        }
    }

    /// The quad class of the type (PLOVER 2.0 ontology).
    pub fn quad(self) -> Quad {
        use PloverType::*;
        match self {
            Agree | Consult | Support | Concede => Quad::VerbalCooperation,
            Cooperate | Aid | Retreat => Quad::MaterialCooperation,
            Request | Accuse | Reject | Threaten => Quad::VerbalConflict,
            Protest | Sanction | Mobilize | Coerce | Assault => Quad::MaterialConflict,
        }
    }

    /// The modes PLOVER 2.0 defines for the type.
    pub fn modes(self) -> &'static [&'static str] {
        use PloverType::*;
        match self {
            Consult => &["visit", "third-party", "multilateral", "phone"],
            Retreat => &[
                "withdraw",
                "release",
                "disarm",
                "ceasefire",
                "access",
                "resign",
            ],
            Request | Reject => &["assist", "change", "yield", "meet"],
            Accuse => &["disapprove", "investigate", "allege"],
            Threaten => &[
                "restrict",
                "arrest",
                "relations",
                "expel",
                "territory",
                "violence",
            ],
            Protest => &[
                "demo",
                "riot",
                "strike",
                "hunger",
                "boycott",
                "obstruct",
                "vandalize",
            ],
            Sanction => &["convict", "expel", "withdraw", "discontinue"],
            Mobilize => &["troops", "weapons", "police", "militia"],
            Coerce => &[
                "seize",
                "restrict",
                "censor",
                "curfew",
                "martial-law",
                "arrest",
                "deport",
                "withhold",
                "misinformation",
                "cyber",
            ],
            Assault => &[
                "abduct",
                "beat",
                "torture",
                "sexual",
                "targeted",
                "destroy",
                "primitive",
                "firearms",
                "explosives",
                "suicide-attack",
                "aerial",
                "drone",
                "heavy-weapons",
                "crowd-control",
                "unconventional",
            ],
            Agree | Support | Concede | Cooperate | Aid => &[],
        }
    }
}

impl fmt::Display for PloverType {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// Error for a name that is not a PLOVER type.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UnknownType(pub String);

impl fmt::Display for UnknownType {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "unknown PLOVER event type {:?}", self.0)
    }
}

impl std::error::Error for UnknownType {}

impl FromStr for PloverType {
    type Err = UnknownType;

    /// Parse a PLOVER 2.0 name, case-insensitively; the 2016 names (DEMAND, DISAPPROVE,
    /// INVESTIGATE, FIGHT) map to their 2.0 types.
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let upper = s.trim().to_ascii_uppercase();
        if let Some(t) = PloverType::ALL.iter().find(|t| t.as_str() == upper) {
            return Ok(*t);
        }
        match upper.as_str() {
            "DEMAND" => Ok(PloverType::Request),
            "DISAPPROVE" | "INVESTIGATE" => Ok(PloverType::Accuse),
            "FIGHT" => Ok(PloverType::Assault),
            _ => Err(UnknownType(s.to_string())),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_round_trip_and_old_names_map() {
        for t in PloverType::ALL {
            assert_eq!(t.as_str().parse::<PloverType>().unwrap(), t);
        }
        assert_eq!("demand".parse::<PloverType>().unwrap(), PloverType::Request);
        assert_eq!("FIGHT".parse::<PloverType>().unwrap(), PloverType::Assault);
        assert!("DANCE".parse::<PloverType>().is_err());
    }

    #[test]
    fn quads_follow_the_ontology() {
        assert_eq!(PloverType::Retreat.quad(), Quad::MaterialCooperation);
        assert_eq!(PloverType::Request.quad().number(), 3);
        assert_eq!(PloverType::Assault.quad().number(), 4);
        assert!(PloverType::Retreat.modes().contains(&"disarm"));
    }
}
