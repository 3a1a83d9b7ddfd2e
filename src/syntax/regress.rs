//! Regression tests for grammar bugs found while writing GRAMMAR.md.

use super::parse;
use crate::model::Expr;
use crate::source::FileId;

fn project(body: &str) -> String {
    format!("部门 \"示例\" {{\n  项目 \"示例\" {{\n    {body}\n  }}\n}}\n")
}

/// A known field written wrongly is a syntax error at the value, not an
/// "unknown field" that suggests the very keyword the user wrote.
#[test]
fn known_key_with_bad_value_is_not_an_unknown_field() {
    let (_, diags) = parse(FileId(0), &project("总目标 没有引号"));
    assert_eq!(diags.len(), 1, "{diags:#?}");
    assert_eq!(diags[0].code, "JX-S001");
    assert!(
        diags[0].message.contains("总目标") && diags[0].message.contains("引号"),
        "{}",
        diags[0].message
    );
}

/// A reference's span ends where its name ends, not after the following space.
#[test]
fn path_span_excludes_trailing_space() {
    let e = super::parse_expr(FileId(0), "人均费用 × 人数 ≤ 资金.总额", 0).unwrap();
    let Expr::Binary { left, right, .. } = e else {
        panic!("{e:?}")
    };
    let Expr::Binary { left: fee, .. } = *left else {
        panic!()
    };
    assert_eq!(
        (fee.span().start, fee.span().end),
        (0, "人均费用".len() as u32)
    );
    let total = "人均费用 × 人数 ≤ ".len() as u32;
    assert_eq!(
        (right.span().start, right.span().end),
        (total, total + "资金.总额".len() as u32)
    );
}

/// A full-width space (typed by Chinese input methods) or a tab between a
/// number and its unit is white space like a half-width one.
#[test]
fn full_width_space_between_number_and_unit() {
    for written in ["95　%", "95\t%", "95 %", "95%", "95\u{a0}%"] {
        let text = project(&format!(
            "指标 {{\n      产出指标 {{\n        数量指标 {{\n          满意率 ≥ {written}\n        }}\n      }}\n    }}"
        ));
        let checked = crate::check_text("示例.jx", &text);
        assert!(
            !checked.has_errors(),
            "{written}: {:#?}",
            checked.diagnostics
        );
        let ind = &checked.workspace.departments[0].projects[0].indicators[0];
        assert_eq!(ind.target.to_string(), "≥ 95%", "{written}");
    }
}

/// An unknown field's quoted value may hold `}` or `；`: the line is still
/// one unknown field, not a broken block.
#[test]
fn unknown_field_with_brace_in_its_string() {
    for line in ["项目名称 \"a}b\"", "项目名称 \"a；b\""] {
        let (_, diags) = parse(FileId(0), &project(line));
        assert!(diags.is_empty(), "{line}: {diags:#?}");
        let checked = crate::check_text("示例.jx", &project(line));
        let codes: Vec<&str> = checked
            .diagnostics
            .iter()
            .filter(|d| d.is_error())
            .map(|d| d.code)
            .collect();
        assert_eq!(codes, ["JX-M001"], "{line}: {:#?}", checked.diagnostics);
    }
}

/// A no-break space (pasted from Word or a web page) separates words like a
/// space: the name does not swallow it.
#[test]
fn no_break_space_is_white_space() {
    let text = project(
        "指标 {\n      产出指标 {\n        数量指标 {\n          使用者满意率\u{a0}≥\u{a0}95%\u{a0}分值\u{a0}10\n        }\n      }\n    }",
    );
    let checked = crate::check_text("示例.jx", &text);
    assert!(!checked.has_errors(), "{:#?}", checked.diagnostics);
    let ind = &checked.workspace.departments[0].projects[0].indicators[0];
    assert_eq!(ind.name, "使用者满意率");
    assert_eq!(ind.points, Some(10.into()));
}

/// The formatter's and the messages' idea of where a bare name ends is the
/// grammar's: a name with a thin space (U+2009) inside is one the grammar
/// splits, so it must be quoted.
#[test]
fn ends_bare_name_agrees_with_the_grammar() {
    for c in [
        '\u{2009}', '\u{000B}', ' ', '\u{3000}', '\u{00A0}', '：', '≥', '#', '"',
    ] {
        assert!(super::ends_bare_name(c), "{c:?}");
        let text = project(&format!(
            "指标 {{\n      产出指标 {{\n        数量指标 {{\n          甲{c}乙 ≥ 1 次\n        }}\n      }}\n    }}"
        ));
        let (_, diags) = parse(FileId(0), &text);
        assert!(!diags.is_empty(), "{c:?} should end the name 甲");
    }
    for c in ['（', '）', '、', '-', '·'] {
        assert!(!super::ends_bare_name(c), "{c:?}");
    }
}
