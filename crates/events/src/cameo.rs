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

/// The CAMEO 02 (appeal) code that mirrors a CAMEO 10 (demand) code: "called for talks" is
/// 026, "demanded talks" 106. Codes outside 10x are returned unchanged.
pub fn as_appeal(code: &str) -> String {
    match code.strip_prefix("10") {
        Some(rest) => format!("02{rest}"),
        None => code.to_string(),
    }
}

/// What a promise or plan to carry out an act is: future or intended cooperation is AGREE
/// (CAMEO 03x, "express intent to cooperate"), a future or intended concession CONCEDE (035x,
/// "express intent to yield", as PLOVER 2.0 keeps future RETREAT/CONCEDE under CONCEDE), a
/// future or intended conflictual act THREATEN (13x). Returns the type, mode and CAMEO code,
/// or `None` when an intention to do `act` is not itself an event (verbal conflict, MOBILIZE).
pub fn intent_of(
    act: PloverType,
    act_cameo: Option<&str>,
    act_mode: Option<&str>,
) -> Option<(PloverType, Option<&'static str>, String)> {
    use PloverType::*;
    let code = act_cameo.unwrap_or("");
    let starts = |p: &str| code.starts_with(p);
    Some(match act {
        Consult if starts("045") => (Agree, None, "039".into()),
        Consult => (Agree, None, "036".into()),
        Aid => {
            let c = if starts("071") {
                "0331"
            } else if starts("072") {
                "0332"
            } else if starts("073") || starts("075") {
                "0333"
            } else if starts("074") {
                "0334"
            } else {
                "033"
            };
            (Agree, None, c.into())
        }
        Cooperate => {
            let c = if starts("061") {
                "0311"
            } else if starts("062") {
                "0312"
            } else if starts("063") {
                "0313"
            } else if starts("064") {
                "0314"
            } else {
                "031"
            };
            (Agree, None, c.into())
        }
        Support | Agree => (Agree, None, "032".into()),
        Retreat | Concede => {
            let c = if starts("081") {
                "0351"
            } else if starts("082") {
                "0352"
            } else if starts("0831") {
                "0341"
            } else if starts("0832") {
                "0342"
            } else if starts("0833") {
                "0343"
            } else if starts("0834") {
                "0344"
            } else if starts("083") {
                "034"
            } else if starts("084") {
                "0353"
            } else if starts("085") {
                "0354"
            } else if starts("086") {
                "0355"
            } else if starts("087") {
                "0356"
            } else {
                "035"
            };
            (Concede, None, c.into())
        }
        Assault | Coerce | Sanction | Protest => {
            let mode = match (act, act_mode) {
                (Protest, Some("boycott")) => Some("restrict"),
                (Protest, _) => None,
                _ => threat_mode(act, act_mode),
            };
            let cameo = match (act, act_mode) {
                (Protest, Some("boycott")) => "1312",
                _ => threat_cameo(act_cameo, act),
            };
            (Threaten, mode, cameo.into())
        }
        _ => return None,
    })
}

/// What a refusal to carry out an act is ("will not accept refugees", "would not meet the
/// demands"): REJECT (CAMEO 12x) with the mode of what is refused; `None` for acts whose
/// refusal is not a rejection (conflict: "will not attack" promises restraint).
pub fn refusal_of(
    act: PloverType,
    act_cameo: Option<&str>,
) -> Option<(Option<&'static str>, String)> {
    use PloverType::*;
    let code = act_cameo.unwrap_or("");
    let starts = |p: &str| code.starts_with(p);
    Some(match act {
        Consult => (
            Some("meet"),
            if starts("045") { "126" } else { "125" }.into(),
        ),
        Aid => (Some("assist"), "122".into()),
        Cooperate => (None, "121".into()),
        Support | Agree => (None, "120".into()),
        Retreat | Concede => {
            let c = if starts("081") {
                "1241"
            } else if starts("082") {
                "1242"
            } else if starts("083") {
                "123"
            } else if starts("084") {
                "1243"
            } else if starts("085") {
                "1244"
            } else if starts("086") {
                "1245"
            } else if starts("087") {
                "1246"
            } else {
                "124"
            };
            (Some("yield"), c.into())
        }
        _ => return None,
    })
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
    fn appeals_mirror_demands() {
        assert_eq!(as_appeal("1056"), "0256");
        assert_eq!(as_appeal("100"), "020");
        assert_eq!(as_appeal("173"), "173");
    }

    #[test]
    fn intentions_and_refusals() {
        let (t, _, c) = intent_of(PloverType::Aid, Some("073"), None).unwrap();
        assert_eq!((t, c.as_str()), (PloverType::Agree, "0333"));
        let (t, _, c) = intent_of(PloverType::Retreat, Some("0874"), None).unwrap();
        assert_eq!((t, c.as_str()), (PloverType::Concede, "0356"));
        let (t, m, c) = intent_of(PloverType::Assault, Some("190"), None).unwrap();
        assert_eq!(
            (t, m, c.as_str()),
            (PloverType::Threaten, Some("violence"), "1384")
        );
        let (_, m, c) = intent_of(PloverType::Protest, Some("143"), Some("boycott")).unwrap();
        assert_eq!((m, c.as_str()), (Some("restrict"), "1312"));
        assert!(intent_of(PloverType::Accuse, None, None).is_none());
        assert_eq!(
            refusal_of(PloverType::Consult, Some("040")),
            Some((Some("meet"), "125".to_string()))
        );
        assert!(refusal_of(PloverType::Assault, Some("190")).is_none());
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
