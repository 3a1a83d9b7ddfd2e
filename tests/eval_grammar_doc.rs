//! Every `jx` example of grammar/EVALUATION.md parses without a diagnostic.

#[test]
fn every_example_parses() {
    let doc = include_str!("../grammar/EVALUATION.md");
    let mut n = 0;
    for block in doc.split("```jx\n").skip(1) {
        let text = block.split("```").next().unwrap();
        let (tree, diags) = jixiao::syntax::parse(jixiao::source::FileId(0), text);
        assert!(diags.is_empty(), "{text}\n{diags:#?}");
        assert_eq!(tree.items.len(), 1, "{text}");
        n += 1;
    }
    assert_eq!(n, 7);
}

#[test]
fn the_rule_example_is_a_complete_rule_set() {
    let doc = include_str!("../grammar/EVALUATION.md");
    let text = doc
        .split("```jx\n")
        .last()
        .unwrap()
        .split("```")
        .next()
        .unwrap();
    let (rs, diags) = jixiao::parse_rules("示例", text);
    assert!(diags.is_empty(), "{diags:#?}");
    assert_eq!(rs.unwrap().grades.len(), 4);
}
