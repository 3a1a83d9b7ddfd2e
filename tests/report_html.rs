//! `jixiao report --html` on the example: the page's structure (a snapshot
//! of its outline, not of SVG coordinates), escaping of user text, and the
//! page rendered by a real browser (headless Chromium): no console message,
//! the expected totals shown, a screenshot taken.

#[path = "common/cli.rs"]
mod cli;
use cli::Checked;

use std::path::{Path, PathBuf};
use std::process::Command;

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

fn page(out: &Path) -> String {
    let o = cli::command(&root())
        .args(["report", "examples/songjiang-npc-2025", "--html"])
        .arg(out)
        .checked();
    assert_eq!(
        o.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&o.stderr)
    );
    std::fs::read_to_string(out).unwrap()
}

fn attr(tag: &str, name: &str) -> Option<String> {
    let key = format!(" {name}=\"");
    let at = tag.find(&key)? + key.len();
    let end = tag[at..].find('"')?;
    Some(tag[at..at + end].to_string())
}

/// One line per element (`tag#id.class`), per text (`"…"`), indented by
/// depth; a chart is one line with its element counts and its texts.
fn outline(html: &str) -> String {
    const VOID: [&str; 4] = ["meta", "br", "img", "link"];
    let mut out = String::new();
    let mut depth = 0usize;
    let mut rest = html;
    let mut svg: Option<(
        String,
        std::collections::BTreeMap<String, usize>,
        Vec<String>,
    )> = None;
    let mut in_text = false;
    // A table row is one line: `tr#id │ cell │ cell`.
    let mut row: Option<(String, Vec<String>)> = None;
    while let Some(lt) = rest.find('<') {
        let text: String = rest[..lt].split_whitespace().collect::<Vec<_>>().join(" ");
        if !text.is_empty() {
            match (&mut svg, &mut row) {
                (Some((_, _, texts)), _) if in_text => texts.push(text),
                (Some(_), _) => {}
                (None, Some((_, cells))) => {
                    if let Some(c) = cells.last_mut() {
                        c.push_str(&text);
                    }
                }
                (None, None) => out.push_str(&format!("{}\"{text}\"\n", "  ".repeat(depth))),
            }
        }
        let gt = rest[lt..].find('>').expect("closed tag") + lt;
        let tag = &rest[lt + 1..gt];
        rest = &rest[gt + 1..];
        if tag.starts_with('!') {
            out.push_str(&format!("<{tag}>\n"));
            continue;
        }
        if let Some(name) = tag.strip_prefix('/') {
            if name == "text" {
                in_text = false;
            }
            if name == "svg" {
                if let Some((head, counts, texts)) = svg.take() {
                    let c: Vec<String> = counts.iter().map(|(k, v)| format!("{k}×{v}")).collect();
                    out.push_str(&format!(
                        "{}{head} [{}] {:?}\n",
                        "  ".repeat(depth),
                        c.join(" "),
                        texts
                    ));
                }
                continue;
            }
            if name == "tr" {
                if let Some((head, cells)) = row.take() {
                    out.push_str(&format!(
                        "{}{head} │ {}\n",
                        "  ".repeat(depth),
                        cells.join(" │ ")
                    ));
                }
                continue;
            }
            if svg.is_none() && row.is_none() {
                depth = depth.saturating_sub(1);
            }
            continue;
        }
        let name = tag
            .split(|c: char| c.is_whitespace() || c == '/')
            .next()
            .unwrap_or("");
        if let Some((_, counts, _)) = &mut svg {
            *counts.entry(name.to_string()).or_default() += 1;
            in_text = name == "text";
            continue;
        }
        let mut line = name.to_string();
        if let Some(id) = attr(tag, "id") {
            line.push_str(&format!("#{id}"));
        }
        if let Some(class) = attr(tag, "class") {
            line.push_str(&format!(".{}", class.replace(' ', ".")));
        }
        if name == "html" {
            line.push_str(&format!(" lang={}", attr(tag, "lang").unwrap_or_default()));
        }
        if let Some((_, cells)) = &mut row {
            if name == "td" || name == "th" {
                let class = attr(tag, "class")
                    .map(|c| format!(".{c} "))
                    .unwrap_or_default();
                cells.push(class);
            }
            continue;
        }
        if name == "tr" {
            row = Some((line, Vec::new()));
            continue;
        }
        if name == "svg" {
            line.push_str(&format!(
                " \"{}\"",
                attr(tag, "aria-label").unwrap_or_default()
            ));
            svg = Some((line, Default::default(), Vec::new()));
            continue;
        }
        if name == "style" {
            let end = rest.find("</style>").expect("style closed");
            out.push_str(&format!("{}style\n", "  ".repeat(depth)));
            rest = &rest[end + "</style>".len()..];
            continue;
        }
        out.push_str(&format!("{}{line}\n", "  ".repeat(depth)));
        if !VOID.contains(&name) && !tag.ends_with('/') {
            depth += 1;
        }
    }
    out
}

#[test]
fn html_structure() {
    let dir = tempfile::tempdir().unwrap();
    let html = page(&dir.path().join("报告.html"));
    assert!(html.starts_with("<!DOCTYPE html>\n<html lang=\"zh-CN\">"));
    // Self-contained: no script, no reference to anything outside the file.
    assert!(!html.contains("<script"), "the page has a script");
    for outside in ["http:", "https:", "src=", "<link", "@import", "url("] {
        assert!(!html.contains(outside), "the page refers to {outside}");
    }
    insta::assert_snapshot!("html_outline", outline(&html));
}

#[test]
fn html_escapes_user_text() {
    let declaration = r#"
部门 "<b>局</b>" {
  年度 2025
  项目 "A&B <script>alert('x')</script>" {
    资金 {
      总额 100 元
    }
    指标 {
      产出指标 {
        数量指标 {
          "<i>人数</i>" ≥ 10 人
        }
      }
    }
  }
}
"#;
    let actuals = r#"
自评 "<b>局</b>" 2025 {
  项目 "A&B <script>alert('x')</script>" {
    预算 100 元
    执行 90 元
    "<i>人数</i>" 8 人 原因 "天气 <差> & \"台风\"" 措施 "改期"
  }
}
"#;
    let run = jixiao::evaluate_text(declaration, actuals, None);
    let ev = run
        .evaluation
        .as_ref()
        .unwrap_or_else(|| panic!("{:#?}", run.diagnostics));
    let html = jixiao::report::html::render(ev);
    assert!(!html.contains("<script"), "{html}");
    assert!(!html.contains("<b>局"), "{html}");
    assert!(!html.contains("<i>人数"), "{html}");
    assert!(html.contains("A&amp;B &lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;"));
    assert!(html.contains("&lt;i&gt;人数&lt;/i&gt;"), "{html}");
    assert!(html.contains("天气 &lt;差&gt; &amp; &quot;台风&quot;"));
    assert!(html.contains("<title>&lt;b&gt;局&lt;/b&gt; 2025 年度项目支出绩效自评报告</title>"));
}

// ───────────── a real browser ─────────────

/// Debian's chromium. The browser test is ignored by a plain `cargo test`;
/// `.ci/run` installs chromium and runs the ignored tests. Run, it fails
/// without chromium rather than passing without looking.
fn chromium() -> PathBuf {
    let candidates = [
        std::env::var_os("JIXIAO_CHROMIUM").map(PathBuf::from),
        Some(PathBuf::from("/usr/bin/chromium")),
        Some(PathBuf::from("/usr/bin/chromium-browser")),
    ];
    let found = candidates.into_iter().flatten().find(|p| p.exists());
    let Some(found) = found else {
        panic!(
            "no Chromium at /usr/bin/chromium: install Debian's `chromium` package \
             (apt-get install -y chromium) or set JIXIAO_CHROMIUM"
        );
    };
    found
}

/// Run headless Chromium on a file; returns (stdout, stderr).
fn browse(bin: &Path, file: &Path, extra: &[&str]) -> (String, String) {
    let profile = tempfile::tempdir().unwrap();
    let o = Command::new(bin)
        .args([
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-quic",
            "--no-first-run",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--enable-logging=stderr",
            "--v=0",
        ])
        .arg(format!("--user-data-dir={}", profile.path().display()))
        .args(extra)
        .arg(format!("file://{}", file.display()))
        .output()
        .expect("run chromium");
    let stderr = String::from_utf8_lossy(&o.stderr).into_owned();
    assert!(o.status.success(), "chromium failed: {stderr}");
    (String::from_utf8_lossy(&o.stdout).into_owned(), stderr)
}

/// Console messages in Chromium's log: the page has no script, so any is a
/// problem (a blocked resource, a policy violation, a parse error).
fn console(stderr: &str) -> Vec<&str> {
    stderr.lines().filter(|l| l.contains(":CONSOLE")).collect()
}

/// The probe: the page with a script that measures what the reader sees
/// and writes it into the DOM (the report itself has no script; its
/// Content-Security-Policy is relaxed for the probe only).
const PROBE: &str = r#"<script>
window.addEventListener('load', function () {
  var r = {};
  r.errors = window.__errors;
  r.average = document.getElementById('average').innerText;
  r.totals = Array.prototype.map.call(document.querySelectorAll('strong.total'), function (e) { return e.innerText; });
  r.charts = Array.prototype.map.call(document.querySelectorAll('svg.chart'), function (e) {
    var b = e.getBoundingClientRect(); return b.width > 50 && b.height > 50; });
  r.fits = document.documentElement.scrollWidth <= window.innerWidth;
  r.lang = document.documentElement.lang;
  var p = document.createElement('pre'); p.id = 'probe'; p.textContent = JSON.stringify(r);
  document.body.appendChild(p);
});
</script>"#;

#[test]
#[ignore = "needs chromium"]
fn html_in_chromium() {
    let bin = chromium();
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("report.html");
    let html = page(&file);

    // 1. The page as written: it loads without a console message; screenshot.
    let png = dir.path().join("report.png");
    let shot = format!("--screenshot={}", png.display());
    let (_, log) = browse(&bin, &file, &["--window-size=1100,1400", &shot]);
    assert!(console(&log).is_empty(), "console: {:#?}", console(&log));
    let bytes = std::fs::read(&png).expect("screenshot written");
    assert_eq!(&bytes[..8], b"\x89PNG\r\n\x1a\n");
    let dim = |at: usize| u32::from_be_bytes(bytes[at..at + 4].try_into().unwrap());
    assert_eq!((dim(16), dim(20)), (1100, 1400));
    assert!(
        bytes.len() > 50_000,
        "a near-empty screenshot: {} bytes",
        bytes.len()
    );
    if let Some(keep) = std::env::var_os("JIXIAO_KEEP_SCREENSHOT") {
        std::fs::copy(&png, keep).unwrap();
    }

    // 2. The probe: what the browser shows.
    let probe = html
        .replace("default-src 'none';", "default-src 'none'; script-src 'unsafe-inline';")
        .replacen(
            "<head>",
            "<head>\n<script>window.__errors=[];window.onerror=function(m){window.__errors.push(String(m));};</script>",
            1,
        )
        .replace("</body>", &format!("{PROBE}\n</body>"));
    let probe_file = dir.path().join("probe.html");
    std::fs::write(&probe_file, probe).unwrap();
    let (dom, log) = browse(
        &bin,
        &probe_file,
        &["--window-size=1100,1400", "--dump-dom"],
    );
    assert!(console(&log).is_empty(), "console: {:#?}", console(&log));
    let start = dom.find("<pre id=\"probe\">").expect("the probe ran") + "<pre id=\"probe\">".len();
    let end = dom[start..].find("</pre>").unwrap() + start;
    let json = dom[start..end]
        .replace("&quot;", "\"")
        .replace("&amp;", "&");
    let v: serde_json::Value = serde_json::from_str(&json).expect(&json);
    assert_eq!(v["errors"], serde_json::json!([]), "{json}");
    assert_eq!(v["lang"], "zh-CN");
    assert_eq!(v["average"], "91.12", "{json}");
    assert_eq!(
        v["totals"],
        serde_json::json!([
            "80.74", "85.66", "99.97", "91.02", "87.57", "78.42", "96.99", "99.98", "99.77"
        ]),
        "{json}"
    );
    // Two department charts and one per project, all drawn with a size.
    assert_eq!(v["charts"], serde_json::json!(vec![true; 11]), "{json}");
    assert_eq!(v["fits"], true, "the page is wider than the window: {json}");
}
