//! Second decoder: rxing (pure-Rust port of ZXing and of zxing-cpp's QR
//! reader), behind the `rxing` cargo feature. It finds codes rqrr misses
//! (tilted, low contrast) and reads ECI and mixed-charset payloads itself.
//! Like rqrr, every call is panic-isolated.

use std::panic::{catch_unwind, AssertUnwindSafe};

use rxing::common::{GlobalHistogramBinarizer, HybridBinarizer};
use rxing::qrcode::cpp_port::QrReader;
use rxing::qrcode::QRCodeReader;
use rxing::{
    BarcodeFormat, BinaryBitmap, DecodeHints, Luma8LuminanceSource, RXingResult, RXingResultMetadataType,
    RXingResultMetadataValue, Reader,
};

use crate::scan::luma::LumaFrame;
use crate::scan::pass::{Affine, Decoded, PassOutcome};

/// Which rxing reader and binariser to use.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum RxReader {
    /// Port of zxing-cpp's QR reader.
    Cpp,
    /// Port of the original ZXing (Java) QR reader.
    Java,
}

fn to_decoded(r: &RXingResult, map: Affine) -> Decoded {
    let pts = r.getPoints();
    let mut corners = [(0.0f32, 0.0f32); 4];
    for (i, c) in corners.iter_mut().enumerate() {
        if let Some(p) = pts.get(i.min(pts.len().saturating_sub(1))) {
            *c = map.apply(p.x, p.y);
        }
    }
    let text = r.getText().to_string();
    // Payload bytes: rxing reports byte-mode segments; use them when they
    // account for the whole text (pure byte-mode codes, the common case),
    // otherwise the UTF-8 of the text it decoded (ECI already applied).
    let mut bytes = text.as_bytes().to_vec();
    if let Some(RXingResultMetadataValue::ByteSegments(segs)) =
        r.getRXingResultMetadata().get(&RXingResultMetadataType::BYTE_SEGMENTS)
    {
        let joined: Vec<u8> = segs.concat();
        if !joined.is_empty() && crate::scan::text::payload_to_text(&joined, None) == text {
            bytes = joined;
        }
    }
    Decoded { bytes, text, corners }
}

pub(crate) fn rxing_pass(f: &LumaFrame, reader: RxReader, hybrid: bool, try_harder: bool, map: Affine) -> PassOutcome {
    let mut out = PassOutcome::default();
    // QR only: Micro QR / rMQR have weak error correction and would raise the
    // false-code risk on frames without a code.
    let hints = DecodeHints {
        TryHarder: Some(try_harder),
        PossibleFormats: Some(std::collections::HashSet::from([BarcodeFormat::QR_CODE])),
        ..Default::default()
    };
    let res = catch_unwind(AssertUnwindSafe(|| {
        let src = Luma8LuminanceSource::new(f.data.clone(), f.width, f.height).ok()?;
        let r = if hybrid {
            let mut bm = BinaryBitmap::new(HybridBinarizer::new(src));
            match reader {
                RxReader::Cpp => QrReader.decode_with_hints(&mut bm, &hints),
                RxReader::Java => QRCodeReader.decode_with_hints(&mut bm, &hints),
            }
        } else {
            let mut bm = BinaryBitmap::new(GlobalHistogramBinarizer::new(src));
            match reader {
                RxReader::Cpp => QrReader.decode_with_hints(&mut bm, &hints),
                RxReader::Java => QRCodeReader.decode_with_hints(&mut bm, &hints),
            }
        };
        r.ok()
    }));
    match res {
        Err(_) => out.panicked = true,
        Ok(Some(r)) if *r.getBarcodeFormat() == BarcodeFormat::QR_CODE => out.codes.push(to_decoded(&r, map)),
        Ok(Some(_)) => {}
        Ok(None) => {}
    }
    out
}
