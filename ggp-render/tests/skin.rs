//! Skin files: the default skin reads, and every kind of mistake is named by file, line and
//! element. No GPU needed.

use ggp_render::skin::{ElementKind, Skin, SkinError};

fn err(text: &str) -> String {
    match Skin::parse(text, "bad.toml", None) {
        Ok(_) => panic!("expected an error for:\n{text}"),
        Err(e) => e.to_string(),
    }
}

const LAYOUT: &str = "[[layout]]\n[layout.regions]\nseat = { repeat = \"seats\", size = [100, 20] }\nbox = { size = [100, 20] }\n";

#[test]
fn the_default_skin_reads() {
    let skin = Skin::default_skin().expect("default skin");
    assert_eq!(skin.name, "GGP Default");
    assert!(skin.layouts.len() >= 3, "landscape, wide and portrait layouts");
    for id in [
        "seat.name",
        "seat.stack",
        "seat.cards",
        "seat.equity",
        "seat.bar",
        "seat.action",
        "board.cards",
        "pot.text",
        "side_pot.text",
        "leader.name",
        "lower",
        "ticker.text",
    ] {
        assert!(skin.elements.iter().any(|e| e.id == id), "{id} missing");
    }
    let badge = skin.elements.iter().find(|e| e.id == "seat.action").unwrap();
    assert!(matches!(badge.kind, ElementKind::Badge { .. }));
    assert!(badge.enter.is_some());
}

#[test]
fn malformed_toml_names_the_line() {
    let message = err("[skin]\nname = \"x\"\n\n[colors\npanel = \"#000000\"\n");
    assert!(message.starts_with("bad.toml:4: not valid TOML"), "{message}");
}

#[test]
fn an_unknown_binding_names_file_line_and_element() {
    let text = format!(
        "{LAYOUT}\n[[element]]\nid = \"seat.stack\"\nkind = \"text\"\nregion = \"seat\"\ntext = \"{{seat.stak}}\"\n"
    );
    let message = err(&text);
    assert_eq!(
        message,
        "bad.toml:10: element `seat.stack`: unknown binding `seat.stak` (did you mean `seat.stack`?)"
    );
}

#[test]
fn unknown_keys_kinds_colours_and_conditions() {
    let element = |body: &str| format!("{LAYOUT}[[element]]\nid = \"e\"\nregion = \"box\"\n{body}");
    let message = err(&element("kind = \"panel\"\nfil = \"#000000\"\n"));
    assert!(
        message.contains("bad.toml:9: element `e`: unknown key `fil`")
            && message.contains("did you mean `fill`?"),
        "{message}"
    );
    let message = err(&element("kind = \"panle\"\n"));
    assert!(message.contains("element `e`: unknown kind `panle` (did you mean `panel`?)"), "{message}");
    let message = err(&element("kind = \"panel\"\nfill = \"midnight\"\n"));
    assert!(message.contains("bad.toml:9: element `e`: `fill`: unknown colour `midnight`"), "{message}");
    let message = err(&element("kind = \"panel\"\nwhen = \"!seat.foldd\"\n"));
    assert!(message.contains("unknown condition `seat.foldd` (did you mean `seat.folded`?)"), "{message}");
    let message = err(&element("kind = \"panel\"\nenter = { kind = \"spin\" }\n"));
    assert!(message.contains("transition kind `spin`"), "{message}");
    let message = err(&element("kind = \"panel\"\nrect = [1, 2, 3]\n"));
    assert!(message.contains("bad.toml:9: element `e`: `rect` must be an array of 4 numbers"), "{message}");
}

#[test]
fn regions_groups_and_scopes_are_checked() {
    let message = err(&format!(
        "{LAYOUT}[[element]]\nid = \"e\"\nkind = \"panel\"\nregion = \"seats\"\n"
    ));
    assert!(message.contains("element `e`: unknown region `seats` (did you mean `seat`?)"), "{message}");
    let message = err(&format!(
        "{LAYOUT}[[element]]\nid = \"e\"\nkind = \"text\"\nregion = \"box\"\ntext = \"{{seat.name}}\"\n"
    ));
    assert!(message.contains("binding `seat.name` needs a region repeated over seats"), "{message}");
    let message = err(&format!(
        "{LAYOUT}[[element]]\nid = \"e\"\nkind = \"panel\"\ngroup = \"g\"\n"
    ));
    assert!(message.contains("unknown group `g`"), "{message}");
    let message = err(&format!(
        "{LAYOUT}[[element]]\nid = \"e\"\nkind = \"panel\"\nregion = \"box\"\n[[element]]\nid = \"e\"\nkind = \"panel\"\nregion = \"box\"\n"
    ));
    assert!(message.contains("bad.toml:9: element `e`: the id is used twice"), "{message}");
    let message = err("[skin]\nname = \"no layouts\"\n");
    assert!(message.contains("at least one [[layout]]"), "{message}");
}

#[test]
fn missing_font_and_image_files_are_named() {
    let dir = std::env::temp_dir().join(format!("ggp-skin-missing-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let font = format!("[[fonts]]\nfile = \"fonts/Nope.ttf\"\n{LAYOUT}");
    let error = Skin::parse(&font, "bad.toml", Some(&dir)).unwrap_err();
    assert!(matches!(error, SkinError::File { what: "font", line: 2, .. }), "{error}");
    assert!(error.to_string().contains("Nope.ttf"), "{error}");

    let image = format!("{LAYOUT}[[element]]\nid = \"logo\"\nkind = \"image\"\nregion = \"box\"\nsrc = \"logo.png\"\n");
    let error = Skin::parse(&image, "bad.toml", Some(&dir)).unwrap_err();
    let message = error.to_string();
    assert!(message.starts_with("bad.toml:9: image file"), "{message}");
    assert!(message.contains("logo.png"), "{message}");
    std::fs::remove_dir_all(&dir).ok();
}

#[test]
fn numbers_section_sets_the_format() {
    let text = format!(
        "[numbers]\nlocale = \"de\"\ncompact_from = 100000\nsymbol = \"€\"\nsymbol_position = \"suffix\"\n{LAYOUT}"
    );
    let skin = Skin::parse(&text, "n.toml", None).unwrap();
    assert_eq!(skin.numbers.chips(ggp_core::Chips::from(1_250_000)), "1,25M\u{a0}€");
    let message = err("[numbers]\nlocale = \"xx\"\n");
    assert!(message.contains("bad.toml:2: unknown number locale `xx`"), "{message}");
}
