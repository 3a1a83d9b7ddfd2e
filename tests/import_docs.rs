//! docs/import.md lists every JX-I code with its severity.

#[test]
fn every_import_code_is_documented() {
    let doc =
        std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/docs/import.md")).unwrap();
    let codes: Vec<_> = jixiao::diagnostic::codes::ALL
        .iter()
        .filter(|c| c.code.starts_with("JX-I"))
        .collect();
    assert!(codes.len() >= 10);
    for c in codes {
        let row = format!("| {} | {} |", c.code, c.severity.chinese());
        assert!(doc.contains(&row), "docs/import.md 缺少 {row}");
    }
}
