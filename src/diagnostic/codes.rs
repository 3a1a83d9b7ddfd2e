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
}
