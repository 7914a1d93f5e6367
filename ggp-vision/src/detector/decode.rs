//! Detector output maps into corner-index poses, and recognized corners into card detections.

use ggp_core::Card;

use super::preprocess::IndexPose;

/// Output stride of the detector: one map cell covers this many input pixels.
pub(crate) const STRIDE: f32 = 8.0;
/// Channels of the detector output: heat, x and y offset in the cell, log height, cos, sin.
pub(crate) const CHANNELS: usize = 6;

/// Peaks of the heatmap above `threshold` that are the maximum of their 3x3 neighbourhood,
/// as poses in the detector input's pixels, highest first, at most `limit`.
pub(crate) fn peaks(
    maps: &[f32],
    grid_w: usize,
    grid_h: usize,
    threshold: f32,
    limit: usize,
) -> Vec<(f32, IndexPose)> {
    let plane = grid_w * grid_h;
    let heat = &maps[..plane];
    let mut found = Vec::new();
    for gy in 0..grid_h {
        for gx in 0..grid_w {
            let value = heat[gy * grid_w + gx];
            if value < threshold {
                continue;
            }
            let mut is_peak = true;
            for ny in gy.saturating_sub(1)..(gy + 2).min(grid_h) {
                for nx in gx.saturating_sub(1)..(gx + 2).min(grid_w) {
                    let other = heat[ny * grid_w + nx];
                    // Ties go to the first cell in reading order, so a plateau gives one peak.
                    if other > value || (other == value && (ny, nx) < (gy, gx)) {
                        is_peak = false;
                    }
                }
            }
            if !is_peak {
                continue;
            }
            let at = gy * grid_w + gx;
            let channel = |c: usize| maps[c * plane + at];
            let pose = IndexPose {
                centre: [
                    (gx as f32 + channel(1)) * STRIDE,
                    (gy as f32 + channel(2)) * STRIDE,
                ],
                height: channel(3).clamp(-2.0, 8.0).exp(),
                angle: channel(5).atan2(channel(4)),
            };
            found.push((value, pose));
        }
    }
    found.sort_by(|a, b| b.0.total_cmp(&a.0));
    found.truncate(limit);
    found
}

/// A recognized corner index in frame pixels.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) struct Corner {
    pub card: Card,
    pub confidence: f32,
    pub pose: IndexPose,
}

/// Axis-aligned box `[x, y, w, h]` around an index of this pose (indices are about half as
/// wide as they are tall).
pub(crate) fn index_box(pose: &IndexPose) -> [f32; 4] {
    let (half_h, half_w) = (pose.height / 2.0, pose.height / 4.0);
    let (c, s) = (pose.angle.cos().abs(), pose.angle.sin().abs());
    // The index's height runs along its up direction, its width across it.
    let extent_x = half_h * c + half_w * s;
    let extent_y = half_h * s + half_w * c;
    [
        pose.centre[0] - extent_x,
        pose.centre[1] - extent_y,
        2.0 * extent_x,
        2.0 * extent_y,
    ]
}

fn union(a: [f32; 4], b: [f32; 4]) -> [f32; 4] {
    let x0 = a[0].min(b[0]);
    let y0 = a[1].min(b[1]);
    let x1 = (a[0] + a[2]).max(b[0] + b[2]);
    let y1 = (a[1] + a[3]).max(b[1] + b[3]);
    [x0, y0, x1 - x0, y1 - y0]
}

/// How far apart (in index heights) the two corner indices of one card can be: the diagonal
/// of a poker card is about 5.5 index heights; some slack for perspective.
const SAME_CARD_DISTANCE: f32 = 7.5;

/// Groups corners into cards: two corners showing the same card close enough to be the two
/// indices of one physical card become one detection (box = union of both index boxes,
/// confidence = the higher). The same card further apart stays twice: a duplicate is for the
/// tracker to report, never to hide.
pub(crate) fn group_corners(corners: &[Corner]) -> Vec<(Card, [f32; 4], f32)> {
    let mut cards: Vec<(Card, [f32; 4], f32, IndexPose)> = Vec::new();
    for corner in corners {
        let bbox = index_box(&corner.pose);
        let partner = cards.iter_mut().find(|(card, _, _, pose)| {
            let distance = (pose.centre[0] - corner.pose.centre[0])
                .hypot(pose.centre[1] - corner.pose.centre[1]);
            *card == corner.card
                && distance < SAME_CARD_DISTANCE * pose.height.max(corner.pose.height)
        });
        match partner {
            Some((_, merged, confidence, _)) => {
                *merged = union(*merged, bbox);
                *confidence = confidence.max(corner.confidence);
            }
            None => cards.push((corner.card, bbox, corner.confidence, corner.pose)),
        }
    }
    cards
        .into_iter()
        .map(|(card, bbox, confidence, _)| (card, bbox, confidence))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn pose(x: f32, y: f32, height: f32) -> IndexPose {
        IndexPose {
            centre: [x, y],
            height,
            angle: -std::f32::consts::FRAC_PI_2,
        }
    }

    #[test]
    fn peaks_finds_local_maxima_with_offsets_and_sizes() {
        let (w, h) = (6, 4);
        let plane = w * h;
        let mut maps = vec![0f32; CHANNELS * plane];
        maps[w + 1] = 0.9; // cell (1, 1)
        maps[w + 2] = 0.5; // neighbour, not a peak
        maps[3 * w + 5] = 0.6; // cell (5, 3)
        maps[plane + w + 1] = 0.5; // x offset
        maps[2 * plane + w + 1] = 0.25; // y offset
        maps[3 * plane + w + 1] = 20f32.ln();
        maps[5 * plane + w + 1] = -1.0; // up = (0, -1)
        let found = peaks(&maps, w, h, 0.3, 10);
        assert_eq!(found.len(), 2);
        let (score, first) = found[0];
        assert!((score - 0.9).abs() < 1e-6);
        assert!((first.centre[0] - 12.0).abs() < 1e-4 && (first.centre[1] - 10.0).abs() < 1e-4);
        assert!((first.height - 20.0).abs() < 1e-3);
        assert!((first.angle + std::f32::consts::FRAC_PI_2).abs() < 1e-4);
        assert_eq!(peaks(&maps, w, h, 0.3, 1).len(), 1);
    }

    #[test]
    fn two_corners_of_one_card_merge_but_a_far_duplicate_stays() {
        let ace: Card = "As".parse().expect("card");
        let king: Card = "Kd".parse().expect("card");
        let corners = [
            Corner {
                card: ace,
                confidence: 0.8,
                pose: pose(100.0, 100.0, 20.0),
            },
            Corner {
                card: king,
                confidence: 0.9,
                pose: pose(120.0, 100.0, 20.0),
            },
            Corner {
                card: ace,
                confidence: 0.95,
                pose: pose(170.0, 190.0, 20.0),
            },
            Corner {
                card: ace,
                confidence: 0.7,
                pose: pose(900.0, 100.0, 20.0),
            },
        ];
        let cards = group_corners(&corners);
        assert_eq!(cards.len(), 3);
        let (card, bbox, confidence) = cards[0];
        assert_eq!(card, ace);
        assert!((confidence - 0.95).abs() < 1e-6);
        assert!((bbox[0] - 95.0).abs() < 1e-3 && (bbox[1] - 90.0).abs() < 1e-3);
        assert!((bbox[0] + bbox[2] - 175.0).abs() < 1e-3);
        assert_eq!(cards[2].0, ace, "the far ace is kept as a duplicate");
    }
}
