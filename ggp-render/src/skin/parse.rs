//! Reading a skin file: TOML to [`Skin`], with every mistake named by file, line and element.

use std::collections::{HashMap, HashSet};
use std::path::{Path, PathBuf};
use std::sync::Arc;

use ggp_core::Chips;

use super::SkinError;
use super::binding::{Binding, Flag, Repeat, Scope};
use super::model::{
    Aspect, CardSource, Condition, Element, ElementKind, Layout, Paint, Region, Skin, SkinFont,
    Template, TemplatePart, TextStyle,
};
use super::node::{self, Lines, Node, NodeKind};
use crate::{
    Color, Direction, Easing, FontWeight, NumberFormat, NumberLocale, Rect, SymbolPosition,
    TextAlign, Transition, TransitionKind, VerticalAlign,
};

/// Reads skins; `file` names the source in messages, `base` resolves relative paths.
pub(crate) struct Reader {
    file: String,
    base: Option<PathBuf>,
    colors: HashMap<String, Color>,
}

type Res<T> = Result<T, SkinError>;

/// Seconds a bar takes to slide to a new value unless the skin says otherwise: long enough
/// to read as motion, short enough to keep up with equity updates.
const DEFAULT_BAR_TWEEN_S: f32 = 0.4;

impl Reader {
    pub fn new(file: &str, base: Option<&Path>) -> Self {
        Self {
            file: file.to_owned(),
            base: base.map(Path::to_path_buf),
            colors: HashMap::new(),
        }
    }

    fn err(&self, line: usize, message: impl Into<String>) -> SkinError {
        SkinError::Invalid {
            file: self.file.clone(),
            line,
            message: message.into(),
        }
    }

    fn element_err(&self, line: usize, element: &str, message: impl Into<String>) -> SkinError {
        SkinError::Element {
            file: self.file.clone(),
            line,
            element: element.to_owned(),
            message: message.into(),
        }
    }

    pub fn read(mut self, text: &str) -> Res<Skin> {
        let lines = Lines::new(text);
        let doc = toml_edit::Document::parse(text.to_owned()).map_err(|e| SkinError::Invalid {
            file: self.file.clone(),
            line: e.span().map_or(1, |s| lines.line(s.start)),
            message: format!("not valid TOML: {}", e.message().trim()),
        })?;
        let root = node::from_document(&doc, &lines);
        self.check_keys(
            &root,
            &["skin", "numbers", "colors", "fonts", "layout", "element"],
            "the top level",
            None,
        )?;

        let empty = Node {
            line: 1,
            kind: NodeKind::Table(Vec::new()),
        };
        let head = root.get("skin").unwrap_or(&empty);
        self.check_keys(head, &["name", "font", "ticker", "photos"], "[skin]", None)?;
        let name = self
            .opt_str(head, "name")?
            .unwrap_or("unnamed skin")
            .to_owned();
        let font = self.opt_str(head, "font")?.map(str::to_owned);
        let ticker = self.opt_str(head, "ticker")?.map(str::to_owned);
        let photos = self.opt_str(head, "photos")?.map(|dir| self.resolve(dir));

        let (numbers, equity_decimals) = self.numbers(root.get("numbers").unwrap_or(&empty))?;
        self.colors = self.palette(root.get("colors").unwrap_or(&empty))?;
        let fonts = self.fonts(root.get("fonts"))?;
        let layouts = self.layouts(root.get("layout"))?;
        let elements = self.elements(root.get("element"))?;
        self.validate(&layouts, &elements)?;

        Ok(Skin {
            name,
            file: self.file.clone(),
            numbers,
            equity_decimals,
            colors: std::mem::take(&mut self.colors),
            fonts,
            font,
            ticker,
            photos,
            layouts,
            elements,
        })
    }

    // ---- small value readers -------------------------------------------------------------

    fn check_keys(
        &self,
        node: &Node,
        allowed: &[&str],
        what: &str,
        element: Option<&str>,
    ) -> Res<()> {
        if !matches!(node.kind, NodeKind::Table(_)) {
            return Err(self.err(
                node.line,
                format!("{what} must be a table, not {}", node.type_name()),
            ));
        }
        for (key, value) in node.entries() {
            if !allowed.contains(&key.as_str()) {
                let message = format!(
                    "unknown key `{key}` in {what}{}; known keys: {}",
                    did_you_mean(key, allowed.iter().copied()),
                    allowed.join(", ")
                );
                return Err(match element {
                    Some(id) => self.element_err(value.line, id, message),
                    None => self.err(value.line, message),
                });
            }
        }
        Ok(())
    }

    fn opt_str<'n>(&self, node: &'n Node, key: &str) -> Res<Option<&'n str>> {
        match node.get(key) {
            None => Ok(None),
            Some(Node {
                kind: NodeKind::Str(s),
                ..
            }) => Ok(Some(s)),
            Some(other) => Err(self.err(
                other.line,
                format!("`{key}` must be a string, not {}", other.type_name()),
            )),
        }
    }

    fn number(&self, node: &Node, key: &str) -> Res<f32> {
        match node.kind {
            NodeKind::Int(i) => Ok(i as f32),
            NodeKind::Float(f) if f.is_finite() => Ok(f as f32),
            _ => Err(self.err(
                node.line,
                format!("`{key}` must be a number, not {}", node.type_name()),
            )),
        }
    }

    fn opt_number(&self, node: &Node, key: &str) -> Res<Option<f32>> {
        node.get(key).map(|n| self.number(n, key)).transpose()
    }

    fn numbers_array<const N: usize>(&self, node: &Node, key: &str) -> Res<[f32; N]> {
        let wrong = || {
            self.err(
                node.line,
                format!("`{key}` must be an array of {N} numbers"),
            )
        };
        let NodeKind::Array(items) = &node.kind else {
            return Err(wrong());
        };
        if items.len() != N {
            return Err(wrong());
        }
        let mut out = [0.0; N];
        for (slot, item) in out.iter_mut().zip(items) {
            *slot = self.number(item, key)?;
        }
        Ok(out)
    }

    fn rect(&self, node: &Node, key: &str) -> Res<Rect> {
        let [x, y, w, h] = self.numbers_array::<4>(node, key)?;
        if w < 0.0 || h < 0.0 {
            return Err(self.err(node.line, format!("`{key}` has a negative size")));
        }
        Ok(Rect::new(x, y, w, h))
    }

    fn range(&self, node: &Node, key: &str) -> Res<(usize, usize)> {
        let [lo, hi] = self.numbers_array::<2>(node, key)?;
        if lo < 0.0 || hi < lo {
            return Err(self.err(
                node.line,
                format!("`{key}` must be [low, high] with 0 <= low <= high"),
            ));
        }
        Ok((lo as usize, hi as usize))
    }

    fn bool(&self, node: &Node, key: &str) -> Res<bool> {
        match node.kind {
            NodeKind::Bool(b) => Ok(b),
            _ => Err(self.err(
                node.line,
                format!("`{key}` must be true or false, not {}", node.type_name()),
            )),
        }
    }

    // ---- sections ------------------------------------------------------------------------

    fn numbers(&self, node: &Node) -> Res<(NumberFormat, u32)> {
        self.check_keys(
            node,
            &[
                "locale",
                "compact_from",
                "compact_digits",
                "symbol",
                "symbol_position",
                "max_decimals",
                "fixed_decimals",
                "equity_decimals",
            ],
            "[numbers]",
            None,
        )?;
        let mut format = NumberFormat::default();
        if let Some(code) = self.opt_str(node, "locale")? {
            format.locale = NumberLocale::from_code(code).ok_or_else(|| {
                self.err(
                    node.get("locale").map_or(node.line, |n| n.line),
                    format!("unknown number locale `{code}`; use en, de or fr"),
                )
            })?;
        }
        if let Some(from) = node.get("compact_from") {
            let text = match &from.kind {
                NodeKind::Int(i) => i.to_string(),
                NodeKind::Str(s) => s.clone(),
                _ => return Err(self.err(from.line, "`compact_from` must be an amount")),
            };
            let amount: Chips = text
                .parse()
                .map_err(|e| self.err(from.line, format!("`compact_from`: {e}")))?;
            format.compact_from = Some(amount);
        }
        let whole = |key: &str, max: f32| -> Res<Option<u32>> {
            match self.opt_number(node, key)? {
                Some(v) if (0.0..=max).contains(&v) && v.fract() == 0.0 => Ok(Some(v as u32)),
                Some(_) => Err(self.err(
                    node.get(key).map_or(node.line, |n| n.line),
                    format!("`{key}` must be a whole number from 0 to {max}"),
                )),
                None => Ok(None),
            }
        };
        if let Some(d) = whole("compact_digits", 6.0)? {
            format.compact_digits = d.max(2);
        }
        if let Some(d) = whole("max_decimals", 8.0)? {
            format.max_decimals = d;
        }
        let equity_decimals = whole("equity_decimals", 3.0)?.unwrap_or(1);
        format.symbol = self.opt_str(node, "symbol")?.map(str::to_owned);
        format.symbol_position = match self.opt_str(node, "symbol_position")? {
            None | Some("prefix") => SymbolPosition::Prefix,
            Some("suffix") => SymbolPosition::Suffix,
            Some(other) => {
                return Err(self.err(
                    node.get("symbol_position").map_or(node.line, |n| n.line),
                    format!("symbol_position `{other}` must be prefix or suffix"),
                ));
            }
        };
        if let Some(fixed) = node.get("fixed_decimals") {
            format.fixed_decimals = self.bool(fixed, "fixed_decimals")?;
        }
        Ok((format, equity_decimals))
    }

    fn palette(&self, node: &Node) -> Res<HashMap<String, Color>> {
        let mut colors = HashMap::new();
        for (name, value) in node.entries() {
            let NodeKind::Str(text) = &value.kind else {
                return Err(self.err(
                    value.line,
                    format!("colour `{name}` must be a \"#rrggbb\" string"),
                ));
            };
            let color = parse_hex(text).ok_or_else(|| {
                self.err(
                    value.line,
                    format!("colour `{name}` = \"{text}\" is not #rrggbb or #rrggbbaa"),
                )
            })?;
            colors.insert(name.clone(), color);
        }
        Ok(colors)
    }

    fn resolve(&self, path: &str) -> PathBuf {
        match &self.base {
            Some(base) => base.join(path),
            None => PathBuf::from(path),
        }
    }

    fn fonts(&self, node: Option<&Node>) -> Res<Vec<SkinFont>> {
        let Some(node) = node else {
            return Ok(Vec::new());
        };
        let NodeKind::Array(items) = &node.kind else {
            return Err(self.err(node.line, "fonts must be [[fonts]] tables with a `file`"));
        };
        let mut fonts = Vec::new();
        for item in items {
            self.check_keys(item, &["file"], "[[fonts]]", None)?;
            let path = self
                .opt_str(item, "file")?
                .ok_or_else(|| self.err(item.line, "[[fonts]] needs `file`"))?;
            let line = item.get("file").map_or(item.line, |n| n.line);
            let bytes = std::fs::read(self.resolve(path)).map_err(|e| SkinError::File {
                file: self.file.clone(),
                line,
                what: "font",
                path: self.resolve(path).display().to_string(),
                reason: e.to_string(),
            })?;
            fonts.push(SkinFont {
                path: path.to_owned(),
                line,
                bytes: Arc::new(bytes),
            });
        }
        Ok(fonts)
    }

    fn layouts(&self, node: Option<&Node>) -> Res<Vec<Layout>> {
        let Some(Node {
            kind: NodeKind::Array(items),
            ..
        }) = node
        else {
            return Err(self.err(
                node.map_or(1, |n| n.line),
                "a skin needs at least one [[layout]] with its regions",
            ));
        };
        items.iter().map(|item| self.layout(item)).collect()
    }

    fn layout(&self, node: &Node) -> Res<Layout> {
        self.check_keys(
            node,
            &[
                "name",
                "aspect",
                "seats",
                "hole_cards",
                "reference",
                "regions",
                "rects",
            ],
            "[[layout]]",
            None,
        )?;
        let name = self.opt_str(node, "name")?.unwrap_or("layout").to_owned();
        let aspect = match self.opt_str(node, "aspect")? {
            None | Some("any") => Aspect::Any,
            Some("landscape") => Aspect::Landscape,
            Some("portrait") => Aspect::Portrait,
            Some(other) => {
                return Err(self.err(
                    node.line,
                    format!("layout `{name}`: aspect `{other}` must be any, landscape or portrait"),
                ));
            }
        };
        let seats = match node.get("seats") {
            Some(n) => self.range(n, "seats")?,
            None => (2, 10),
        };
        let hole_cards = match node.get("hole_cards") {
            Some(n) => self.range(n, "hole_cards")?,
            None => (0, 7),
        };
        let reference = match node.get("reference") {
            Some(n) => self.numbers_array::<2>(n, "reference")?,
            None => [1920.0, 1080.0],
        };
        if reference[0] < 1.0 || reference[1] < 1.0 {
            return Err(self.err(
                node.line,
                format!("layout `{name}`: reference size must be positive"),
            ));
        }
        let mut regions = HashMap::new();
        if let Some(table) = node.get("regions") {
            for (region_name, region) in table.entries() {
                regions.insert(region_name.clone(), self.region(region_name, region)?);
            }
        }
        let mut rects = HashMap::new();
        if let Some(table) = node.get("rects") {
            for (id, rect) in table.entries() {
                rects.insert(id.clone(), self.rect(rect, id)?);
            }
        }
        Ok(Layout {
            name,
            line: node.line,
            aspect,
            seats,
            hole_cards,
            reference,
            regions,
            rects,
        })
    }

    fn region(&self, name: &str, node: &Node) -> Res<Region> {
        let what = format!("region `{name}`");
        self.check_keys(
            node,
            &[
                "anchor",
                "at",
                "size",
                "repeat",
                "step",
                "span",
                "max",
                "dim_when",
                "dim_opacity",
            ],
            &what,
            None,
        )?;
        let anchor = match self.opt_str(node, "anchor")? {
            None => [0.0, 0.0],
            Some(text) => anchor(text).ok_or_else(|| {
                self.err(
                    node.line,
                    format!(
                        "{what}: anchor `{text}` is not one of top_left, top, top_right, left, \
                         center, right, bottom_left, bottom, bottom_right"
                    ),
                )
            })?,
        };
        let get2 = |key: &str| -> Res<[f32; 2]> {
            node.get(key)
                .map_or(Ok([0.0, 0.0]), |n| self.numbers_array::<2>(n, key))
        };
        let repeat = match self.opt_str(node, "repeat")? {
            None => None,
            Some(text) => Some(Repeat::from_name(text).ok_or_else(|| {
                self.err(
                    node.line,
                    format!("{what}: repeat `{text}` must be seats, leaderboard or side_pots"),
                )
            })?),
        };
        let dim_when = match node.get("dim_when") {
            Some(n) => self.conditions(n, None)?.first().copied(),
            None => None,
        };
        Ok(Region {
            anchor,
            at: get2("at")?,
            size: get2("size")?,
            repeat,
            step: get2("step")?,
            span: self.opt_number(node, "span")?,
            max: self.opt_number(node, "max")?.map(|m| m.max(0.0) as usize),
            dim_when,
            dim_opacity: self.opt_number(node, "dim_opacity")?.unwrap_or(0.4),
        })
    }

    fn conditions(&self, node: &Node, element: Option<&str>) -> Res<Vec<Condition>> {
        let texts: Vec<(&str, usize)> = match &node.kind {
            NodeKind::Str(s) => vec![(s.as_str(), node.line)],
            NodeKind::Array(items) => items
                .iter()
                .map(|i| match &i.kind {
                    NodeKind::Str(s) => Ok((s.as_str(), i.line)),
                    _ => Err(self.err(
                        i.line,
                        "conditions must be strings such as \"!seat.folded\"",
                    )),
                })
                .collect::<Res<_>>()?,
            _ => {
                return Err(self.err(
                    node.line,
                    "a condition must be a string or an array of strings",
                ));
            }
        };
        texts
            .into_iter()
            .map(|(text, line)| {
                let (negated, name) = match text.trim().strip_prefix('!') {
                    Some(rest) => (true, rest.trim()),
                    None => (false, text.trim()),
                };
                let flag = Flag::from_name(name).ok_or_else(|| {
                    let message = format!(
                        "unknown condition `{name}`{}",
                        did_you_mean(name, Flag::ALL.iter().map(|(_, n, _)| *n))
                    );
                    match element {
                        Some(id) => self.element_err(line, id, message),
                        None => self.err(line, message),
                    }
                })?;
                Ok(Condition { flag, negated })
            })
            .collect()
    }

    fn template(&self, text: &str, line: usize, id: &str) -> Res<Template> {
        let mut parts = Vec::new();
        let mut rest = text;
        while let Some(open) = rest.find('{') {
            if open > 0 {
                parts.push(TemplatePart::Literal(rest[..open].to_owned()));
            }
            let after = &rest[open + 1..];
            let close = after.find('}').ok_or_else(|| {
                self.element_err(line, id, format!("unclosed `{{` in \"{text}\""))
            })?;
            let name = after[..close].trim();
            let binding = Binding::from_name(name).ok_or_else(|| {
                self.element_err(
                    line,
                    id,
                    format!(
                        "unknown binding `{name}`{}",
                        did_you_mean(name, Binding::ALL.iter().map(|(_, n, _)| *n))
                    ),
                )
            })?;
            parts.push(TemplatePart::Binding(binding));
            rest = &after[close + 1..];
        }
        if !rest.is_empty() {
            parts.push(TemplatePart::Literal(rest.to_owned()));
        }
        Ok(Template { parts })
    }

    fn paint(&self, node: &Node, key: &str, id: &str) -> Res<Paint> {
        let NodeKind::Str(text) = &node.kind else {
            return Err(self.element_err(
                node.line,
                id,
                format!("`{key}` must be a colour string"),
            ));
        };
        if text.starts_with('#') {
            return parse_hex(text).map(Paint::Fixed).ok_or_else(|| {
                self.element_err(
                    node.line,
                    id,
                    format!("`{key}` = \"{text}\" is not #rrggbb or #rrggbbaa"),
                )
            });
        }
        if text.contains('{') {
            let name = self.template(text, node.line, id)?;
            // `action_{seat.action_kind}` falls back to `action` when the kind has no colour.
            let stem = text.split('{').next().unwrap_or("").trim_end_matches('_');
            let fallback = self
                .colors
                .get(stem)
                .copied()
                .unwrap_or(Color::rgb(128, 128, 128));
            return Ok(Paint::Dynamic { name, fallback });
        }
        self.colors
            .get(text)
            .copied()
            .map(Paint::Fixed)
            .ok_or_else(|| {
                self.element_err(
                    node.line,
                    id,
                    format!(
                        "`{key}`: unknown colour `{text}`{}; add it to [colors] or write #rrggbb",
                        did_you_mean(text, self.colors.keys().map(String::as_str))
                    ),
                )
            })
    }

    fn transition(&self, node: &Node, id: &str) -> Res<Transition> {
        self.check_keys(
            node,
            &["kind", "from", "duration", "delay", "easing"],
            "a transition",
            Some(id),
        )?;
        let from = match self.opt_str(node, "from")? {
            None => Direction::Left,
            Some(text) => Direction::from_name(text).ok_or_else(|| {
                self.element_err(
                    node.line,
                    id,
                    format!("transition `from = \"{text}\"` must be left, right, up or down"),
                )
            })?,
        };
        let kind = match self.opt_str(node, "kind")?.unwrap_or("fade") {
            "fade" => TransitionKind::Fade,
            "slide" => TransitionKind::Slide(from),
            "scale" => TransitionKind::Scale,
            "wipe" => TransitionKind::Wipe(from),
            "flip" => TransitionKind::Flip,
            other => {
                return Err(self.element_err(
                    node.line,
                    id,
                    format!("transition kind `{other}` must be fade, slide, scale, wipe or flip"),
                ));
            }
        };
        let easing = match self.opt_str(node, "easing")? {
            None => Easing::CubicOut,
            Some(text) => Easing::from_name(text).ok_or_else(|| {
                self.element_err(
                    node.line,
                    id,
                    format!(
                        "easing `{text}`{}; use one of {}",
                        did_you_mean(text, Easing::NAMES.iter().map(|(n, _)| *n)),
                        Easing::NAMES.map(|(n, _)| n).join(", ")
                    ),
                )
            })?,
        };
        let duration = self.opt_number(node, "duration")?.unwrap_or(0.3);
        let delay = self.opt_number(node, "delay")?.unwrap_or(0.0);
        if !(0.0..=60.0).contains(&duration) || !(0.0..=60.0).contains(&delay) {
            return Err(self.element_err(
                node.line,
                id,
                "transition duration and delay must be 0 to 60 seconds",
            ));
        }
        Ok(Transition::new(kind, duration)
            .with_delay(delay)
            .with_easing(easing))
    }

    fn elements(&self, node: Option<&Node>) -> Res<Vec<Element>> {
        let Some(node) = node else {
            return Ok(Vec::new());
        };
        let NodeKind::Array(items) = &node.kind else {
            return Err(self.err(node.line, "elements must be [[element]] tables"));
        };
        items.iter().map(|item| self.element(item)).collect()
    }

    fn element(&self, node: &Node) -> Res<Element> {
        let id = self
            .opt_str(node, "id")?
            .ok_or_else(|| self.err(node.line, "[[element]] needs an `id`"))?
            .to_owned();
        let id = id.as_str();
        let kind_name = self.opt_str(node, "kind")?.ok_or_else(|| {
            self.element_err(
                node.line,
                id,
                "needs a `kind`: panel, text, badge, bar, cards, image or group",
            )
        })?;
        const COMMON: [&str; 9] = [
            "id", "kind", "region", "group", "rect", "when", "opacity", "enter", "exit",
        ];
        const TEXT: [&str; 10] = [
            "text", "size", "color", "font", "weight", "align", "valign", "fit", "upper", "scroll",
        ];
        let specific: &[&str] = match kind_name {
            "panel" => &["fill", "fill_to", "angle", "radius", "border", "shadow"],
            "text" => &TEXT,
            "badge" => &[
                "text", "size", "color", "font", "weight", "align", "valign", "fit", "upper",
                "fill", "radius",
            ],
            "bar" => &["value", "fill", "track", "radius", "tween"],
            "cards" => &["cards", "slots", "gap", "show_empty"],
            "image" => &["src", "fill", "color", "radius"],
            "group" => &[],
            other => {
                return Err(self.element_err(
                    node.line,
                    id,
                    format!(
                        "unknown kind `{other}`{}; use panel, text, badge, bar, cards, image or group",
                        did_you_mean(other, ["panel", "text", "badge", "bar", "cards", "image", "group"].into_iter())
                    ),
                ));
            }
        };
        let allowed: Vec<&str> = COMMON.iter().chain(specific).copied().collect();
        self.check_keys(node, &allowed, &format!("a {kind_name} element"), Some(id))?;

        let group = self.opt_str(node, "group")?.map(str::to_owned);
        let region = match (self.opt_str(node, "region")?, &group) {
            (Some(region), _) => region.to_owned(),
            (None, Some(_)) => String::new(),
            (None, None) => {
                return Err(self.element_err(node.line, id, "needs a `region` (or a `group`)"));
            }
        };
        let rect = match node.get("rect") {
            Some(n) => self.rect(n, "rect").map_err(|e| self.rewrap(e, id))?,
            None => Rect::new(0.0, 0.0, 0.0, 0.0),
        };
        let when = match node.get("when") {
            Some(n) => self.conditions(n, Some(id))?,
            None => Vec::new(),
        };
        let opacity = self
            .opt_number(node, "opacity")?
            .unwrap_or(1.0)
            .clamp(0.0, 1.0);
        let enter = node
            .get("enter")
            .map(|n| self.transition(n, id))
            .transpose()?;
        let exit = node
            .get("exit")
            .map(|n| self.transition(n, id))
            .transpose()?;
        let paint_or = |key: &str, default: Color| -> Res<Paint> {
            node.get(key)
                .map_or(Ok(Paint::Fixed(default)), |n| self.paint(n, key, id))
        };
        let radius = self.opt_number(node, "radius")?.unwrap_or(0.0);
        let kind = match kind_name {
            "panel" => ElementKind::Panel {
                fill: paint_or("fill", Color::rgba(0, 0, 0, 160))?,
                fill_to: node
                    .get("fill_to")
                    .map(|n| self.paint(n, "fill_to", id))
                    .transpose()?,
                angle_deg: self.opt_number(node, "angle")?.unwrap_or(90.0),
                radius,
                border: match node.get("border") {
                    None => None,
                    Some(b) => {
                        self.check_keys(b, &["width", "color"], "a border", Some(id))?;
                        let width = self.opt_number(b, "width")?.unwrap_or(1.0);
                        let color = b.get("color").map_or(Ok(Paint::Fixed(Color::WHITE)), |n| {
                            self.paint(n, "border.color", id)
                        })?;
                        Some((width, color))
                    }
                },
                shadow: match node.get("shadow") {
                    None => None,
                    Some(s) => {
                        self.check_keys(s, &["x", "y", "blur", "color"], "a shadow", Some(id))?;
                        let color = s
                            .get("color")
                            .map_or(Ok(Paint::Fixed(Color::rgba(0, 0, 0, 140))), |n| {
                                self.paint(n, "shadow.color", id)
                            })?;
                        Some((
                            [
                                self.opt_number(s, "x")?.unwrap_or(0.0),
                                self.opt_number(s, "y")?.unwrap_or(4.0),
                            ],
                            self.opt_number(s, "blur")?.unwrap_or(10.0),
                            color,
                        ))
                    }
                },
            },
            "text" => ElementKind::Text(self.text_style(node, id)?),
            "badge" => ElementKind::Badge {
                text: self.text_style(node, id)?,
                fill: paint_or("fill", Color::rgb(40, 40, 40))?,
                radius,
            },
            "bar" => {
                let value_name = self.opt_str(node, "value")?.ok_or_else(|| {
                    self.element_err(node.line, id, "a bar needs `value`, e.g. \"seat.equity\"")
                })?;
                let value = match Binding::from_name(value_name) {
                    Some(b @ (Binding::SeatEquity | Binding::SeatWin)) => b,
                    _ => {
                        return Err(self.element_err(
                            node.get("value").map_or(node.line, |n| n.line),
                            id,
                            format!(
                                "unknown bar value `{value_name}`; use seat.equity or seat.win"
                            ),
                        ));
                    }
                };
                ElementKind::Bar {
                    value,
                    fill: paint_or("fill", Color::rgb(60, 200, 120))?,
                    track: paint_or("track", Color::rgba(255, 255, 255, 40))?,
                    radius,
                    tween_s: match self.opt_number(node, "tween")? {
                        None => DEFAULT_BAR_TWEEN_S,
                        Some(t) if (0.0..=10.0).contains(&t) => t,
                        Some(_) => {
                            return Err(self.element_err(
                                node.get("tween").map_or(node.line, |n| n.line),
                                id,
                                "`tween` must be 0 to 10 seconds",
                            ));
                        }
                    },
                }
            }
            "cards" => {
                let source = match self.opt_str(node, "cards")? {
                    Some("seat.hole_cards") => CardSource::Hole,
                    Some("board") => CardSource::Board,
                    other => {
                        return Err(self.element_err(
                            node.get("cards").map_or(node.line, |n| n.line),
                            id,
                            format!(
                                "`cards` must be \"seat.hole_cards\" or \"board\", not {}",
                                other.map_or("nothing".to_owned(), |o| format!("`{o}`"))
                            ),
                        ));
                    }
                };
                ElementKind::Cards {
                    source,
                    slots: self
                        .opt_number(node, "slots")?
                        .map(|s| s.clamp(1.0, 10.0) as usize),
                    gap: self.opt_number(node, "gap")?.unwrap_or(6.0),
                    show_empty: match node.get("show_empty") {
                        Some(n) => self.bool(n, "show_empty")?,
                        None => false,
                    },
                }
            }
            "image" => {
                let src = self.opt_str(node, "src")?.map(str::to_owned);
                let picture = match &src {
                    Some(path) => {
                        let full = self.resolve(path);
                        Some(crate::Image::open(&full).map_err(|e| SkinError::File {
                            file: self.file.clone(),
                            line: node.get("src").map_or(node.line, |n| n.line),
                            what: "image",
                            path: full.display().to_string(),
                            reason: e.to_string(),
                        })?)
                    }
                    None => None,
                };
                ElementKind::Image {
                    src,
                    picture,
                    fill: paint_or("fill", Color::rgb(60, 66, 80))?,
                    color: paint_or("color", Color::WHITE)?,
                    radius,
                }
            }
            _ => ElementKind::Group,
        };
        Ok(Element {
            id: id.to_owned(),
            line: node.line,
            kind,
            region,
            group,
            rect,
            when,
            opacity,
            enter,
            exit,
        })
    }

    /// Names the element in a value error that did not know it.
    fn rewrap(&self, error: SkinError, id: &str) -> SkinError {
        match error {
            SkinError::Invalid { line, message, .. } => self.element_err(line, id, message),
            other => other,
        }
    }

    fn text_style(&self, node: &Node, id: &str) -> Res<TextStyle> {
        let text_node = node
            .get("text")
            .ok_or_else(|| self.element_err(node.line, id, "needs `text`, e.g. \"{seat.name}\""))?;
        let NodeKind::Str(text) = &text_node.kind else {
            return Err(self.element_err(text_node.line, id, "`text` must be a string"));
        };
        let text = self.template(text, text_node.line, id)?;
        let font = self.opt_str(node, "font")?.map(str::to_owned);
        let word = |key: &str| self.opt_str(node, key).map_err(|e| self.rewrap(e, id));
        let bad = |key: &str, value: &str, choices: &str| {
            self.element_err(
                node.get(key).map_or(node.line, |n| n.line),
                id,
                format!("`{key} = \"{value}\"` must be one of {choices}"),
            )
        };
        let weight = match word("weight")? {
            None | Some("regular") => FontWeight::Regular,
            Some("bold") => FontWeight::Bold,
            Some(other) => return Err(bad("weight", other, "regular, bold")),
        };
        let align = match word("align")? {
            None | Some("left") => TextAlign::Left,
            Some("center") => TextAlign::Center,
            Some("right") => TextAlign::Right,
            Some(other) => return Err(bad("align", other, "left, center, right")),
        };
        let valign = match word("valign")? {
            None | Some("middle") => VerticalAlign::Middle,
            Some("top") => VerticalAlign::Top,
            Some("bottom") => VerticalAlign::Bottom,
            Some(other) => return Err(bad("valign", other, "top, middle, bottom")),
        };
        let size = self.opt_number(node, "size")?.unwrap_or(24.0);
        if !(1.0..=1000.0).contains(&size) {
            return Err(self.element_err(node.line, id, "`size` must be 1 to 1000"));
        }
        let scroll = self.opt_number(node, "scroll")?.unwrap_or(0.0);
        if !(0.0..=10_000.0).contains(&scroll) {
            return Err(self.element_err(
                node.get("scroll").map_or(node.line, |n| n.line),
                id,
                "`scroll` must be 0 to 10000 units a second",
            ));
        }
        Ok(TextStyle {
            text,
            size,
            color: match node.get("color") {
                Some(n) => self.paint(n, "color", id)?,
                None => Paint::Fixed(Color::WHITE),
            },
            font,
            weight,
            align,
            valign,
            fit: match node.get("fit") {
                Some(n) => self.bool(n, "fit")?,
                None => true,
            },
            upper: match node.get("upper") {
                Some(n) => self.bool(n, "upper")?,
                None => false,
            },
            scroll,
        })
    }

    /// Checks what spans elements and layouts: unique ids, known regions and groups, and
    /// bindings that the region's repeat provides.
    fn validate(&self, layouts: &[Layout], elements: &[Element]) -> Res<()> {
        let mut seen: HashMap<&str, &Element> = HashMap::new();
        let all_regions: HashSet<&str> = layouts
            .iter()
            .flat_map(|l| l.regions.keys().map(String::as_str))
            .collect();
        for element in elements {
            if seen.contains_key(element.id.as_str()) {
                return Err(self.element_err(element.line, &element.id, "the id is used twice"));
            }
            let region = match &element.group {
                Some(group) => match seen.get(group.as_str()) {
                    Some(parent) if parent.kind == ElementKind::Group => parent.region.as_str(),
                    Some(_) => {
                        return Err(self.element_err(
                            element.line,
                            &element.id,
                            format!("`group = \"{group}\"` is not a group element"),
                        ));
                    }
                    None => {
                        return Err(self.element_err(
                            element.line,
                            &element.id,
                            format!("unknown group `{group}`; declare the group element before it"),
                        ));
                    }
                },
                None => element.region.as_str(),
            };
            if !all_regions.contains(region) {
                return Err(self.element_err(
                    element.line,
                    &element.id,
                    format!(
                        "unknown region `{region}`{}; no [[layout]] defines it",
                        did_you_mean(region, all_regions.iter().copied())
                    ),
                ));
            }
            let mut needs = element.scope_needed();
            if matches!(
                element.kind,
                ElementKind::Cards {
                    source: CardSource::Hole,
                    ..
                }
            ) {
                needs = needs.or(Some((Scope::Seat, "seat.hole_cards".to_owned())));
            }
            if let Some((scope, name)) = needs {
                for layout in layouts {
                    let Some(r) = layout.regions.get(region) else {
                        continue;
                    };
                    if !r.repeat.is_some_and(|repeat| repeat.provides(scope)) {
                        return Err(self.element_err(
                            element.line,
                            &element.id,
                            format!(
                                "binding `{name}` needs a region repeated over {} but region \
                                 `{region}` of layout `{}` is not",
                                match scope {
                                    Scope::SidePot => "side_pots",
                                    Scope::Slot => "anything",
                                    _ => "seats or leaderboard",
                                },
                                layout.name
                            ),
                        ));
                    }
                }
            }
            seen.insert(&element.id, element);
        }
        for layout in layouts {
            for id in layout.rects.keys() {
                if !seen.contains_key(id.as_str()) {
                    return Err(self.err(
                        layout.line,
                        format!(
                            "layout `{}`: rects names unknown element `{id}`",
                            layout.name
                        ),
                    ));
                }
            }
        }
        Ok(())
    }
}

fn anchor(name: &str) -> Option<[f32; 2]> {
    Some(match name {
        "top_left" => [0.0, 0.0],
        "top" => [0.5, 0.0],
        "top_right" => [1.0, 0.0],
        "left" => [0.0, 0.5],
        "center" => [0.5, 0.5],
        "right" => [1.0, 0.5],
        "bottom_left" => [0.0, 1.0],
        "bottom" => [0.5, 1.0],
        "bottom_right" => [1.0, 1.0],
        _ => return None,
    })
}

/// `#rrggbb` or `#rrggbbaa`.
pub(crate) fn parse_hex(text: &str) -> Option<Color> {
    let hex = text.strip_prefix('#')?;
    if !hex.is_ascii() || !(hex.len() == 6 || hex.len() == 8) {
        return None;
    }
    let byte = |i: usize| u8::from_str_radix(&hex[i..i + 2], 16).ok();
    let a = if hex.len() == 8 { byte(6)? } else { 255 };
    Some(Color::rgba(byte(0)?, byte(2)?, byte(4)?, a))
}

/// " (did you mean `x`?)" for the closest known name within two edits, else "".
fn did_you_mean<'a>(name: &str, known: impl Iterator<Item = &'a str>) -> String {
    known
        .map(|k| (edit_distance(name, k), k))
        .filter(|(d, _)| *d <= 2)
        .min()
        .map_or(String::new(), |(_, k)| format!(" (did you mean `{k}`?)"))
}

fn edit_distance(a: &str, b: &str) -> usize {
    let b: Vec<char> = b.chars().collect();
    let mut row: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.chars().enumerate() {
        let mut diagonal = row[0];
        row[0] = i + 1;
        for (j, cb) in b.iter().enumerate() {
            let above = row[j + 1];
            row[j + 1] = (diagonal + usize::from(ca != *cb))
                .min(row[j] + 1)
                .min(above + 1);
            diagonal = above;
        }
    }
    row[b.len()]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hex_colours() {
        assert_eq!(parse_hex("#ff8000"), Some(Color::rgb(255, 128, 0)));
        assert_eq!(parse_hex("#ff800080"), Some(Color::rgba(255, 128, 0, 128)));
        assert_eq!(parse_hex("ff8000"), None);
        assert_eq!(parse_hex("#ff80"), None);
        assert_eq!(parse_hex("#gg8000"), None);
    }

    #[test]
    fn suggestions() {
        assert_eq!(edit_distance("stak", "stack"), 1);
        assert_eq!(
            did_you_mean("seat.stak", ["seat.stack", "seat.name"].into_iter()),
            " (did you mean `seat.stack`?)"
        );
        assert_eq!(did_you_mean("zzz", ["seat.stack"].into_iter()), "");
    }
}
