//! The overlay: a skin, a renderer and the animation state between frames.
//!
//! Each call gives a view and a frame timestamp. Elements that appear (or whose content
//! changes, for cards and badges) play their enter transition from that timestamp; those
//! that go play their exit transition. When the view, the size and the skin are those of
//! the last frame and no transition is running, the last frame is returned as it is,
//! without touching the GPU.

use std::collections::{HashMap, HashSet};
use std::path::{Path, PathBuf};
use std::time::SystemTime;

use super::build::{Instance, build};
use super::motion::{self, Bars};
use super::photos::Photos;
use super::view::OverlayView;
use super::{Skin, SkinError};
use crate::{
    AlphaMode, Appearance, DEFAULT_FAMILY, Frame, Layer, MAX_FRAME_SIDE, MIN_FRAME_SIDE, Renderer,
    Scene, Timestamp,
};

/// An element on screen: when it appeared.
#[derive(Debug, Clone, Copy)]
struct Live {
    since: Timestamp,
}

/// The last frame and what it was made from.
#[derive(Debug)]
struct Cached {
    view: OverlayView,
    size: (u32, u32),
    generation: u64,
    settled: bool,
    at: Timestamp,
    frame: Frame,
}

/// A skin file being watched for changes.
#[derive(Debug)]
struct Watch {
    path: PathBuf,
    modified: Option<SystemTime>,
    len: u64,
}

/// Renders a skin over views, with transitions and render-on-change.
///
/// ```no_run
/// use ggp_render::{AdapterChoice, Renderer, RendererOptions, Timestamp};
/// use ggp_render::skin::{Overlay, OverlayView, Skin};
/// use ggp_core::{rules::Hand, view::{TableInfo, TableView}};
/// let hand = Hand::from_phh(concat!(
///     "variant = 'NT'\nantes = [0, 0]\nblinds_or_straddles = [1, 2]\n",
///     "min_bet = 2\nstarting_stacks = [200, 200]\n",
///     "actions = ['d dh p1 AhKh', 'd dh p2 QsQd']\n",
/// ))?;
/// let view = TableView::of(&hand, &TableInfo::default());
/// let renderer = Renderer::new(RendererOptions { adapter: AdapterChoice::Cpu })?;
/// let mut overlay = Overlay::new(renderer, Skin::default_skin()?)?;
/// let frame = overlay.render(&OverlayView::from(&view), 1920, 1080, Timestamp::from_secs(0.0))?;
/// assert_eq!(frame.width, 1920);
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug)]
pub struct Overlay {
    renderer: Renderer,
    skin: Skin,
    generation: u64,
    families: HashSet<String>,
    alpha: AlphaMode,
    live: HashMap<String, Live>,
    bars: Bars,
    photos: Photos,
    previous: Vec<Instance>,
    exiting: Vec<(Instance, Timestamp)>,
    started: bool,
    cache: Option<Cached>,
    gpu_renders: u64,
    watch: Option<Watch>,
    last_reload_error: Option<String>,
}

impl Overlay {
    /// An overlay drawing `skin` with `renderer`; loads the skin's fonts and checks that
    /// every family it names exists.
    pub fn new(renderer: Renderer, skin: Skin) -> Result<Overlay, SkinError> {
        let mut overlay = Overlay {
            renderer,
            skin: Skin {
                name: String::new(),
                file: String::new(),
                numbers: crate::NumberFormat::default(),
                equity_decimals: 1,
                colors: HashMap::new(),
                fonts: Vec::new(),
                font: None,
                ticker: None,
                photos: None,
                layouts: Vec::new(),
                elements: Vec::new(),
            },
            generation: 0,
            families: HashSet::from([DEFAULT_FAMILY.to_owned()]),
            alpha: AlphaMode::Premultiplied,
            live: HashMap::new(),
            bars: Bars::default(),
            photos: Photos::default(),
            previous: Vec::new(),
            exiting: Vec::new(),
            started: false,
            cache: None,
            gpu_renders: 0,
            watch: None,
            last_reload_error: None,
        };
        overlay.swap(skin)?;
        Ok(overlay)
    }

    /// Frames in `alpha` mode (premultiplied unless set).
    pub fn with_alpha(mut self, alpha: AlphaMode) -> Self {
        self.alpha = alpha;
        self.cache = None;
        self
    }

    /// The skin in use.
    pub fn skin(&self) -> &Skin {
        &self.skin
    }

    /// The renderer, for loading fonts or reading the adapter.
    pub fn renderer(&mut self) -> &mut Renderer {
        &mut self.renderer
    }

    /// How many frames were drawn on the GPU (the others were the cached frame).
    pub fn gpu_renders(&self) -> u64 {
        self.gpu_renders
    }

    /// Whether the last frame had a transition running (so the next one will differ).
    pub fn is_animating(&self) -> bool {
        self.cache.as_ref().is_some_and(|c| !c.settled)
    }

    /// Forgets the animation state and the cached frame: the next frame shows its view
    /// settled, with no transition, as after a cut to a new scene.
    pub fn reset(&mut self) {
        self.live.clear();
        self.bars.clear();
        self.previous.clear();
        self.exiting.clear();
        self.started = false;
        self.cache = None;
    }

    /// Looks player photos up in `dir` (before the skin's `photos` folder): a file named
    /// after the player, as written or in lower case with `_` for anything but letters and
    /// digits, ending `.png`, `.jpg`, `.jpeg` or `.svg`. Players without one show initials.
    pub fn set_photo_dir(&mut self, dir: impl Into<PathBuf>) {
        self.photos.set_dir(dir.into());
        self.generation += 1;
    }

    /// Draws the picture in `file` (PNG, JPEG or SVG) for the player called `name`.
    pub fn set_photo(&mut self, name: impl Into<String>, file: impl Into<PathBuf>) {
        self.photos.set_file(name.into(), file.into());
        self.generation += 1;
    }

    /// Photos that could not be used (missing or corrupt files), each once, naming the
    /// file; those players show their initials instead.
    pub fn photo_errors(&self) -> &[crate::RenderError] {
        self.photos.errors()
    }

    /// The message of the last reload that failed, kept until one succeeds.
    pub fn last_reload_error(&self) -> Option<&str> {
        self.last_reload_error.as_deref()
    }

    /// Loads fonts and checks families, then puts `skin` in use; on error nothing changes.
    fn swap(&mut self, skin: Skin) -> Result<(), SkinError> {
        let mut families = self.families.clone();
        for font in &skin.fonts {
            let loaded = self
                .renderer
                .load_font(font.bytes.as_ref().clone())
                .map_err(|e| SkinError::File {
                    file: skin.file.clone(),
                    line: font.line,
                    what: "font",
                    path: font.path.clone(),
                    reason: e.to_string(),
                })?;
            families.extend(loaded);
        }
        let named = skin
            .elements
            .iter()
            .filter_map(|e| e.font_family().map(|f| (f, e.id.as_str(), e.line)))
            .chain(skin.font.as_deref().map(|f| (f, "[skin] font", 1)));
        for (family, element, line) in named {
            if !families.contains(family) {
                let mut known: Vec<&str> = families.iter().map(String::as_str).collect();
                known.sort_unstable();
                return Err(SkinError::UnknownFont {
                    file: skin.file.clone(),
                    line,
                    element: element.to_owned(),
                    family: family.to_owned(),
                    known: known.join(", "),
                });
            }
        }
        self.families = families;
        self.skin = skin;
        self.generation += 1;
        Ok(())
    }

    /// Puts a new skin in use from the next frame. When it is bad, the current skin
    /// stays and the error is returned (and kept, see [`Self::last_reload_error`]).
    pub fn reload(&mut self, skin: Result<Skin, SkinError>) -> Result<(), SkinError> {
        let result = skin.and_then(|skin| self.swap(skin));
        self.last_reload_error = result.as_ref().err().map(ToString::to_string);
        result
    }

    /// Reads `path` and puts it in use (see [`Self::reload`]).
    pub fn reload_file(&mut self, path: &Path) -> Result<(), SkinError> {
        self.reload(Skin::load(path))
    }

    /// Watches `path`: [`Self::poll_reload`] reloads it whenever it changes.
    pub fn watch(&mut self, path: impl Into<PathBuf>) {
        let path = path.into();
        let (modified, len) = stat(&path);
        self.watch = Some(Watch {
            path,
            modified,
            len,
        });
    }

    /// Reloads the watched file if its modification time or size changed since the last
    /// look; `None` when it did not change (or nothing is watched). Cheap: call it before
    /// each frame.
    pub fn poll_reload(&mut self) -> Option<Result<(), SkinError>> {
        let watch = self.watch.as_mut()?;
        let (modified, len) = stat(&watch.path);
        if (modified, len) == (watch.modified, watch.len) {
            return None;
        }
        watch.modified = modified;
        watch.len = len;
        let path = watch.path.clone();
        Some(self.reload_file(&path))
    }

    /// The scene for `view` at `at`, advancing the animation state (no GPU work).
    pub fn scene(
        &mut self,
        view: &OverlayView,
        width: u32,
        height: u32,
        at: Timestamp,
    ) -> Result<Scene, SkinError> {
        self.scene_and_settled(view, width, height, at)
            .map(|(scene, _)| scene)
    }

    fn scene_and_settled(
        &mut self,
        view: &OverlayView,
        width: u32,
        height: u32,
        at: Timestamp,
    ) -> Result<(Scene, bool), SkinError> {
        let max = self.renderer.max_frame_side();
        let ok = |side: u32| (MIN_FRAME_SIDE..=max.min(MAX_FRAME_SIDE)).contains(&side);
        if !ok(width) || !ok(height) {
            return Err(SkinError::Render(crate::RenderError::InvalidSize {
                width,
                height,
                min: MIN_FRAME_SIDE,
                max,
            }));
        }
        let photos = self.photos.for_view(view, self.skin.photos.as_deref());
        let mut instances = build(&self.skin, view, width, height, &photos)?;
        let first = !self.started;
        let mut settled = self.bars.animate(&mut instances, at, first);
        settled &= !motion::scroll(&mut self.renderer, &mut instances, at);
        let keys: HashSet<&str> = instances.iter().map(|i| i.key.as_str()).collect();

        // What went: play its exit from now, drawn as it last was.
        let gone: Vec<Instance> = self
            .previous
            .drain(..)
            .filter(|i| !keys.contains(i.key.as_str()))
            .collect();
        // An element whose content changed (a badge's new text) is replaced by the new one,
        // which plays its enter; the old one does not fade out beneath it, so a bet that
        // changes every frame does not pile up fading copies.
        let replaced: HashSet<&str> = instances
            .iter()
            .filter_map(|i| i.key.split_once(':').map(|(slot, _)| slot))
            .collect();
        for instance in gone {
            self.live.remove(&instance.key);
            let is_replaced = instance
                .key
                .split_once(':')
                .is_some_and(|(slot, _)| replaced.contains(slot));
            if instance.exit.is_some() && self.started && !is_replaced {
                self.exiting.push((instance, at));
            }
        }
        self.exiting.retain(|(instance, since)| {
            !keys.contains(instance.key.as_str())
                && instance
                    .exit
                    .is_some_and(|exit| !exit.is_done(at.since(*since)))
        });
        // What came: on the very first frame everything is simply there.
        for instance in &instances {
            self.live.entry(instance.key.clone()).or_insert(Live {
                since: if first {
                    Timestamp::from_secs(f64::MIN / 2.0)
                } else {
                    at
                },
            });
        }
        self.started = true;

        let mut drawn: Vec<(&Instance, Appearance)> = Vec::new();
        for instance in &instances {
            let since = self.live.get(&instance.key).map_or(at, |l| l.since);
            let look = match instance.enter {
                Some(enter) => {
                    let elapsed = at.since(since);
                    settled &= enter.is_done(elapsed);
                    enter.appearance(enter.progress(elapsed), instance.pivot)
                }
                None => Appearance::IDENTITY,
            };
            drawn.push((instance, look));
        }
        for (instance, since) in &self.exiting {
            if let Some(exit) = instance.exit {
                settled = false;
                let progress = exit.progress(at.since(*since));
                drawn.push((instance, exit.appearance(1.0 - progress, instance.pivot)));
            }
        }
        drawn.sort_by_key(|(instance, _)| instance.order);

        let looks: HashMap<&str, (Appearance, crate::Rect)> = drawn
            .iter()
            .map(|(i, look)| (i.key.as_str(), (*look, i.pivot)))
            .collect();
        let mut per_element: Vec<(usize, Vec<Layer>)> = Vec::new();
        for (instance, look) in &drawn {
            let parent = instance
                .parent
                .as_deref()
                .and_then(|key| looks.get(key))
                .filter(|(look, _)| *look != Appearance::IDENTITY);
            let whole = match parent {
                Some((parent_look, _)) => look.then(*parent_look),
                None => *look,
            };
            if whole.is_invisible() {
                continue;
            }
            let layers = match (&instance.back, look.back_showing) {
                (Some(back), true) => back.clone(),
                _ => instance.layers.clone(),
            };
            let mut layers = look.wrap(layers, instance.pivot);
            if let Some((parent_look, pivot)) = parent {
                layers = parent_look.wrap(layers, *pivot);
            }
            per_element.push((instance.order.0, layers));
        }
        self.previous = instances;
        Ok((layer_major(width, height, per_element), settled))
    }

    /// The frame for `view` at `at`, `width` x `height` pixels.
    ///
    /// Returns the previous frame untouched when nothing changed and nothing moves.
    pub fn render(
        &mut self,
        view: &OverlayView,
        width: u32,
        height: u32,
        at: Timestamp,
    ) -> Result<&Frame, SkinError> {
        // Frames are a function of the view and the timestamp: a frame at rest serves any
        // later time, a moving one only its own.
        let unchanged = self.cache.as_ref().is_some_and(|c| {
            (c.settled || c.at == at)
                && c.generation == self.generation
                && c.size == (width, height)
                && c.view == *view
        });
        if !unchanged {
            let (scene, settled) = self.scene_and_settled(view, width, height, at)?;
            let frame = self.renderer.render(&scene, self.alpha)?;
            self.gpu_renders += 1;
            self.cache = Some(Cached {
                view: view.clone(),
                size: (width, height),
                generation: self.generation,
                settled,
                at,
                frame,
            });
        }
        match &self.cache {
            Some(cached) => Ok(&cached.frame),
            None => Err(SkinError::Render(crate::RenderError::Readback {
                reason: "no frame was kept".to_owned(),
            })),
        }
    }
}

/// The scene, each element's instances drawn layer by layer (every slot's panel, then
/// every slot's text) rather than slot by slot. Slots of one element sit side by side, so
/// the picture is the same, and the renderer gets a few long runs of shapes and of text
/// instead of one short run per seat, which is what it draws fastest.
fn layer_major(width: u32, height: u32, per_element: Vec<(usize, Vec<Layer>)>) -> Scene {
    let mut scene = Scene::new(width, height);
    let mut start = 0;
    while start < per_element.len() {
        let element = per_element[start].0;
        let end = per_element[start..]
            .iter()
            .position(|(e, _)| *e != element)
            .map_or(per_element.len(), |n| start + n);
        let run = &per_element[start..end];
        let depth = run
            .iter()
            .map(|(_, layers)| layers.len())
            .max()
            .unwrap_or(0);
        for index in 0..depth {
            for (_, layers) in run {
                if let Some(layer) = layers.get(index) {
                    scene.push(layer.clone());
                }
            }
        }
        start = end;
    }
    scene
}

fn stat(path: &Path) -> (Option<SystemTime>, u64) {
    match std::fs::metadata(path) {
        Ok(meta) => (meta.modified().ok(), meta.len()),
        Err(_) => (None, 0),
    }
}
