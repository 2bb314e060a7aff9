//! `frontdesk report`: the daily attendance report, or with `--from`/`--to`
//! the range report, as CSV, XLSX or HTML, to stdout (text formats) or to a
//! file written atomically.

use super::Ctx;
use anyhow::{bail, Context};
use chrono::NaiveDate;
use frontdesk::clock::SystemClock;
use frontdesk::desk::Desk;
use frontdesk::report::{self, csv::Table, output, Format};
use std::io::{IsTerminal, Write};
use std::path::PathBuf;
use std::process::ExitCode;

#[derive(clap::Args)]
pub struct Args {
    /// The day (YYYY-MM-DD) in the gym's time zone [default: today there]
    #[arg(long, value_parser = parse_date, conflicts_with_all = ["from", "to"])]
    date: Option<NaiveDate>,
    /// A range report from this day (YYYY-MM-DD, included): visits per day and
    /// hour, class utilisation, visits per member, churn risk
    #[arg(long, value_parser = parse_date, requires = "to")]
    from: Option<NaiveDate>,
    /// The range's last day (included)
    #[arg(long, value_parser = parse_date, requires = "from")]
    to: Option<NaiveDate>,
    /// Range report: paid members who have not come in this many days are at risk
    #[arg(long, default_value_t = frontdesk::report::range::DEFAULT_CHURN_DAYS, requires = "from")]
    churn_days: u32,
    /// csv, xlsx or html
    #[arg(long, default_value = "csv", value_parser = parse_format)]
    format: Format,
    /// Write to this file (atomically) instead of stdout; required for xlsx on a terminal
    #[arg(long)]
    out: Option<PathBuf>,
    /// CSV only: all (sections), or one bare table: sessions, check-ins, totals, notes
    #[arg(long, default_value = "all", value_parser = parse_table)]
    table: Table,
}

fn parse_date(s: &str) -> Result<NaiveDate, String> {
    NaiveDate::parse_from_str(s.trim(), "%Y-%m-%d")
        .map_err(|e| format!("not a date ({e}); use YYYY-MM-DD, e.g. 2026-11-28"))
}

fn parse_format(s: &str) -> Result<Format, String> {
    s.parse()
}

fn parse_table(s: &str) -> Result<Table, String> {
    s.parse()
}

pub fn run(ctx: &Ctx, a: Args) -> anyhow::Result<ExitCode> {
    if a.table != Table::All && a.format != Format::Csv {
        bail!("--table applies to --format csv only");
    }
    if a.out.is_none() && !a.format.is_text() && std::io::stdout().is_terminal() {
        bail!("refusing to write a binary {} file to the terminal; use --out FILE or redirect stdout", a.format);
    }
    if let Some(out) = &a.out {
        // Fail before any work if the directory cannot take the file.
        let dir = out.parent().filter(|d| !d.as_os_str().is_empty()).unwrap_or(std::path::Path::new("."));
        if !dir.is_dir() {
            bail!("cannot write the report to {}: the directory {} does not exist", out.display(), dir.display());
        }
    }
    let mut db = ctx.open_db()?;
    let lang = ctx.lang(&db)?;
    let desk = Desk::new(&mut db, &SystemClock, lang);
    // However it is spelt (FRONTDESK.DB on Windows): never over the replica.
    if let Some(out) = a.out.as_deref().filter(|out| desk.is_replica(out)) {
        bail!("refusing to write the report over the desk's database {}", out.display());
    }
    if let (Some(from), Some(to)) = (a.from, a.to) {
        if a.table != Table::All {
            bail!("--table applies to the daily report only");
        }
        let report = desk.range_report(from, to, Some(a.churn_days)).context("building the range report")?;
        let bytes = report::range::render(&report, a.format, lang)?;
        let summary = format!(
            "{} range report {from}..{to}: {} visits by {} members, {} classes, {} at churn risk",
            a.format,
            report.totals.visits,
            report.totals.distinct_members,
            report.classes.len(),
            report.totals.churn_risk
        );
        return emit(a.out.as_deref(), &bytes, &summary);
    }
    let report = desk.day_report(a.date).context("building the report")?;
    let date = report.date;
    let bytes = match a.format {
        Format::Csv => report::csv::render_table(&report, lang, a.table).into_bytes(),
        f => report::render(&report, f, lang)?,
    };
    let summary = format!(
        "{} report of {date}: {} sessions, {} check-ins{}",
        a.format,
        report.sessions.len(),
        report.check_ins.len(),
        if report.has_unsynced() { format!(" ({} not synced)", report.totals.unsynced()) } else { String::new() },
    );
    emit(a.out.as_deref(), &bytes, &summary)
}

/// Writes the report to `out` atomically (and says so on stderr), or to stdout.
fn emit(out: Option<&std::path::Path>, bytes: &[u8], summary: &str) -> anyhow::Result<ExitCode> {
    match out {
        Some(path) => {
            output::write_atomic(path, bytes)?;
            eprintln!("{summary} -> {}", path.display());
        }
        None => {
            let mut stdout = std::io::stdout().lock();
            stdout.write_all(bytes).and_then(|()| stdout.flush()).context("writing the report to stdout")?;
        }
    }
    Ok(ExitCode::SUCCESS)
}
