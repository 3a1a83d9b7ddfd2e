//! The charts of the HTML report, drawn as inline SVG by our own code (no
//! script, no library). Geometry is computed in exact decimals and printed
//! with one decimal place, like every other number in the crate.

use super::escape;
use crate::model::display::{num, percent, score};
use rust_decimal::{Decimal, RoundingStrategy};

/// A coordinate with one decimal.
fn c(d: Decimal) -> String {
    d.round_dp_with_strategy(1, RoundingStrategy::MidpointAwayFromZero)
        .normalize()
        .to_string()
}

fn d(n: i64) -> Decimal {
    Decimal::from(n)
}

/// `value / max × length`, clamped to `0..=length`; 0 when `max` is 0.
fn scale(value: Decimal, max: Decimal, length: Decimal) -> Decimal {
    if max <= Decimal::ZERO {
        return Decimal::ZERO;
    }
    value
        .checked_mul(length)
        .and_then(|x| x.checked_div(max))
        .unwrap_or_default()
        .clamp(Decimal::ZERO, length)
}

/// The fill colour of a grade (优 良 中 差; anything else grey).
pub fn grade_colour(grade: Option<&str>) -> &'static str {
    match grade {
        Some("优") => "#2e7d32",
        Some("良") => "#1565c0",
        Some("中") => "#ef6c00",
        Some("差") => "#c62828",
        _ => "#757575",
    }
}

/// One bar of a bullet chart: a name, its points (the grey bar) and its score.
pub struct Bar {
    pub label: String,
    pub points: Decimal,
    pub score: Option<Decimal>,
}

/// Score against points, one row per group: the grey bar is the points, the
/// coloured bar the score, the text `得分 / 分值`.
pub fn bullet(id: &str, title: &str, bars: &[Bar]) -> String {
    let (label_w, bar_w, row_h) = (d(150), d(360), d(26));
    let width = label_w + bar_w + d(110);
    let height = row_h * d(bars.len() as i64) + d(10);
    let max = bars.iter().map(|b| b.points).max().unwrap_or_default();
    let mut s = format!(
        "<svg id=\"{id}\" class=\"chart\" role=\"img\" aria-label=\"{}\" viewBox=\"0 0 {} {}\" width=\"{}\" height=\"{}\">",
        escape(title),
        c(width),
        c(height),
        c(width),
        c(height)
    );
    for (k, b) in bars.iter().enumerate() {
        let y = row_h * d(k as i64) + d(5);
        let full = scale(b.points, max, bar_w);
        let got = b.score.map(|v| scale(v, max, bar_w)).unwrap_or_default();
        let ratio_ok = b.score.is_some_and(|v| v >= b.points);
        let fill = if ratio_ok { "#2e7d32" } else { "#ef6c00" };
        s.push_str(&format!(
            "<text x=\"{}\" y=\"{}\" text-anchor=\"end\" class=\"label\">{}</text>",
            c(label_w - d(8)),
            c(y + d(15)),
            escape(&b.label)
        ));
        s.push_str(&format!(
            "<rect x=\"{}\" y=\"{}\" width=\"{}\" height=\"18\" fill=\"#e0e0e0\"/>",
            c(label_w),
            c(y + d(2)),
            c(full)
        ));
        s.push_str(&format!(
            "<rect x=\"{}\" y=\"{}\" width=\"{}\" height=\"18\" fill=\"{fill}\"><title>{}</title></rect>",
            c(label_w),
            c(y + d(2)),
            c(got),
            escape(&format!("{}：得 {} / {} 分", b.label, opt(b.score), num(b.points)))
        ));
        s.push_str(&format!(
            "<text x=\"{}\" y=\"{}\" class=\"value\">{} / {}</text>",
            c(label_w + full + d(6)),
            c(y + d(15)),
            opt(b.score),
            num(b.points)
        ));
    }
    s.push_str("</svg>");
    s
}

fn opt(v: Option<Decimal>) -> String {
    v.map(|v| score(v, 2)).unwrap_or_else(|| "—".into())
}

/// Each project's total on a 0–100 scale, coloured by grade.
pub fn totals(id: &str, rows: &[(String, Option<Decimal>, Option<String>)]) -> String {
    let (label_w, bar_w, row_h) = (d(230), d(260), d(26));
    let width = label_w + bar_w + d(90);
    let height = row_h * d(rows.len() as i64) + d(30);
    let mut s = format!(
        "<svg id=\"{id}\" class=\"chart\" role=\"img\" aria-label=\"各项目总分与等级\" viewBox=\"0 0 {} {}\" width=\"{}\" height=\"{}\">",
        c(width),
        c(height),
        c(width),
        c(height)
    );
    // Grid lines at 0, 60, 80, 90, 100.
    for g in [0, 60, 80, 90, 100] {
        let x = label_w + scale(d(g), d(100), bar_w);
        s.push_str(&format!(
            "<line x1=\"{x}\" y1=\"0\" x2=\"{x}\" y2=\"{}\" class=\"grid\"/><text x=\"{x}\" y=\"{}\" text-anchor=\"middle\" class=\"axis\">{g}</text>",
            c(height - d(20)),
            c(height - d(6)),
            x = c(x)
        ));
    }
    for (k, (name, total, grade)) in rows.iter().enumerate() {
        let y = row_h * d(k as i64);
        let w = total.map(|t| scale(t, d(100), bar_w)).unwrap_or_default();
        s.push_str(&format!(
            "<text x=\"{}\" y=\"{}\" text-anchor=\"end\" class=\"label\">{}</text>",
            c(label_w - d(8)),
            c(y + d(17)),
            escape(name)
        ));
        s.push_str(&format!(
            "<rect x=\"{}\" y=\"{}\" width=\"{}\" height=\"18\" fill=\"{}\"><title>{}</title></rect>",
            c(label_w),
            c(y + d(4)),
            c(w),
            grade_colour(grade.as_deref()),
            escape(&format!("{name}：{} 分", opt(*total)))
        ));
        s.push_str(&format!(
            "<text x=\"{}\" y=\"{}\" class=\"value\">{} {}</text>",
            c(label_w + w + d(6)),
            c(y + d(17)),
            opt(*total),
            escape(grade.as_deref().unwrap_or("—"))
        ));
    }
    s.push_str("</svg>");
    s
}

/// The lower end of an axis: below the smallest value by at least a tenth
/// of the full scale, on a multiple of that tenth, never below 0.
fn axis_floor(values: impl Iterator<Item = Decimal>, full: Decimal) -> Decimal {
    let step = full / d(10);
    match values.min() {
        Some(m) if m > step => (((m - step) / step).floor() * step).max(Decimal::ZERO),
        _ => Decimal::ZERO,
    }
}

/// A project in the scatter chart: its number in the summary table, name,
/// 执行率 (fraction), 总分 and grade.
pub type Point = (
    usize,
    String,
    Option<Decimal>,
    Option<Decimal>,
    Option<String>,
);

/// 执行率 (x) against 总分 (y): one numbered point per project. The axes
/// start below the smallest values, so close projects stay apart.
pub fn scatter(id: &str, points: &[Point]) -> String {
    let (left, top, w, h) = (d(50), d(15), d(340), d(240));
    let width = left + w + d(30);
    let height = top + h + d(45);
    let xmax = points
        .iter()
        .filter_map(|p| p.2)
        .max()
        .unwrap_or(Decimal::ONE)
        .max(Decimal::ONE);
    let xmin = axis_floor(points.iter().filter_map(|p| p.2), Decimal::ONE);
    let ymin = axis_floor(points.iter().filter_map(|p| p.3), d(100));
    let (xspan, yspan) = (xmax - xmin, d(100) - ymin);
    let mut s = format!(
        "<svg id=\"{id}\" class=\"chart\" role=\"img\" aria-label=\"预算执行率与总分\" viewBox=\"0 0 {} {}\" width=\"{}\" height=\"{}\">",
        c(width),
        c(height),
        c(width),
        c(height)
    );
    // One grid line per tenth of the scale when that gives at most 6 steps.
    let steps_of = |span: Decimal, tenth: Decimal| -> i64 {
        let n = (span / tenth).round();
        if n >= Decimal::ONE && n <= d(6) && (n * tenth) == span {
            i64::try_from(n).unwrap_or(5)
        } else {
            5
        }
    };
    let (ysteps, xsteps) = (steps_of(yspan, d(10)), steps_of(xspan, Decimal::new(1, 1)));
    for k in 0..=ysteps {
        let v = ymin + yspan * d(k) / d(ysteps);
        let y = top + h - scale(v - ymin, yspan, h);
        s.push_str(&format!(
            "<line x1=\"{}\" y1=\"{y}\" x2=\"{}\" y2=\"{y}\" class=\"grid\"/><text x=\"{}\" y=\"{}\" text-anchor=\"end\" class=\"axis\">{}</text>",
            c(left),
            c(left + w),
            c(left - d(6)),
            c(y + d(4)),
            num(v),
            y = c(y)
        ));
    }
    for k in 0..=xsteps {
        let v = xmin + xspan * d(k) / d(xsteps);
        let x = left + scale(v - xmin, xspan, w);
        s.push_str(&format!(
            "<line x1=\"{x}\" y1=\"{}\" x2=\"{x}\" y2=\"{}\" class=\"grid\"/><text x=\"{x}\" y=\"{}\" text-anchor=\"middle\" class=\"axis\">{}</text>",
            c(top),
            c(top + h),
            c(top + h + d(16)),
            percent(v).replace(".00%", "%"),
            x = c(x)
        ));
    }
    s.push_str(&format!(
        "<text x=\"{}\" y=\"{}\" text-anchor=\"middle\" class=\"axis-title\">预算执行率</text>",
        c(left + w / d(2)),
        c(height - d(6))
    ));
    s.push_str(&format!(
        "<text x=\"12\" y=\"{}\" text-anchor=\"middle\" transform=\"rotate(-90 12 {})\" class=\"axis-title\">总分</text>",
        c(top + h / d(2)),
        c(top + h / d(2))
    ));
    // Labels placed so that they do not cover one another: the first free
    // spot around the point (right, below right, left, above right …).
    let mut placed: Vec<(Decimal, Decimal)> = Vec::new();
    let circles: Vec<(Decimal, Decimal)> = points
        .iter()
        .filter_map(|(_, _, rate, total, _)| {
            let (rate, total) = ((*rate)?, (*total)?);
            Some((
                left + scale(rate - xmin, xspan, w),
                top + h - scale(total - ymin, yspan, h),
            ))
        })
        .collect();
    for (n, name, rate, total, grade) in points {
        let (Some(rate), Some(total)) = (rate, total) else {
            continue;
        };
        let x = left + scale(*rate - xmin, xspan, w);
        let y = top + h - scale(*total - ymin, yspan, h);
        let spots = [
            (8, 4),
            (8, 16),
            (-16, 4),
            (8, -8),
            (-16, 16),
            (-16, -8),
            (20, 4),
        ];
        let free = |(lx, ly): (Decimal, Decimal)| {
            placed
                .iter()
                .all(|(px, py)| (lx - px).abs() >= d(12) || (ly - py).abs() >= d(11))
                && circles.iter().all(|(cx, cy)| {
                    (lx + d(3) - cx).abs() >= d(9) || (ly - d(4) - cy).abs() >= d(9)
                })
        };
        let (lx, ly) = spots
            .iter()
            .map(|(dx, dy)| (x + d(*dx), y + d(*dy)))
            .find(|p| free(*p))
            .unwrap_or((x + d(8), y + d(4)));
        placed.push((lx, ly));
        s.push_str(&format!(
            "<g class=\"point\"><circle cx=\"{}\" cy=\"{}\" r=\"6\" fill=\"{}\"/><text x=\"{}\" y=\"{}\" class=\"point-label\">{n}</text><title>{}</title></g>",
            c(x),
            c(y),
            grade_colour(grade.as_deref()),
            c(lx),
            c(ly),
            escape(&format!(
                "{n} {name}：执行率 {}，总分 {}",
                percent(*rate),
                opt(Some(*total))
            ))
        ));
    }
    s.push_str("</svg>");
    s
}
