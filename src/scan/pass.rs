//! What every decoding pass produces, whichever decoder runs it (rqrr in
//! `decode`, rxing in `rxing_decoder`): the decoded codes in frame
//! coordinates, the grids located but not read, and whether the decoder
//! panicked. Kept apart so the two decoders depend on it, not on each other.

/// One decoded QR code.
#[derive(Clone, Debug, PartialEq)]
pub struct Decoded {
    /// Payload as text (ECI honoured when known, else UTF-8 → Shift_JIS → Latin-1).
    pub text: String,
    /// Payload bytes exactly as stored in the code's segments.
    pub bytes: Vec<u8>,
    /// Corners in frame pixels: top-left, top-right, bottom-right, bottom-left.
    pub corners: [(f32, f32); 4],
}

/// Affine map from pass coordinates back to frame coordinates.
#[derive(Clone, Copy, Debug)]
pub(crate) struct Affine(pub(crate) [f32; 6]);

impl Affine {
    pub(crate) const IDENTITY: Affine = Affine([1.0, 0.0, 0.0, 0.0, 1.0, 0.0]);
    pub(crate) fn apply(&self, x: f32, y: f32) -> (f32, f32) {
        let m = self.0;
        (m[0] * x + m[1] * y + m[2], m[3] * x + m[4] * y + m[5])
    }
    pub(crate) fn then_scale_offset(s: f32, ox: f32, oy: f32) -> Affine {
        Affine([s, 0.0, ox, 0.0, s, oy])
    }
}

/// What one pass of rqrr saw.
#[derive(Default)]
pub(crate) struct PassOutcome {
    pub codes: Vec<Decoded>,
    /// Grids rqrr located but could not decode, in frame coordinates.
    pub failed_grids: Vec<[(f32, f32); 4]>,
    pub panicked: bool,
}
