//! Codes of demands and threats, derived from the act that is demanded or threatened.
//!
//! "Called on X to allow humanitarian access" is a REQUEST (CAMEO 1055, mode `yield`), not the
//! access itself; "threatened to strike convoys" is a THREATEN (CAMEO 1384, mode `violence`).

use annals_record::PloverType;

/// PLOVER mode of a REQUEST for an act of type `act`.
pub fn request_mode(act: PloverType) -> &'static str {
    use PloverType::*;
    match act {
        Aid | Cooperate => "assist",
        Retreat | Concede => "yield",
        Consult => "meet",
        _ => "change",
    }
}

/// CAMEO code of a demand for the act with CAMEO code `act`.
pub fn request_cameo(act: Option<&str>, act_type: PloverType) -> &'static str {
    let code = act.unwrap_or("");
    let starts = |p: &str| code.starts_with(p);
    if starts("071") {
        "1031"
    } else if starts("072") {
        "1032"
    } else if starts("073") {
        "1033"
    } else if starts("074") {
        "1034"
    } else if starts("07") {
        "103"
    } else if starts("081") {
        "1051"
    } else if starts("082") {
        "1052"
    } else if starts("083") {
        "104"
    } else if starts("084") {
        "1053"
    } else if starts("085") {
        "1054"
    } else if starts("086") {
        "1055"
    } else if starts("087") {
        "1056"
    } else if starts("08") {
        "105"
    } else if starts("04") {
        "106"
    } else if starts("06") {
        "101"
    } else if starts("05") {
        "102"
    } else {
        match act_type {
            PloverType::Retreat => "1056",
            PloverType::Aid => "103",
            PloverType::Consult => "106",
            _ => "100",
        }
    }
}

/// PLOVER mode of a THREATEN for an act of type `act` with mode `act_mode`.
pub fn threat_mode(act: PloverType, act_mode: Option<&str>) -> Option<&'static str> {
    use PloverType::*;
    Some(match (act, act_mode) {
        (Assault, _) => "violence",
        (Coerce, Some("arrest")) => "arrest",
        (Coerce, Some("deport")) | (Sanction, Some("expel")) => "expel",
        (Coerce, Some("seize")) => "territory",
        (Coerce, _) => "restrict",
        (Sanction, Some("withdraw" | "discontinue")) => "relations",
        (Sanction, _) => "restrict",
        _ => return None,
    })
}

/// CAMEO code of a threat to carry out the act with CAMEO code `act`.
pub fn threat_cameo(act: Option<&str>, act_type: PloverType) -> &'static str {
    let code = act.unwrap_or("");
    if code.starts_with("18") || code.starts_with("20") {
        "1383"
    } else if code.starts_with("192") {
        "1382"
    } else if code.starts_with("191") {
        "1381"
    } else if code.starts_with("19") {
        "1384"
    } else if code.starts_with("16") {
        "131"
    } else if code.starts_with("17") {
        "137"
    } else {
        match act_type {
            PloverType::Assault => "138",
            PloverType::Sanction => "131",
            PloverType::Coerce => "137",
            _ => "130",
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn demands_follow_the_demanded_act() {
        assert_eq!(request_cameo(Some("0863"), PloverType::Retreat), "1055");
        assert_eq!(request_cameo(Some("0874"), PloverType::Retreat), "1056");
        assert_eq!(request_cameo(Some("073"), PloverType::Aid), "1033");
        assert_eq!(request_cameo(None, PloverType::Consult), "106");
        assert_eq!(request_mode(PloverType::Retreat), "yield");
        assert_eq!(request_mode(PloverType::Aid), "assist");
    }

    #[test]
    fn threats_follow_the_threatened_act() {
        assert_eq!(threat_cameo(Some("190"), PloverType::Assault), "1384");
        assert_eq!(threat_cameo(Some("183"), PloverType::Assault), "1383");
        assert_eq!(threat_mode(PloverType::Assault, None), Some("violence"));
        assert_eq!(
            threat_mode(PloverType::Coerce, Some("arrest")),
            Some("arrest")
        );
        assert_eq!(threat_mode(PloverType::Agree, None), None);
    }
}
