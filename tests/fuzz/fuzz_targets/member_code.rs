//! Fuzz target `member_code`: the parser every scanned or typed code goes
//! through before any check-in rule runs (`MemberCode::parse`), with the
//! properties the rules rely on checked on every accepted code.
#![no_main]

use frontdesk::domain::member_code::{digest, CodeError, MemberCode, MAX_CODE_LEN};
use libfuzzer_sys::fuzz_target;

fn check(raw: &str) {
    match MemberCode::parse(raw) {
        Ok(code) => {
            let text = code.as_str();
            assert_eq!(text, raw.trim(), "the code is the trimmed input");
            assert!(!text.is_empty() && text.len() <= MAX_CODE_LEN);
            let body = text.strip_prefix('U').expect("starts with U");
            let digits: String = body.chars().take_while(|c| c.is_ascii_digit()).collect();
            assert_eq!(digits.parse::<i64>().ok(), Some(code.member_id()), "member id is the digit run");
            let rest = &body[digits.len()..];
            assert!(rest.starts_with('_') && rest.len() > 1, "an '_' and a non-empty rest follow");
            assert_eq!(code.digest(), digest(text));
            // Debug output must never show the secret part.
            assert_eq!(format!("{code:?}"), format!("MemberCode(U{}_…)", code.member_id()));
            // Parsing is idempotent: the stored text parses to the same code.
            assert_eq!(MemberCode::parse(text).as_ref(), Ok(&code));
        }
        Err(CodeError::Empty) => assert!(raw.trim().is_empty()),
        Err(CodeError::TooLong) => assert!(raw.trim().len() > MAX_CODE_LEN),
        Err(_) => {}
    }
}

fuzz_target!(|data: &[u8]| {
    frontdesk_fuzz::linked();
    // Scanners and the keyboard wedge give text; the decoder's payload may
    // have been Latin-1, so also try the lossy reading of arbitrary bytes.
    match std::str::from_utf8(data) {
        Ok(s) => check(s),
        Err(_) => check(&String::from_utf8_lossy(data)),
    }
});
