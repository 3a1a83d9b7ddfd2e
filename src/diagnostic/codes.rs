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
    NOT_REGULAR_FILE   = "JX-E014", Error,   "不是普通文件（管道、设备等）";
    FILE_TOO_LARGE     = "JX-E015", Error,   "文件太大";
    OUTPUT_IS_INPUT    = "JX-E016", Error,   "输出文件会覆盖输入文件";
    FILE_CHANGED_WHILE_READ = "JX-E017", Error, "文件在读取期间被改动";
    // 语法（JX-S）
    SYNTAX             = "JX-S001", Error,   "语法错误";
    UNCLOSED_BLOCK     = "JX-S002", Error,   "大括号没有配对";
    UNCLOSED_STRING    = "JX-S003", Error,   "字符串没有结束的引号";
    // 语法：输入的规模（cases 分支）
    TOO_DEEP           = "JX-S010", Error,   "块或括号嵌套太深";
    INCLUDE_TOO_DEEP   = "JX-S011", Error,   "引用链太长";
    EXPR_TOO_LONG      = "JX-S012", Error,   "表达式太长";
    // 语法：解析器自身的错误（不应出现；出现即为 jixiao 的缺陷）
    PARSER_DISAGREES   = "JX-S020", Error,   "解析器内部不一致";
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
    // 结构与取值：issue 15（checks 分支）
    LOOKALIKE_NAME       = "JX-M010", Warning, "名称与申报的写法不同（只差全角半角或空格）";
    // 名称中的隐藏字符（issue 15：输出）：说明与示例见 docs/findings.md
    NAME_CONTROL_CHAR  = "JX-M015", Error,   "名称中有控制字符";
    NAME_BIDI_CHAR     = "JX-M016", Error,   "名称中有改变显示顺序的双向控制字符";
    NAME_INVISIBLE_CHAR = "JX-M017", Warning, "名称中有看不见的字符";
    // ── 检查发现（issue 3）：说明与示例见 docs/findings.md ──
    // 资金（JX-F）
    FUNDS_TOTAL_SPLIT     = "JX-F001", Error,   "总额不等于财政资金与其他资金之和";
    FUNDS_FISCAL_SPLIT    = "JX-F002", Error,   "财政资金不等于当年拨款与上年结转之和";
    FUNDS_ANNUAL_OVER     = "JX-F003", Error,   "年度申请超过项目资金总额";
    FUNDS_NEGATIVE        = "JX-F004", Error,   "资金为负数";
    FUNDS_NOT_MONEY       = "JX-F005", Error,   "资金的单位不是金额";
    // 部门申报（JX-D）
    DEPT_COUNT_MISMATCH   = "JX-D001", Error,   "申报的项目个数与实际项目数不符";
    DEPT_FUNDS_MISMATCH   = "JX-D002", Error,   "申报的资金与各项目总额之和不符";
    // 指标体系（JX-T）
    TAXON_WRONG_PARENT    = "JX-T001", Error,   "二级指标放在了不对应的一级指标下";
    TAXON_UNKNOWN_LEVEL1  = "JX-T002", Warning, "不认识的一级指标";
    TAXON_UNKNOWN_LEVEL2  = "JX-T003", Warning, "不认识的二级指标";
    TAXON_MISSING_GROUP   = "JX-T004", Warning, "缺少必填的一级指标";
    TAXON_DUPLICATE_NAME  = "JX-T005", Error,   "同一项目中指标名称重复";
    TARGET_IMPLIED        = "JX-T006", Warning, "指标值没有写比较符";
    TARGET_COMPARATOR_REQUIRED = "JX-T007", Error, "规则集要求写明比较符";
    TAXON_COST_UNDER_OUTPUT = "JX-T008", Info,   "成本指标写在产出指标下（2020 年版自评表的排法）";
    // 指标值与单位（JX-G）
    TARGET_DIMENSION      = "JX-G001", Error,   "指标值的量纲不一致";
    TARGET_UNKNOWN_UNIT   = "JX-G002", Warning, "不认识的单位";
    TARGET_UNIT_MISFIT    = "JX-G003", Warning, "单位与二级指标不相符";
    TARGET_PERCENT_RANGE  = "JX-G004", Error,   "比率目标超出 0–100%，无法达到";
    TARGET_LOW_SATISFACTION = "JX-G005", Warning, "满意度目标低于 80%";
    TARGET_COST_OVER_TOTAL = "JX-G006", Warning, "成本指标上限超过项目资金总额";
    TARGET_QUANTITY_CEILING = "JX-G007", Info,  "数量指标用了“≤”";
    TARGET_RANGE_EMPTY    = "JX-G008", Error,   "区间为空（下限大于上限）";
    TARGET_RANGE_POINT    = "JX-G009", Warning, "区间上下限相同";
    TARGET_UNKNOWN_WORD   = "JX-G010", Info,    "定性目标用词不在常用词表中";
    TARGET_NO_UNIT        = "JX-G011", Warning, "定量指标值没有写单位";
    TARGET_BAD_POINTS     = "JX-G012", Error,   "分值为负数或超过满分 100";
    // 一致性与校验（JX-C）
    PERIOD_INVERTED       = "JX-C001", Error,   "周期的开始日期晚于完成日期";
    PERIOD_OUTSIDE_YEAR   = "JX-C002", Warning, "周期超出部门年度";
    CHECK_FAILED          = "JX-C003", Error,   "校验不成立";
    CHECK_UNKNOWN_NAME    = "JX-C004", Error,   "校验中的名称找不到";
    CHECK_DIMENSION       = "JX-C005", Error,   "校验中的量纲不一致";
    CHECK_NOT_COMPUTABLE  = "JX-C006", Error,   "校验无法计算";
    // 允许（JX-A）
    ALLOW_NO_REASON       = "JX-A001", Error,   "“允许”没有写原因";
    ALLOW_UNUSED          = "JX-A002", Warning, "“允许”没有对应任何发现";
    ALLOW_UNKNOWN_CODE    = "JX-A003", Error,   "“允许”的代码不存在或不能被允许";
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
    RULES_FROM_FOLDER    = "JX-V022", Info,    "用了所给目录中的规则集文件";
    MANY_RULE_FILES      = "JX-V023", Error,   "所给的文件中有多个规则集";
    // 评分可信（issue 15）
    NEGATIVE_FUNDS       = "JX-V030", Error,   "全年预算数或执行数是负数";
    SPENT_OVER_BUDGET    = "JX-V031", Warning, "全年执行数超过全年预算数";
    ACTUAL_NO_UNIT       = "JX-V032", Warning, "完成值没有写单位，按指标值的单位计";
    TARGET_NO_UNIT_PERCENT = "JX-V033", Warning, "指标值没有写单位，完成值是百分数，按百分数比较";
    ACTUAL_UNIT_SLIP     = "JX-V034", Warning, "完成值与指标值相差约 100 倍或 1 万倍，可能写错了单位";
    // 自评的真实写法（issue 17）
    ACTUAL_COMPARATOR    = "JX-V040", Warning, "完成值前面写了比较符";
    ACTUAL_WORD_ONLY     = "JX-V041", Warning, "定量指标的完成值只写了词，没有写数";
    UNKNOWN_VERDICT      = "JX-V042", Error,   "完成值的词不是认得的定性用语";
    // 表上印的分值与得分（issue 17）
    POINTS_OVER_FULL     = "JX-V050", Error,   "分值合计超过满分 100，总分不评等级";
    FORM_POINTS_SCALED   = "JX-V051", Info,    "表内分值按规则集的组分值折算";
    PRINTED_POINTS_DIFFER = "JX-V052", Warning, "自评表印的分值与申报的不同";
    SUBTOTAL_UNKNOWN_GROUP = "JX-V053", Warning, "小计的一级指标不在评分的组中";
    PRINTED_NEGATIVE     = "JX-V054", Error,   "表上印的分值或得分是负数";
    // 自评的预算栏（issue 17）
    BUDGET_TOTAL_EMPTY   = "JX-V060", Error,   "预算栏的总额行为 0，而其中各行有资金";
    BUDGET_ROWS_SUM      = "JX-V061", Warning, "预算栏其中各行之和与总额不符";
    PRINTED_RATE_WRONG   = "JX-V062", Warning, "表上印的执行率与执行数 ÷ 预算数不符";
    PRINTED_RATE_CUT     = "JX-V063", Info,    "表上印的执行率是截断而不是四舍五入的结果";
    PRINTED_POINTS_OTHER = "JX-V064", Warning, "表上印的预算执行率分值与规则集不同";
    // 自评复核（JX-H）：jixiao audit 把表上印的数与规则集算出的、与表上其他数对照（issue 19）
    AUDIT_SCORE_DIFFERS  = "JX-H001", Warning, "表上的指标得分与规则集算出的不同";
    AUDIT_MET_DEDUCTED   = "JX-H002", Warning, "指标达成，表上却没有给满分";
    AUDIT_SCORE_ROUNDED  = "JX-H003", Info,    "表上的得分是算出的得分按所印位数舍入的结果";
    AUDIT_SUBTOTAL_SUM   = "JX-H004", Error,   "小计与表上这一组各行之和不符";
    AUDIT_TOTAL_SUM      = "JX-H005", Error,   "合计与表上各部分之和不符";
    AUDIT_TOTAL_OVER     = "JX-H006", Error,   "表上的合计超过满分 100";
    AUDIT_GRADE_WRONG    = "JX-H007", Error,   "表上的等级不是表上合计的等级";
    AUDIT_BUDGET_SCORE   = "JX-H008", Warning, "表上的预算执行率得分与规则集算出的不同";
    AUDIT_SCORE_OVER_POINTS = "JX-H009", Error, "表上一行的得分超过它的分值";
    AUDIT_GRADE_UNKNOWN  = "JX-H010", Warning, "表上的等级不是规则集的等级词";
    AUDIT_WITHIN_BAND    = "JX-H011", Info,    "定性指标表上的得分在所评等级的分数段之内，不是规则集的默认值";
    // 规则集（JX-R）——issue 4
    NO_RULESET           = "JX-R001", Error,   "规则文件中没有规则块";
    RULE_UNKNOWN_NAME    = "JX-R002", Error,   "公式中的名称不认识";
    RULE_MISSING_PART    = "JX-R003", Error,   "规则集缺少必需的部分";
    RULE_DUPLICATE       = "JX-R004", Error,   "规则集中同一项写了两次";
    RULE_BAD_BAND        = "JX-R005", Error,   "分数段写得不对";
    RULE_POINTS_TOTAL    = "JX-R006", Warning, "规则集的分值合计不是 100";
    RULE_BAD_FUNCTION    = "JX-R007", Error,   "公式中的函数不认识或参数个数不对";
    RULE_BAD_VALUE       = "JX-R008", Error,   "规则集中的取值无效";
    // 规则集的词（issue 16）：公式种类、舍入方式、各项处理办法只认定义的写法
    RULE_UNKNOWN_WORD    = "JX-R020", Error,   "规则集中的公式名或处理方式不认识";
    // 定性用语（issue 17）
    RULE_VERDICT_CONFLICT = "JX-R030", Error,  "定性用语与内置的等级词冲突";
    // 格式化与语义比较（JX-X：fmt、diff；X00x 为内部错误）
    FMT_CHANGED_MEANING = "JX-X001", Error,  "格式化会改变含义（内部错误）";
    FMT_LOST_COMMENT   = "JX-X002", Error,   "格式化会改变注释（内部错误）";
    FMT_UNSUPPORTED    = "JX-X003", Error,   "文件中有 fmt 还不会排版的内容";
    FILE_READ_ONLY     = "JX-X010", Error,   "文件是只读的，无法改写";
    WRITE_FAILED       = "JX-X011", Error,   "无法写回文件";
    GIT_FAILED         = "JX-X012", Error,   "git 命令执行失败";
    DIFF_INPUT_ERRORS  = "JX-X013", Error,   "输入有错误，无法比较";
    // 健壮性（issue 8）
    FILE_CHANGED       = "JX-X020", Error,   "文件在格式化期间被改动，没有改写";
    // 导入（JX-I）：jixiao import
    IMPORT_NOTHING       = "JX-I001", Error,   "要导入的文件里没有认得出的申报表";
    IMPORT_UNKNOWN_FORMAT = "JX-I002", Error,  "要导入的文件格式认不出";
    IMPORT_NOT_WORKBOOK  = "JX-I003", Error,   "扩展名是 Excel，内容却不是工作簿";
    IMPORT_NO_INDICATORS = "JX-I004", Warning, "项目没有指标表";
    IMPORT_TRUNCATED     = "JX-I005", Warning, "文本在项目中途结束，可能不完整";
    IMPORT_UNPLACED      = "JX-I006", Warning, "内容未能归位，已作为注释写入";
    IMPORT_BLANK_CELL    = "JX-I007", Info,    "原表此格为空，已略去";
    IMPORT_CORRECTED     = "JX-I008", Info,    "按原表其他栏目改正了明显的错字";
    IMPORT_ARTIFACT      = "JX-I009", Info,    "删去了 PDF 分页留下的页码";
    IMPORT_GOALS_SPLIT   = "JX-I010", Warning, "项目总目标与年度总体目标分不开";
    IMPORT_NO_HEADERS    = "JX-I011", Error,   "工作簿中找不到指标表的表头";
    IMPORT_BAD_TARGET    = "JX-I012", Warning, "指标值读不懂，已作为注释写入";
    IMPORT_OUTPUT_INVALID = "JX-I013", Error,  "导入得到的文本未通过检查";
    IMPORT_GUESSED       = "JX-I014", Info,    "按版式推断了内容的归属";
    IMPORT_NOT_FORMATTED = "JX-I015", Warning, "导入结果未能按规范格式排版";
    IMPORT_SUMMARY_MISMATCH = "JX-I016", Warning, "部门汇总表与各项目表不一致";
    IMPORT_LAYOUT_UNKNOWN = "JX-I017", Error,  "版式无法识别";
    // 导入：工作簿的规模与损坏（bounds 分支）
    IMPORT_SHEET_TOO_LARGE = "JX-I020", Error,  "工作表的范围太大";
    IMPORT_INFLATES_TOO_MUCH = "JX-I021", Error, "工作簿解压后太大";
    IMPORT_BROKEN_WORKBOOK = "JX-I022", Error,  "工作簿已损坏，读不出内容";
}

/// The code with this text, e.g. `JX-G006`.
pub fn find(code: &str) -> Option<&'static Code> {
    ALL.iter().find(|c| c.code.eq_ignore_ascii_case(code))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A new code is a new line in `catalogue!`: its constant's name is
    /// checked by the compiler, its text here (issue 16 checklist).
    #[test]
    fn every_code_is_written_once_and_well_formed() {
        let mut seen = std::collections::HashSet::new();
        for c in ALL {
            assert!(seen.insert(c.code), "{} is in the catalogue twice", c.code);
            let (family, number) = c.code.split_at(4);
            assert!(
                [
                    "JX-E", "JX-S", "JX-M", "JX-F", "JX-D", "JX-T", "JX-G", "JX-C", "JX-A", "JX-V",
                    "JX-R", "JX-X", "JX-I", "JX-H"
                ]
                .contains(&family)
                    && number.len() == 3
                    && number.bytes().all(|b| b.is_ascii_digit()),
                "{}: a code is JX-, a family letter and three digits",
                c.code
            );
            assert!(!c.title.is_empty(), "{} has no title", c.code);
        }
    }
}
