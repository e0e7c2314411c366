//! The user dictionary: Lindera's ko-dic "simple" CSV (`surface,POS,reading`),
//! read at run time so that adding a domain word needs no recompile.

use lindera::dictionary::{DictionaryBuilder, Metadata, UserDictionary};

/// The copy shipped in `dictionaries/`, used when `--user-dict` is not given.
pub const BUILTIN_USER_DICT: &str = include_str!("../../../../dictionaries/user_dict.csv");

/// `file:line: what is wrong`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UserDictError {
    /// Where the dictionary came from: its path, or a label for the built-in copy.
    pub origin: String,
    /// 1-based line; 0 when the error is not about one line (an unreadable file).
    pub line: usize,
    /// What is wrong.
    pub message: String,
}

impl UserDictError {
    /// An error at `origin:line`.
    pub fn new(origin: String, line: usize, message: String) -> Self {
        UserDictError { origin, line, message }
    }
}

impl std::fmt::Display for UserDictError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        if self.line == 0 {
            write!(f, "{}: {}", self.origin, self.message)
        } else {
            write!(f, "{}:{}: {}", self.origin, self.line, self.message)
        }
    }
}

/// Checks each row ourselves first: Lindera's own errors do not name the line.
pub fn validate(csv: &str, origin: &str) -> Result<usize, UserDictError> {
    let mut rows = 0;
    for (i, line) in csv.lines().enumerate() {
        let line_no = i + 1;
        let line = line.trim();
        if line.is_empty() || line.starts_with('#') {
            continue;
        }
        let fields: Vec<&str> = line.split(',').collect();
        let err = |m: String| Err(UserDictError::new(origin.to_string(), line_no, m));
        match fields.len() {
            3 => {
                if fields[0].trim().is_empty() {
                    return err("empty surface".into());
                }
                let tag = fields[1].trim();
                if tag.is_empty() || !tag.chars().all(|c| c.is_ascii_uppercase() || c == '+') {
                    return err(format!("'{tag}' is not a ko-dic POS tag (e.g. NNG, NNP)"));
                }
            }
            12 => {
                for (k, name) in [(1, "left id"), (2, "right id"), (3, "cost")] {
                    if fields[k].trim().parse::<i32>().is_err() {
                        return err(format!("{name} '{}' is not a number", fields[k]));
                    }
                }
            }
            n => return err(format!("expected 3 fields (surface,POS,reading) or 12, found {n}")),
        }
        rows += 1;
    }
    Ok(rows)
}

/// Validates and builds; `None` when the file has no entries.
pub fn build(csv: &str, origin: &str, metadata: &Metadata) -> Result<Option<UserDictionary>, UserDictError> {
    if validate(csv, origin)? == 0 {
        return Ok(None);
    }
    // Comments and blank lines are ours, not Lindera's: strip them before building.
    let cleaned: String = csv
        .lines()
        .map(str::trim)
        .filter(|l| !l.is_empty() && !l.starts_with('#'))
        .flat_map(|l| [l, "\n"])
        .collect();
    DictionaryBuilder::new(metadata.clone())
        .build_user_dict_from_reader(cleaned.as_bytes())
        .map(Some)
        .map_err(|e| UserDictError::new(origin.to_string(), 0, e.to_string()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rejects_wrong_field_count_with_line() {
        let e = validate("스마트빌리지,NNG,스마트빌리지\n\n지자체,NNG\n", "u.csv").unwrap_err();
        assert_eq!(e.line, 3);
        assert_eq!(e.to_string(), "u.csv:3: expected 3 fields (surface,POS,reading) or 12, found 2");
    }

    #[test]
    fn rejects_bad_tag() {
        let e = validate("# c\n지자체,명사,지자체\n", "u.csv").unwrap_err();
        assert_eq!(e.line, 2);
        assert!(e.message.contains("명사"));
    }

    #[test]
    fn counts_rows_and_skips_comments() {
        assert_eq!(validate("# x\n지자체,NNG,지자체\n과기정통부,NNP,과기정통부\n", "u").unwrap(), 2);
    }

    #[test]
    fn builtin_is_valid() {
        assert!(validate(BUILTIN_USER_DICT, "builtin").unwrap() > 5);
    }
}
