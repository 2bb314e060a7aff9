//! `frontdesk members QUERY`: find members by name, e-mail or id, ignoring
//! accents ("lopez" finds "López"); `#1001` or `1001` finds by id.

use super::Ctx;
use frontdesk::db::members;
use std::process::ExitCode;

#[derive(clap::Args)]
pub struct Args {
    /// Name, e-mail or id
    query: String,
    #[arg(long, default_value_t = 20)]
    limit: usize,
    /// Print one JSON array
    #[arg(long)]
    json: bool,
}

pub fn run(ctx: &Ctx, a: Args) -> anyhow::Result<ExitCode> {
    let db = ctx.open_db()?;
    let hits = members::search(db.conn(), &a.query, a.limit)?;
    if a.json {
        super::print_json(&hits);
    } else {
        for m in &hits {
            println!("{:>7}  {}  {}", m.id, m.name, m.email.as_deref().unwrap_or(""));
        }
    }
    Ok(ExitCode::SUCCESS)
}
