// One signed-distance-field shader for every shape layer: a rounded rectangle with a solid or
// linear-gradient fill, a border, a soft drop shadow and an opacity. Output is premultiplied.

struct Viewport {
    size: vec2<f32>,
    _pad: vec2<f32>,
};

@group(0) @binding(0) var<uniform> viewport: Viewport;

struct Instance {
    @location(0) rect: vec4<f32>,          // x, y, width, height (pixels)
    @location(1) fill_from: vec4<f32>,     // straight-alpha sRGB
    @location(2) fill_to: vec4<f32>,
    @location(3) border_color: vec4<f32>,
    @location(4) shadow_color: vec4<f32>,
    @location(5) params: vec4<f32>,        // corner radius, border width, gradient angle (rad), opacity
    @location(6) shadow: vec4<f32>,        // offset x, offset y, blur radius, unused
};

struct VertexOut {
    @builtin(position) position: vec4<f32>,
    @location(0) pixel: vec2<f32>,
    @location(1) rect: vec4<f32>,
    @location(2) fill_from: vec4<f32>,
    @location(3) fill_to: vec4<f32>,
    @location(4) border_color: vec4<f32>,
    @location(5) shadow_color: vec4<f32>,
    @location(6) params: vec4<f32>,
    @location(7) shadow: vec4<f32>,
};

@vertex
fn vs_main(@builtin(vertex_index) vertex: u32, inst: Instance) -> VertexOut {
    // The quad covers the shape, its shadow and one pixel of anti-aliasing on every side.
    let shadow_reach = abs(inst.shadow.xy) + vec2<f32>(inst.shadow.z);
    let grow = shadow_reach * step(0.0001, inst.shadow_color.a) + vec2<f32>(1.0);
    let lo = inst.rect.xy - grow;
    let hi = inst.rect.xy + inst.rect.zw + grow;
    let corners = array<vec2<f32>, 6>(
        vec2<f32>(0.0, 0.0), vec2<f32>(1.0, 0.0), vec2<f32>(0.0, 1.0),
        vec2<f32>(0.0, 1.0), vec2<f32>(1.0, 0.0), vec2<f32>(1.0, 1.0),
    );
    let pixel = mix(lo, hi, corners[vertex]);
    let ndc = vec2<f32>(pixel.x / viewport.size.x * 2.0 - 1.0, 1.0 - pixel.y / viewport.size.y * 2.0);
    var out: VertexOut;
    out.position = vec4<f32>(ndc, 0.0, 1.0);
    out.pixel = pixel;
    out.rect = inst.rect;
    out.fill_from = inst.fill_from;
    out.fill_to = inst.fill_to;
    out.border_color = inst.border_color;
    out.shadow_color = inst.shadow_color;
    out.params = inst.params;
    out.shadow = inst.shadow;
    return out;
}

// Signed distance from p to a rounded box centred on the origin (negative inside).
fn rounded_box(p: vec2<f32>, half_size: vec2<f32>, radius: f32) -> f32 {
    let q = abs(p) - half_size + vec2<f32>(radius);
    return length(max(q, vec2<f32>(0.0))) + min(max(q.x, q.y), 0.0) - radius;
}

fn premultiply(c: vec4<f32>) -> vec4<f32> {
    return vec4<f32>(c.rgb * c.a, c.a);
}

@fragment
fn fs_main(in: VertexOut) -> @location(0) vec4<f32> {
    let half_size = in.rect.zw * 0.5;
    let center = in.rect.xy + half_size;
    let radius = clamp(in.params.x, 0.0, min(half_size.x, half_size.y));
    let border_width = max(in.params.y, 0.0);
    let p = in.pixel - center;

    // Coverage of the whole shape and of the part inside the border, one pixel of anti-aliasing.
    let dist = rounded_box(p, half_size, radius);
    let shape_cover = clamp(0.5 - dist, 0.0, 1.0);
    let inner_cover = clamp(0.5 - (dist + border_width), 0.0, 1.0);

    // Gradient parameter: 0 at the edge the angle points away from, 1 at the opposite edge.
    let dir = vec2<f32>(cos(in.params.z), sin(in.params.z));
    let extent = abs(half_size.x * dir.x) + abs(half_size.y * dir.y);
    let t = clamp(dot(p, dir) / max(2.0 * extent, 0.0001) + 0.5, 0.0, 1.0);
    let fill = mix(premultiply(in.fill_from), premultiply(in.fill_to), t);

    let shape = fill * inner_cover + premultiply(in.border_color) * (shape_cover - inner_cover);

    // The shadow is the same box, offset and blurred by a smooth ramp over twice the blur radius.
    let blur = max(in.shadow.z, 0.0);
    let shadow_dist = rounded_box(p - in.shadow.xy, half_size, radius);
    let shadow_cover = select(
        clamp(0.5 - shadow_dist, 0.0, 1.0),
        1.0 - smoothstep(-blur, blur, shadow_dist),
        blur > 0.0,
    );
    let shadow = premultiply(in.shadow_color) * shadow_cover;

    let out = shape + shadow * (1.0 - shape.a);
    return out * clamp(in.params.w, 0.0, 1.0);
}
