//! Units that published forms print (tests/corpus/import/: 厘米 in a 四川
//! 自评表, 元/平米 in another form) and others of their kind (issue 17): known,
//! and converted where the conversion is exact, so an actual in 米 meets a
//! target in 厘米.

#[path = "common/cli.rs"]
mod cli;

const DECLARATION: &str = r#"部门 "示例局" {
  年度 2025
  项目 "道路维修" {
    资金 {
      总额 10 万元
    }
    指标 {
      产出指标 {
        数量指标 {
          路面宽度 ≥ 266 厘米
          维修面积 ≥ 1200 平米
          排水管径 ≥ 300 毫米
          清运土方 ≥ 50 立方米
          节约电量 ≥ 1000 千瓦时
        }
      }
      效益指标 {
        社会效益指标 {
          通行条件: 改善
        }
      }
      满意度指标 {
        服务对象满意度指标 {
          群众满意度 ≥ 90%
        }
      }
    }
  }
}
"#;

const ACTUALS: &str = r#"自评 "示例局" 2025 {
  项目 "道路维修" {
    预算 10 万元
    执行 10 万元
    路面宽度 2.7 米
    维修面积 1250 平方米
    排水管径 0.3 米
    清运土方 55 立方米
    节约电量 1200 千瓦时
    通行条件: 达成
    群众满意度 95%
  }
}
"#;

#[test]
fn known_and_converted() {
    let dir = cli::dir_with(&[("d.jx", DECLARATION), ("a.jx", ACTUALS)]);
    // Before: JX-G002 (不认识的单位) on 厘米, 平米, 毫米, 立方米, 千瓦时.
    cli::jixiao_in(dir.path(), &["check", "d.jx"])
        .code(0)
        .lacks(&["JX-G002"])
        .has(&["0 个错误，0 个警告"]);
    // Before: 2.7 米 could not be compared with 266 厘米.
    cli::jixiao_in(dir.path(), &["eval", "d.jx", "--actuals", "a.jx"])
        .code(0)
        .has(&[
            "路面宽度    ≥ 266 厘米      2.7 米          10  10.00",
            "排水管径    ≥ 300 毫米      0.3 米          10  10.00",
            "维修面积    ≥ 1,200 平米    1,250 平方米    10  10.00",
            "总分：100.00",
        ]);
}
