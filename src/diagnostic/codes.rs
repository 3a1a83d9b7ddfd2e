//! The catalogue of diagnostic codes. Every code is defined here, once, with
//! its default severity and a one-line Chinese title (used in documentation).

use super::Severity;

/// A stable diagnostic code.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Code {
    pub code: &'static str,
    pub severity: Severity,
    pub title: &'static str,
}

macro_rules! catalogue {
    ($($name:ident = $code:literal, $sev:ident, $title:literal;)*) => {
        $(pub const $name: Code = Code { code: $code, severity: Severity::$sev, title: $title };)*
        /// Every code, in catalogue order.
        pub const ALL: &[Code] = &[$($name),*];
    };
}

catalogue! {
    // 输入与编码（JX-E）
    IO_ERROR           = "JX-E001", Error,   "无法读取文件或目录";
    EMPTY_FILE         = "JX-E002", Error,   "文件为空";
    NOT_UTF8_GBK       = "JX-E003", Error,   "文件是 GBK 编码，不是 UTF-8";
    NOT_UTF8_UTF16     = "JX-E004", Error,   "文件是 UTF-16 编码，不是 UTF-8";
    BINARY_FILE        = "JX-E005", Error,   "文件不是文本";
    NOT_UTF8           = "JX-E006", Error,   "文件不是有效的 UTF-8 文本";
    NO_CONTENT         = "JX-E007", Warning, "文件只有注释或空白，没有内容";
    NO_INPUT_FILES     = "JX-E008", Error,   "目录中没有 .jx 文件";
    INCLUDE_MISSING    = "JX-E010", Error,   "引用的文件不存在";
    INCLUDE_OUTSIDE    = "JX-E011", Error,   "引用的文件在工作区根目录之外";
    INCLUDE_CYCLE      = "JX-E012", Error,   "循环引用";
    INCLUDE_MISPLACED  = "JX-E013", Error,   "被引用文件的内容放不进引用它的位置";
    // 语法（JX-S）
    SYNTAX             = "JX-S001", Error,   "语法错误";
    UNCLOSED_BLOCK     = "JX-S002", Error,   "大括号没有配对";
    UNCLOSED_STRING    = "JX-S003", Error,   "字符串没有结束的引号";
    // 结构与取值（JX-M）
    UNKNOWN_FIELD      = "JX-M001", Error,   "未知的字段";
    DUPLICATE_FIELD    = "JX-M002", Error,   "字段重复";
    BAD_DATE           = "JX-M003", Error,   "日期不存在";
    BAD_NUMBER         = "JX-M004", Error,   "数字超出可表示的范围";
    DUPLICATE_PROJECT  = "JX-M005", Error,   "同一部门内项目名称重复";
    BAD_YEAR           = "JX-M006", Error,   "年度不是有效的年份";
    BAD_ESCAPE         = "JX-M007", Error,   "字符串中的转义写法无效";
    DUPLICATE_GROUP    = "JX-M008", Warning, "同一指标分组出现两次";
    DUPLICATE_DEPARTMENT = "JX-M009", Error,  "部门重复";
    // 自评与评分（JX-V）——issue 4
    NO_ACTUALS           = "JX-V001", Error,   "自评文件中没有自评块";
    ACTUALS_DEPARTMENT   = "JX-V002", Warning, "自评的部门或年度与申报不一致";
    UNDECLARED_PROJECT   = "JX-V003", Error,   "自评中的项目在申报中不存在";
    UNDECLARED_INDICATOR = "JX-V004", Error,   "自评中的指标在申报中不存在";
    DUPLICATE_ACTUAL     = "JX-V005", Error,   "同一指标的完成值写了两次";
    MISSING_ACTUAL       = "JX-V006", Warning, "指标缺少完成值";
    PROJECT_NOT_REPORTED = "JX-V007", Warning, "申报的项目没有自评数据";
    ACTUAL_UNIT          = "JX-V008", Error,   "完成值的单位与指标值不相容";
    ACTUAL_KIND          = "JX-V009", Error,   "完成值的类型与指标不符";
    GRADE_OUT_OF_BAND    = "JX-V010", Error,   "定性指标的得分不在等级的分数段内";
    MANUAL_OUT_OF_RANGE  = "JX-V011", Error,   "人工得分超出分值范围";
    FORMULA_FAILED       = "JX-V012", Error,   "评分公式无法计算";
    SCORE_OUT_OF_RANGE   = "JX-V013", Error,   "评分结果超出 0 至分值的范围";
    POINTS_MISMATCH      = "JX-V014", Error,   "指标分值之和与一级指标分值不符";
    GROUP_NOT_IN_RULES   = "JX-V015", Error,   "规则集中没有这个一级指标的分值";
    EXPLANATION_MISSING  = "JX-V016", Warning, "缺少偏差原因分析及改进措施";
    LOW_EXECUTION        = "JX-V017", Warning, "预算执行率低于 80%";
    PROGRESS_MISMATCH    = "JX-V018", Warning, "指标完成进度与预算执行进度差距过大";
    BUDGET_MISSING       = "JX-V019", Warning, "自评没有写全年预算数或执行数";
    BAD_ACTUAL           = "JX-V020", Error,   "完成值无法计算";
    EMPTY_GROUP          = "JX-V021", Warning, "项目没有某个一级指标的指标，这一组的分值无从得分";
    // 规则集（JX-R）——issue 4
    NO_RULESET           = "JX-R001", Error,   "规则文件中没有规则块";
    RULE_UNKNOWN_NAME    = "JX-R002", Error,   "公式中的名称不认识";
    RULE_MISSING_PART    = "JX-R003", Error,   "规则集缺少必需的部分";
    RULE_DUPLICATE       = "JX-R004", Error,   "规则集中同一项写了两次";
    RULE_BAD_BAND        = "JX-R005", Error,   "分数段写得不对";
    RULE_POINTS_TOTAL    = "JX-R006", Warning, "规则集的分值合计不是 100";
    RULE_BAD_FUNCTION    = "JX-R007", Error,   "公式中的函数不认识或参数个数不对";
    RULE_BAD_VALUE       = "JX-R008", Error,   "规则集中的取值无效";
}
