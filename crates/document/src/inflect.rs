//! English inflection shared by the stages that read word lists: noun plurals.

/// Plural forms of an English noun (regular rules plus a few irregulars); none for nouns
/// that are their own plural ("police", "personnel").
pub fn plurals(word: &str) -> Vec<String> {
    let w = word;
    let lower = w.to_lowercase();
    if let Some(stem) = lower.strip_suffix("man") {
        return vec![format!("{stem}men")];
    }
    if matches!(
        lower.as_str(),
        "police" | "military" | "personnel" | "staff" | "militia" | "people" | "media" | "army"
    ) && lower != "army"
    {
        return Vec::new();
    }
    if lower.ends_with('s')
        || lower.ends_with('x')
        || lower.ends_with("ch")
        || lower.ends_with("sh")
    {
        return vec![format!("{w}es")];
    }
    if let Some(stem) = lower.strip_suffix('y')
        && !stem.ends_with(['a', 'e', 'o', 'u'])
    {
        return vec![format!("{}ies", &w[..w.len() - 1])];
    }
    if lower.ends_with("child") {
        return vec![format!("{w}ren")];
    }
    vec![format!("{w}s")]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn plural_forms() {
        assert_eq!(plurals("soldier"), vec!["soldiers"]);
        assert_eq!(plurals("policeman"), vec!["policemen"]);
        assert_eq!(plurals("militia"), Vec::<String>::new());
        assert_eq!(plurals("party"), vec!["parties"]);
        assert_eq!(plurals("witness"), vec!["witnesses"]);
    }
}
