//! Replays PHH hand histories through the rules engine and prints one JSON line per hand:
//!
//! ```text
//! {"path": ..., "hand": null, "variant": "NT", "finishing_stacks": [...], "payoffs": [...], "error": null}
//! ```
//!
//! Usage: `phh_replay PATH...` with files and directories (searched recursively for
//! `.phh` and `.phhs`). `hand` is the 1-based index within a `.phhs` file (null for a
//! `.phh`); amounts are numbers as exact as the file's; payoffs are finishing minus
//! starting stacks. A hand that fails gets its own line with `error` saying what and
//! where, and the run goes on. Exits non-zero only when it cannot run at all.

use std::path::{Path, PathBuf};

use ggp_core::Chips;
use ggp_core::phh::{PhhHand, PhhStack, parse_phhs};
use serde::Serialize;

#[derive(Serialize)]
struct Line<'a> {
    path: &'a str,
    hand: Option<usize>,
    variant: Option<&'a str>,
    finishing_stacks: Option<Vec<Option<Chips>>>,
    payoffs: Option<Vec<Option<Chips>>>,
    error: Option<String>,
}

fn collect(path: &Path, out: &mut Vec<PathBuf>) -> std::io::Result<()> {
    if path.is_dir() {
        let mut entries: Vec<PathBuf> = std::fs::read_dir(path)?
            .map(|e| e.map(|e| e.path()))
            .collect::<Result<_, _>>()?;
        entries.sort();
        for entry in entries {
            if entry.is_dir()
                || matches!(
                    entry.extension().and_then(|e| e.to_str()),
                    Some("phh" | "phhs")
                )
            {
                collect(&entry, out)?;
            }
        }
    } else {
        out.push(path.to_owned());
    }
    Ok(())
}

fn print(line: &Line<'_>) {
    match serde_json::to_string(line) {
        Ok(json) => println!("{json}"),
        Err(error) => eprintln!(
            "phh_replay: cannot write the result for {}: {error}",
            line.path
        ),
    }
}

fn replay(index: Option<usize>, hand: &PhhHand) -> Line<'static> {
    let variant = Some(hand.variant.code());
    match hand.replay() {
        Ok(replayed) => {
            let state = replayed.state();
            let known = |i: usize| matches!(hand.starting_stacks[i], PhhStack::Chips(_));
            let finishing = (0..state.player_count())
                .map(|i| known(i).then(|| state.stacks()[i]))
                .collect();
            let payoffs = (0..state.player_count())
                .map(|i| known(i).then(|| state.payoffs()[i]))
                .collect();
            Line {
                path: "",
                hand: index,
                variant,
                finishing_stacks: Some(finishing),
                payoffs: Some(payoffs),
                error: None,
            }
        }
        Err(error) => Line {
            path: "",
            hand: index,
            variant,
            finishing_stacks: None,
            payoffs: None,
            error: Some(error.to_string()),
        },
    }
}

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    if args.is_empty() || args.iter().any(|a| a == "-h" || a == "--help") {
        eprintln!(
            "usage: phh_replay PATH...   (files or directories of .phh and .phhs hand histories)"
        );
        std::process::exit(2);
    }
    let (mut hands, mut failures) = (0usize, 0usize);
    for arg in &args {
        let mut files = Vec::new();
        if let Err(error) = collect(Path::new(arg), &mut files) {
            failures += 1;
            print(&Line {
                path: arg,
                hand: None,
                variant: None,
                finishing_stacks: None,
                payoffs: None,
                error: Some(format!("cannot read {arg}: {error}")),
            });
            continue;
        }
        for file in files {
            let shown = if Path::new(arg).is_dir() {
                file.display().to_string()
            } else {
                arg.clone()
            };
            let text = match std::fs::read_to_string(&file) {
                Ok(text) => text,
                Err(error) => {
                    failures += 1;
                    print(&Line {
                        path: &shown,
                        hand: None,
                        variant: None,
                        finishing_stacks: None,
                        payoffs: None,
                        error: Some(format!("cannot read {shown}: {error}")),
                    });
                    continue;
                }
            };
            let is_phhs = file.extension().and_then(|e| e.to_str()) == Some("phhs");
            let results: Vec<Line<'_>> = if is_phhs {
                match parse_phhs(&text) {
                    Ok(entries) => entries
                        .iter()
                        .map(|e| replay(Some(e.index), &e.hand))
                        .collect(),
                    Err(error) => vec![Line {
                        path: "",
                        hand: None,
                        variant: None,
                        finishing_stacks: None,
                        payoffs: None,
                        error: Some(error.to_string()),
                    }],
                }
            } else {
                match text.parse::<PhhHand>() {
                    Ok(hand) => vec![replay(None, &hand)],
                    Err(error) => vec![Line {
                        path: "",
                        hand: None,
                        variant: None,
                        finishing_stacks: None,
                        payoffs: None,
                        error: Some(error.to_string()),
                    }],
                }
            };
            for mut line in results {
                line.path = &shown;
                hands += 1;
                failures += usize::from(line.error.is_some());
                print(&line);
            }
        }
    }
    eprintln!("phh_replay: {hands} hands, {failures} failed");
}
