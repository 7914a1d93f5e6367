//! The on-air graphics of `broadcast`: seat panels with names, stacks, last actions and
//! cards, the board and the pot, equity (program only) and the delay countdown, drawn by
//! ggp-render on the GPU (lavapipe here) once per change of view.
//!
//! Card rectangles are those of `ggp_stream::overlay::BasicLayout`, so a hole card sits at
//! the same place whichever overlay drew it (the secure-live tests check those regions).

use std::sync::{Arc, Mutex, PoisonError};

use ggp_core::Card;
use ggp_core::view::{LastAction, PublicCard, PublicTableView, SeatStatus, TableView};
use ggp_render::{
    AlphaMode, Border, Color, Fill, FontWeight, Rect, Renderer, Scene, ShapeLayer, TextAlign,
    TextLayer, VerticalAlign,
};
use ggp_stream::StreamError;
use ggp_stream::overlay::CARD_BACK_RGB;
use ggp_stream::overlay::{BasicLayout, Overlay, OverlayImage};
use ggp_stream::view::ProgramView;

/// Colours of the graphics, read from `--skin FILE` (JSON; every field optional):
/// `{"panel": "#0a141e", "panel_alpha": 210, "text": "#ffffff", "accent": "#28c85a",
/// "card_back": "#961428"}`.
#[derive(Debug, Clone, serde::Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct Skin {
    panel: String,
    panel_alpha: u8,
    text: String,
    accent: String,
    card_back: String,
}

impl Default for Skin {
    fn default() -> Self {
        let [r, g, b] = CARD_BACK_RGB;
        Skin {
            panel: "#0a141e".into(),
            panel_alpha: 210,
            text: "#ffffff".into(),
            accent: "#28c85a".into(),
            card_back: format!("#{r:02x}{g:02x}{b:02x}"),
        }
    }
}

fn parse_color(text: &str, alpha: u8) -> Result<Color, String> {
    let hex = text.trim_start_matches('#');
    let value = u32::from_str_radix(hex, 16).map_err(|_| format!("{text:?} is not #rrggbb"))?;
    if hex.len() != 6 {
        return Err(format!("{text:?} is not #rrggbb"));
    }
    Ok(Color::rgba(
        (value >> 16) as u8,
        (value >> 8) as u8,
        value as u8,
        alpha,
    ))
}

/// The colours, checked.
#[derive(Debug, Clone, Copy)]
struct Palette {
    panel: Color,
    text: Color,
    accent: Color,
    card_back: Color,
}

impl Skin {
    /// Reads a skin file.
    pub fn load(path: &str) -> Result<Skin, String> {
        let text = std::fs::read_to_string(path).map_err(|e| format!("{path}: {e}"))?;
        let skin: Skin = serde_json::from_str(&text).map_err(|e| format!("{path}: {e}"))?;
        skin.palette().map_err(|e| format!("{path}: {e}"))?;
        Ok(skin)
    }

    fn palette(&self) -> Result<Palette, String> {
        Ok(Palette {
            panel: parse_color(&self.panel, self.panel_alpha)?,
            text: parse_color(&self.text, 255)?,
            accent: parse_color(&self.accent, 255)?,
            card_back: parse_color(&self.card_back, 255)?,
        })
    }
}

/// One overlay renderer per output, sharing the GPU renderer.
pub struct GpuOverlay {
    renderer: Arc<Mutex<Renderer>>,
    width: u32,
    height: u32,
    palette: Palette,
}

impl GpuOverlay {
    /// An overlay for `width` x `height` video.
    pub fn new(
        renderer: Arc<Mutex<Renderer>>,
        width: u32,
        height: u32,
        skin: &Skin,
    ) -> Result<Self, String> {
        Ok(GpuOverlay {
            renderer,
            width,
            height,
            palette: skin.palette()?,
        })
    }

    fn render_scene(&self, scene: &Scene) -> Result<Arc<OverlayImage>, StreamError> {
        let frame = self
            .renderer
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .render(scene, AlphaMode::Premultiplied)
            .map_err(|e| StreamError::InvalidConfig {
                target: "overlay renderer".into(),
                reason: e.to_string(),
            })?;
        Ok(Arc::new(OverlayImage {
            width: frame.width,
            height: frame.height,
            rgba: frame.pixels,
        }))
    }

    fn scale(&self) -> f32 {
        self.height as f32 / 1080.0
    }

    fn rect(r: ggp_stream::overlay::PixelRect) -> Rect {
        Rect::new(r.x as f32, r.y as f32, r.width as f32, r.height as f32)
    }

    fn card(&self, scene: &mut Scene, rect: Rect, card: Option<Card>) {
        let radius = rect.width * 0.08;
        match card {
            None => {
                scene.push(
                    ShapeLayer::new(rect, Fill::Solid(self.palette.card_back))
                        .with_corner_radius(radius)
                        .with_border(Border {
                            width: 2.0 * self.scale(),
                            color: Color::rgb(240, 240, 240),
                        }),
                );
            }
            Some(card) => {
                scene.push(
                    ShapeLayer::new(rect, Fill::Solid(Color::rgb(250, 250, 250)))
                        .with_corner_radius(radius),
                );
                let color = if card.suit().is_red() {
                    Color::rgb(200, 20, 30)
                } else {
                    Color::rgb(20, 20, 20)
                };
                let label = format!("{}{}", card.rank().letter(), card.suit().symbol());
                scene.push(
                    TextLayer::new(label, rect, rect.height * 0.42, color)
                        .with_align(TextAlign::Center)
                        .with_vertical_align(VerticalAlign::Middle)
                        .with_weight(FontWeight::Bold)
                        .with_fit_to_width(true),
                );
            }
        }
    }

    fn text(&self, scene: &mut Scene, text: String, rect: Rect, size: f32, align: TextAlign) {
        scene.push(
            TextLayer::new(text, rect, size * self.scale(), self.palette.text)
                .with_align(align)
                .with_vertical_align(VerticalAlign::Middle)
                .with_fit_to_width(true),
        );
    }

    /// Everything but the hole cards and the equity, which differ between the views.
    fn table(&self, scene: &mut Scene, seats: &[SeatText], board: &[Card], pot: String) {
        let layout = BasicLayout::new(self.width, self.height, seats.len());
        for (index, seat) in seats.iter().enumerate() {
            let r = Self::rect(layout.seat_rect(index));
            let mut panel = ShapeLayer::new(r, Fill::Solid(self.palette.panel))
                .with_corner_radius(10.0 * self.scale());
            if seat.to_act {
                panel = panel.with_border(Border {
                    width: 3.0 * self.scale(),
                    color: self.palette.accent,
                });
            }
            if seat.folded {
                panel = panel.with_opacity(0.5);
            }
            scene.push(panel);
            // Text to the right of the two cards.
            let cards_right = layout.hole_card_rect(index, 1, 2);
            let left = (cards_right.x + cards_right.width) as f32 + 8.0 * self.scale();
            let width = r.right() - left - 6.0 * self.scale();
            let line = r.height / 5.0;
            self.text(
                scene,
                seat.name.clone(),
                Rect::new(left, r.y + 4.0, width, line),
                24.0,
                TextAlign::Left,
            );
            self.text(
                scene,
                seat.stack.clone(),
                Rect::new(left, r.y + line, width, line),
                22.0,
                TextAlign::Left,
            );
            self.text(
                scene,
                seat.action.clone(),
                Rect::new(left, r.y + 2.0 * line, width, line),
                20.0,
                TextAlign::Left,
            );
        }
        for (slot, card) in board.iter().take(5).enumerate() {
            self.card(scene, Self::rect(layout.board_card_rect(slot)), Some(*card));
        }
        let first = layout.board_card_rect(0);
        let pot_rect = Rect::new(
            first.x as f32,
            (first.y + first.height) as f32 + 6.0 * self.scale(),
            (layout.board_card_rect(4).x + layout.board_card_rect(4).width - first.x) as f32,
            40.0 * self.scale(),
        );
        scene.push(
            ShapeLayer::new(pot_rect, Fill::Solid(self.palette.panel))
                .with_corner_radius(8.0 * self.scale()),
        );
        self.text(scene, pot, pot_rect, 26.0, TextAlign::Center);
    }
}

/// What a seat panel says.
struct SeatText {
    name: String,
    stack: String,
    action: String,
    to_act: bool,
    folded: bool,
}

fn action_text(action: &Option<LastAction>, status: SeatStatus) -> String {
    if status == SeatStatus::AllIn {
        return "ALL-IN".into();
    }
    match action {
        None => String::new(),
        Some(LastAction::Check) => "CHECK".into(),
        Some(LastAction::Call { amount }) => format!("CALL {amount}"),
        Some(LastAction::Bet { to }) => format!("BET {to}"),
        Some(LastAction::Raise { to }) => format!("RAISE {to}"),
        Some(LastAction::BringIn { amount }) => format!("BRING-IN {amount}"),
        Some(LastAction::Fold) => "FOLD".into(),
        Some(LastAction::Draw { count }) => format!("DRAW {count}"),
        Some(LastAction::Show) => "SHOW".into(),
        Some(LastAction::Muck) => "MUCK".into(),
    }
}

impl Overlay<Option<PublicTableView>> for GpuOverlay {
    fn render(
        &mut self,
        view: &Option<PublicTableView>,
        _time_ns: i64,
    ) -> Result<Arc<OverlayImage>, StreamError> {
        let mut scene = Scene::new(self.width, self.height);
        if let Some(view) = view {
            let seats: Vec<SeatText> = view
                .seats
                .iter()
                .map(|s| SeatText {
                    name: s.name.clone(),
                    stack: s.stack.to_string(),
                    action: action_text(&s.last_action, s.status),
                    to_act: s.to_act,
                    folded: s.status == SeatStatus::Folded,
                })
                .collect();
            let board = view.boards.first().cloned().unwrap_or_default();
            self.table(
                &mut scene,
                &seats,
                &board,
                format!("POT {}", view.total_pot),
            );
            let layout = BasicLayout::new(self.width, self.height, view.seats.len());
            for (index, seat) in view.seats.iter().enumerate() {
                if seat.status == SeatStatus::Folded {
                    continue;
                }
                let count = seat.hole_cards.len();
                for (slot, card) in seat.hole_cards.iter().enumerate() {
                    let rect = Self::rect(layout.hole_card_rect(index, slot, count));
                    let card = match card {
                        PublicCard::Up(card) => Some(*card),
                        PublicCard::Down => None,
                    };
                    self.card(&mut scene, rect, card);
                }
            }
        }
        self.render_scene(&scene)
    }
}

impl Overlay<ProgramView> for GpuOverlay {
    fn render(
        &mut self,
        view: &ProgramView,
        _time_ns: i64,
    ) -> Result<Arc<OverlayImage>, StreamError> {
        let mut scene = Scene::new(self.width, self.height);
        if let Some(table) = &view.table {
            self.program_table(&mut scene, table);
        }
        if let Some(countdown) = view.delay.countdown_text() {
            let rect = Rect::new(
                24.0 * self.scale(),
                24.0 * self.scale(),
                420.0 * self.scale(),
                48.0 * self.scale(),
            );
            scene.push(
                ShapeLayer::new(rect, Fill::Solid(self.palette.panel)).with_corner_radius(8.0),
            );
            self.text(&mut scene, countdown, rect, 28.0, TextAlign::Center);
        }
        self.render_scene(&scene)
    }
}

impl GpuOverlay {
    fn program_table(&self, scene: &mut Scene, table: &TableView) {
        let seats: Vec<SeatText> = table
            .seats
            .iter()
            .map(|s| SeatText {
                name: s.name.clone(),
                stack: s.stack.to_string(),
                action: action_text(&s.last_action, s.status),
                to_act: s.to_act,
                folded: s.status == SeatStatus::Folded,
            })
            .collect();
        let board = table.boards.first().cloned().unwrap_or_default();
        self.table(scene, &seats, &board, format!("POT {}", table.total_pot));
        let layout = BasicLayout::new(self.width, self.height, table.seats.len());
        for (index, seat) in table.seats.iter().enumerate() {
            if seat.status == SeatStatus::Folded {
                continue;
            }
            let count = seat.hole_cards.len();
            for (slot, card) in seat.hole_cards.iter().enumerate() {
                self.card(
                    scene,
                    Self::rect(layout.hole_card_rect(index, slot, count)),
                    *card,
                );
            }
            if let Some(equity) = &seat.equity {
                let r = Self::rect(layout.seat_rect(index));
                let bar_height = r.height / 8.0;
                let bar = Rect::new(
                    r.x,
                    r.bottom() - bar_height,
                    r.width * equity.equity as f32,
                    bar_height,
                );
                scene.push(ShapeLayer::new(bar, Fill::Solid(self.palette.accent)));
                // Fourth line of the text column, above the bar.
                let cards_right = layout.hole_card_rect(index, 1, 2);
                let left = (cards_right.x + cards_right.width) as f32 + 8.0 * self.scale();
                let line = r.height / 5.0;
                let label = Rect::new(
                    left,
                    r.y + 4.0 + 3.0 * line,
                    r.right() - left - 6.0 * self.scale(),
                    line,
                );
                self.text(
                    scene,
                    format!("{:.1}%", equity.equity * 100.0),
                    label,
                    24.0,
                    TextAlign::Left,
                );
            }
        }
    }
}
