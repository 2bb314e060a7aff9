//! `frontdesk decode IMAGE... [--json]`: read the QR codes in still images.
//! One line per image; with `--json` `{"path", "codes": [...], "ms"}` or
//! `{"path", "error": {"code", "message"}}` for a file that cannot be read
//! (the others are still decoded, and the exit status is 2 at the end).

use frontdesk::scan::decode_file;
use serde_json::json;
use std::path::PathBuf;
use std::process::ExitCode;
use std::time::Instant;

#[derive(clap::Args)]
pub struct Args {
    /// Image files (PNG or JPEG)
    #[arg(required = true)]
    images: Vec<PathBuf>,
    /// One JSON object per line
    #[arg(long)]
    json: bool,
}

pub fn run(a: Args) -> anyhow::Result<ExitCode> {
    let mut failed = false;
    for path in &a.images {
        let shown = path.display().to_string();
        let t = Instant::now();
        match decode_file(path) {
            Ok(codes) => {
                // Load and decode, in milliseconds with microsecond resolution.
                let ms = (t.elapsed().as_secs_f64() * 1e6).round() / 1e3;
                let texts: Vec<&str> = codes.iter().map(|c| c.text.as_str()).collect();
                if a.json {
                    super::print_json(&json!({ "path": shown, "codes": texts, "ms": ms }));
                } else if texts.is_empty() {
                    println!("{shown}: no code ({ms:.1} ms)");
                } else {
                    println!("{shown}: {} ({ms:.1} ms)", texts.join(" | "));
                }
            }
            Err(e) => {
                failed = true;
                if a.json {
                    super::print_json(
                        &json!({ "path": shown, "error": { "code": e.code(), "message": e.to_string() } }),
                    );
                } else {
                    eprintln!("{shown}: error [{}]: {e}", e.code());
                }
            }
        }
    }
    Ok(if failed { ExitCode::from(2) } else { ExitCode::SUCCESS })
}
