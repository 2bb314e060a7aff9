//! Accent- and case-insensitive text folding for member search, so that
//! "Lopez" finds "López" and "MUNOZ" finds "Muñoz".

use unicode_normalization::{char::is_combining_mark, UnicodeNormalization};

/// Lower-cases, strips diacritics and collapses whitespace.
pub fn fold(s: &str) -> String {
    let stripped: String = s.nfd().filter(|c| !is_combining_mark(*c)).collect();
    stripped.to_lowercase().split_whitespace().collect::<Vec<_>>().join(" ")
}

#[cfg(test)]
mod tests {
    use super::fold;

    #[test]
    fn folds_spanish_names() {
        assert_eq!(fold("José  López"), "jose lopez");
        assert_eq!(fold("MUÑOZ"), "munoz");
        assert_eq!(fold("Núñez Güell"), "nunez guell");
        assert_ne!(fold("Lopez"), fold("Lopes"));
    }
}
