//! Portraits drawn by code, for the demo gym (so a first run shows photos) and
//! for `frontdesk-central`'s `/photos/` route: a coloured background and a
//! head-and-shoulders silhouette, colours chosen from the member id. Not
//! pictures of anyone.

use image::{Rgb, RgbImage};

const BACKGROUNDS: &[[u8; 3]] = &[
    [0x4f, 0x7c, 0xac],
    [0x2a, 0x9d, 0x8f],
    [0xe9, 0xc4, 0x6a],
    [0xf4, 0xa2, 0x61],
    [0xe7, 0x6f, 0x51],
    [0x8e, 0x7d, 0xbe],
    [0x6a, 0xb1, 0x87],
    [0xc9, 0x8b, 0xb9],
];
const SKIN: &[[u8; 3]] =
    &[[0xf1, 0xc2, 0x7d], [0xe0, 0xac, 0x69], [0xc6, 0x86, 0x42], [0x8d, 0x55, 0x24], [0xff, 0xdb, 0xac]];
const CLOTHES: &[[u8; 3]] =
    &[[0x26, 0x46, 0x53], [0x33, 0x33, 0x33], [0xb2, 0x22, 0x22], [0x1d, 0x35, 0x57], [0x55, 0x6b, 0x2f]];

/// The portrait of member `id`, `side` pixels square; the same id draws the
/// same picture, `variant` changes its colours (a "new photo").
pub fn portrait(id: i64, variant: u32, side: u32) -> RgbImage {
    let mut rng = crate::rng::SplitMix64::new((id as u64).wrapping_mul(0x9E37_79B9) ^ u64::from(variant) << 32);
    let bg = *rng.pick(BACKGROUNDS);
    let skin = *rng.pick(SKIN);
    let cloth = *rng.pick(CLOTHES);
    let s = side as f32;
    let (hx, hy, hr) = (s * 0.5, s * (0.36 + rng.below(6) as f32 / 100.0), s * (0.17 + rng.below(4) as f32 / 100.0));
    let (sy, sw, sh) = (s * 0.98, s * (0.36 + rng.below(8) as f32 / 100.0), s * 0.30);
    RgbImage::from_fn(side, side, |x, y| {
        let (fx, fy) = (x as f32 + 0.5, y as f32 + 0.5);
        let head = ((fx - hx) / hr).powi(2) + ((fy - hy) / (hr * 1.15)).powi(2) <= 1.0;
        let shoulders = ((fx - hx) / sw).powi(2) + ((fy - sy) / sh).powi(2) <= 1.0;
        // A soft vertical gradient keeps the background from being flat.
        let shade = 1.0 - 0.25 * fy / s;
        let px = if head {
            skin
        } else if shoulders {
            cloth
        } else {
            bg.map(|c| (c as f32 * shade) as u8)
        };
        Rgb(px)
    })
}

/// The `#RRGGBB` background colour of member `id`'s portrait (variant 0).
pub fn portrait_color(id: i64) -> String {
    let p = portrait(id, 0, 4);
    let c = p.get_pixel(0, 0).0;
    format!("#{:02x}{:02x}{:02x}", c[0], c[1], c[2])
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn portraits_are_deterministic_varied_and_shrink_to_the_kept_size() {
        assert_eq!(portrait(1001, 0, 64), portrait(1001, 0, 64));
        let distinct: std::collections::HashSet<Vec<u8>> =
            (1001..1011).map(|id| portrait(id, 0, 32).into_raw()).collect();
        assert!(distinct.len() >= 8, "ids draw different portraits: {}", distinct.len());
        assert_ne!(portrait(1001, 0, 32), portrait(1001, 1, 32), "a variant is another picture");
        let s = crate::photos::shrink::encode_jpeg(&portrait(1001, 0, 256)).unwrap();
        assert!(s.jpeg.len() <= crate::photos::shrink::MAX_JPEG_BYTES);
        assert!(portrait_color(1001).starts_with('#') && portrait_color(1001).len() == 7);
    }
}
