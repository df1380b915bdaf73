//! Typed search words as an FTS5 query, shared by the call and directory
//! searches so both read input the same way.

/// Every word becomes a quoted prefix term, all of them required: "dros maj"
/// finds "Drošā māja" (the tables fold diacritics). Quoting keeps FTS5's
/// operators (AND, NEAR, `*`, `:`) in typed text from being read as syntax.
pub fn prefix_query(text: &str) -> Option<String> {
    let words: Vec<String> = text
        .split(|c: char| !c.is_alphanumeric())
        .filter(|word| !word.is_empty())
        .map(|word| format!("\"{word}\"*"))
        .collect();
    (!words.is_empty()).then(|| words.join(" AND "))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn typed_words_become_quoted_prefix_terms() {
        assert_eq!(
            prefix_query("dros maja").as_deref(),
            Some("\"dros\"* AND \"maja\"*")
        );
        assert_eq!(
            prefix_query("NEAR(a b) OR *").as_deref(),
            Some("\"NEAR\"* AND \"a\"* AND \"b\"* AND \"OR\"*")
        );
        assert_eq!(prefix_query(" -- "), None);
        assert_eq!(prefix_query("  \"* "), None);
    }
}
