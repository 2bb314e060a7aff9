//! Reads the root tauri.conf.json (the owner's layout keeps it at the top).
fn main() {
    let dist = std::path::Path::new("../ui/dist/index.html");
    if !dist.exists() {
        println!(
            "cargo:warning=ui/dist is missing: run `npm --prefix ui ci && npm --prefix ui run build` (scripts/test.sh does)"
        );
    }
    println!("cargo:rerun-if-changed=../tauri.conf.json");
    println!("cargo:rerun-if-changed=../ui/dist");
    tauri_build::try_build(tauri_build::Attributes::new().config_path("../tauri.conf.json"))
        .expect("tauri build step failed");
}
