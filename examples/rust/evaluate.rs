//! Evaluates two high hands and prints one JSON line per hand.
//!
//! The same program exists in C, Python, Node and Kotlin beside this one; the test suite
//! runs all five and checks that they print the same bytes.
//!
//! Run: `cargo run -p ggp-examples --example evaluate`

use ggp_core::{eval::high, parse_cards};

const HANDS: [&str; 2] = ["As Ks Qs Js Ts 2c 3d", "7h 7d 7c 2s 2h"];

fn main() -> Result<(), Box<dyn std::error::Error>> {
    for hand in HANDS {
        let value = high::evaluate(&parse_cards(hand)?)?;
        let best_five: Vec<String> = value.best_five.iter().map(|c| c.to_string()).collect();
        // serde_json::json! would sort keys; the line's key order is part of its format.
        println!(
            "{{\"hand\":{},\"category\":{},\"strength\":{},\"best_five\":{},\"description\":{}}}",
            serde_json::to_string(hand)?,
            serde_json::to_string(value.category.code())?,
            value.strength.value(),
            serde_json::to_string(&best_five)?,
            serde_json::to_string(&value.description())?,
        );
    }
    Ok(())
}
