//! QR payload bytes to text.
//!
//! QR byte segments carry no charset unless an ECI says so, and Kanji
//! segments are Shift_JIS. Mature decoders (ZXing, zxing-cpp) honour the ECI
//! when present, otherwise guess: valid UTF-8 first, then valid Shift_JIS,
//! then ISO-8859-1 (which never fails). This module does the same so that
//! our results compare like with like against theirs. Note: rqrr 0.11 reads
//! and discards ECI designators (`decode_eci`), so rqrr results use the guess;
//! rxing results arrive with the ECI already applied.

use encoding_rs::SHIFT_JIS;

/// Charset chosen for a payload.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Charset {
    Utf8,
    ShiftJis,
    Latin1,
}

/// Map an ECI designator to a charset we support (ISO/IEC 18004 table 4 /
/// AIM ECI registry). `None` for designators we do not handle.
pub fn charset_for_eci(eci: u32) -> Option<Charset> {
    match eci {
        1 | 3 => Some(Charset::Latin1), // 1: legacy ISO-8859-1, 3: ISO-8859-1
        20 => Some(Charset::ShiftJis),
        26 => Some(Charset::Utf8),
        _ => None,
    }
}

/// ISO-8859-1: every byte is the code point of the same number.
pub fn latin1(bytes: &[u8]) -> String {
    bytes.iter().map(|&b| b as char).collect()
}

/// Strict Shift_JIS; `None` on any malformed sequence.
pub fn shift_jis(bytes: &[u8]) -> Option<String> {
    SHIFT_JIS.decode_without_bom_handling_and_without_replacement(bytes).map(|c| c.into_owned())
}

/// Decode in a given charset; UTF-8 and Shift_JIS replace malformed input
/// with U+FFFD (used when an ECI says so: the code's own word beats a guess).
pub fn decode_as(bytes: &[u8], cs: Charset) -> String {
    match cs {
        Charset::Utf8 => String::from_utf8_lossy(bytes).into_owned(),
        Charset::ShiftJis => SHIFT_JIS.decode_without_bom_handling(bytes).0.into_owned(),
        Charset::Latin1 => latin1(bytes),
    }
}

/// Guess like mature decoders: UTF-8 (with an optional BOM) if valid,
/// else Shift_JIS if valid, else ISO-8859-1.
pub fn guess_charset(bytes: &[u8]) -> Charset {
    let body = bytes.strip_prefix(&[0xEF, 0xBB, 0xBF]).unwrap_or(bytes);
    if std::str::from_utf8(body).is_ok() {
        Charset::Utf8
    } else if shift_jis(bytes).is_some() {
        Charset::ShiftJis
    } else {
        Charset::Latin1
    }
}

/// Payload bytes to text, honouring an ECI designator when one was read.
pub fn payload_to_text(bytes: &[u8], eci: Option<u32>) -> String {
    if let Some(cs) = eci.and_then(charset_for_eci) {
        return decode_as(bytes, cs);
    }
    match guess_charset(bytes) {
        Charset::Utf8 => {
            let body = bytes.strip_prefix(&[0xEF, 0xBB, 0xBF]).unwrap_or(bytes);
            String::from_utf8(body.to_vec()).expect("validated as UTF-8")
        }
        cs => decode_as(bytes, cs),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ascii_and_utf8_stay_utf8() {
        assert_eq!(payload_to_text(b"MEMBER-0042", None), "MEMBER-0042");
        assert_eq!(payload_to_text("Zoë – café".as_bytes(), None), "Zoë – café");
        assert_eq!(payload_to_text(b"\xEF\xBB\xBFhi", None), "hi");
    }

    #[test]
    fn shift_jis_fallback() {
        // "日本" in Shift_JIS: 93 FA 96 7B (invalid as UTF-8)
        let sjis = [0x93, 0xFA, 0x96, 0x7B];
        assert_eq!(guess_charset(&sjis), Charset::ShiftJis);
        assert_eq!(payload_to_text(&sjis, None), "日本");
    }

    #[test]
    fn latin1_fallback_never_fails() {
        // 0xE9 'é' alone, 0x80..0x9F controls: invalid UTF-8; 0xA0 lone is invalid SJIS lead? use 0xFF
        let bytes = [b'c', b'a', b'f', 0xE9, 0xFF];
        assert_eq!(guess_charset(&bytes), Charset::Latin1);
        assert_eq!(payload_to_text(&bytes, None), "caf\u{e9}\u{ff}");
    }

    #[test]
    fn eci_wins_over_guess() {
        // Valid UTF-8 bytes "Ã©" but ECI 3 says Latin-1.
        assert_eq!(payload_to_text(&[0xC3, 0xA9], Some(3)), "\u{c3}\u{a9}");
        assert_eq!(payload_to_text(&[0xC3, 0xA9], Some(26)), "é");
        assert_eq!(payload_to_text(&[0x93, 0xFA], Some(20)), "日");
        // unknown ECI: fall back to the guess
        assert_eq!(payload_to_text(&[0xC3, 0xA9], Some(999)), "é");
    }
}
