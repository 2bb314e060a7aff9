//! The member's QR code, parsed before any rule runs.
//!
//! The central API reads `U{user_id}_{rest}` and takes the text between the
//! `U` and the first `_` as the member id; it never checks the rest. The desk
//! parses exactly that shape (a `U`, ASCII digits, `_`, a non-empty rest) and
//! then lets the member's stored code decide whether the whole code is right,
//! comparing SHA-256 digests so the replica never holds codes in the clear.

use sha2::{Digest, Sha256};
use std::fmt;

/// Codes longer than this are garbage from a misread, not member codes.
pub const MAX_CODE_LEN: usize = 256;

#[derive(Clone, PartialEq, Eq)]
pub struct MemberCode {
    text: String,
    member_id: i64,
}

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum CodeError {
    #[error("empty code")]
    Empty,
    #[error("code longer than {MAX_CODE_LEN} bytes")]
    TooLong,
    #[error("code does not start with 'U'")]
    NoPrefix,
    #[error("no member id digits after 'U'")]
    NoDigits,
    #[error("member id out of range")]
    IdOutOfRange,
    #[error("expected '_' after the member id")]
    NoSeparator,
    #[error("nothing after '_'")]
    EmptyRest,
}

impl MemberCode {
    /// Parses a scanned code. Surrounding whitespace and the CR/LF that
    /// keyboard-wedge scanners append are trimmed first.
    pub fn parse(raw: &str) -> Result<Self, CodeError> {
        let text = raw.trim();
        if text.is_empty() {
            return Err(CodeError::Empty);
        }
        if text.len() > MAX_CODE_LEN {
            return Err(CodeError::TooLong);
        }
        let body = text.strip_prefix('U').ok_or(CodeError::NoPrefix)?;
        let digits_len = body.bytes().take_while(u8::is_ascii_digit).count();
        if digits_len == 0 {
            return Err(CodeError::NoDigits);
        }
        let (digits, tail) = body.split_at(digits_len);
        let member_id: i64 = digits.parse().map_err(|_| CodeError::IdOutOfRange)?;
        let rest = tail.strip_prefix('_').ok_or(CodeError::NoSeparator)?;
        if rest.is_empty() {
            return Err(CodeError::EmptyRest);
        }
        Ok(Self { text: text.to_owned(), member_id })
    }

    pub fn member_id(&self) -> i64 {
        self.member_id
    }

    /// The whole trimmed code, as the server stores it.
    pub fn as_str(&self) -> &str {
        &self.text
    }

    pub fn digest(&self) -> [u8; 32] {
        digest(&self.text)
    }
}

/// SHA-256 of a code's text: what the replica stores instead of the code.
pub fn digest(code: &str) -> [u8; 32] {
    Sha256::digest(code.as_bytes()).into()
}

impl fmt::Debug for MemberCode {
    // Codes are credentials: keep them out of debug logs.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "MemberCode(U{}_…)", self.member_id)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn parses_the_generated_shape_and_the_backend_test_shapes() {
        assert_eq!(MemberCode::parse("U123_ab12cd34").unwrap().member_id(), 123);
        assert_eq!(MemberCode::parse("U999_test123").unwrap().member_id(), 999);
        assert_eq!(MemberCode::parse("U997_small").unwrap().member_id(), 997);
        // The rest may itself contain underscores: only the first one splits.
        assert_eq!(MemberCode::parse("U5_a_b").unwrap().as_str(), "U5_a_b");
    }

    #[test]
    fn trims_scanner_whitespace() {
        let c = MemberCode::parse("  U42_deadbeef\r\n").unwrap();
        assert_eq!(c.as_str(), "U42_deadbeef");
        assert_eq!(c.digest(), digest("U42_deadbeef"));
    }

    #[test]
    fn refuses_what_is_not_a_member_code() {
        use CodeError::*;
        let cases = [
            ("", Empty),
            ("   ", Empty),
            ("INVALID", NoPrefix),
            ("INVALID_QR", NoPrefix),
            ("u12_abc", NoPrefix),
            ("U_abc", NoDigits),
            ("Uabc_1", NoDigits),
            ("U12", NoSeparator),
            ("U12abc", NoSeparator),
            ("U12_", EmptyRest),
            ("U99999999999999999999_x", IdOutOfRange),
        ];
        for (raw, want) in cases {
            assert_eq!(MemberCode::parse(raw), Err(want), "{raw:?}");
        }
        assert_eq!(MemberCode::parse(&format!("U1_{}", "x".repeat(300))), Err(TooLong));
    }

    #[test]
    fn debug_output_hides_the_secret_part() {
        let c = MemberCode::parse("U7_secret99").unwrap();
        assert!(!format!("{c:?}").contains("secret99"));
    }

    proptest! {
        #[test]
        fn any_well_formed_code_round_trips(id in 0i64..i64::MAX, rest in "[A-Za-z0-9_\\-]{1,40}") {
            let text = format!("U{id}_{rest}");
            let c = MemberCode::parse(&text).unwrap();
            prop_assert_eq!(c.member_id(), id);
            prop_assert_eq!(c.as_str(), text.as_str());
        }

        #[test]
        fn parse_never_panics_and_accepts_only_the_shape(s in "\\PC{0,80}") {
            if let Ok(c) = MemberCode::parse(&s) {
                let t = s.trim();
                prop_assert!(t.starts_with('U'));
                prop_assert!(t.contains('_'));
                prop_assert_eq!(c.as_str(), t);
                let digits: String = t[1..].chars().take_while(|c| c.is_ascii_digit()).collect();
                prop_assert_eq!(digits.parse::<i64>().unwrap(), c.member_id());
            }
        }

        #[test]
        fn the_digest_tells_every_different_rest_apart(a in "[a-z0-9]{1,12}", b in "[a-z0-9]{1,12}") {
            prop_assume!(a != b);
            let ca = MemberCode::parse(&format!("U1_{a}")).unwrap();
            let cb = MemberCode::parse(&format!("U1_{b}")).unwrap();
            prop_assert_ne!(ca.digest(), cb.digest());
        }
    }
}
