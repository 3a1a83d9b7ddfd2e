//! The indicator system of the national form (一级 / 二级 indicators) and
//! the words used for qualitative targets.

use crate::model::name_key;

pub use crate::vocab::{LEVEL1, LEVEL2, REQUIRED_LEVEL1};

/// A group name without spaces, full-width forms and the 指标 suffix:
/// `产出指标` and `产出` both give `产出`.
pub fn stem(name: &str) -> String {
    let key = name_key(name);
    key.strip_suffix("指标").unwrap_or(&key).to_string()
}

/// The known first-level group a name stands for.
pub fn level1(name: &str) -> Option<&'static str> {
    let s = stem(name);
    LEVEL1.iter().copied().find(|l| *l == s)
}

/// The known second-level group a name stands for, with its first level.
pub fn level2(name: &str) -> Option<(&'static str, &'static str)> {
    let s = stem(name);
    LEVEL2.iter().copied().find(|(l, _)| *l == s)
}

/// Words accepted as qualitative targets: those of the seed declaration and
/// of real forms. Others are reported (提示) with the nearest of these.
pub const QUALITATIVE_WORDS: &[&str] = &[
    "及时",
    "高质量",
    "提高",
    "提升",
    "有效",
    "有帮助",
    "准确到位",
    "良好",
    "效果明显",
    "达标",
    "符合相关规定",
    "显著",
    "明显提升",
    "持续提升",
    "稳步提升",
    "逐步提高",
    "按时",
    "按期",
    "完成",
    "合格",
    "优良",
    "满意",
    "规范",
    "安全",
    "稳定",
    "正常",
    "优秀",
    "较好",
    "到位",
    "准确",
    "完善",
    "改善",
    "明显改善",
    "有所提升",
    "有所提高",
    "显著提升",
    "显著提高",
    "长期",
    "持续",
    "达到",
    "符合要求",
    "符合标准",
    "高效",
    "全覆盖",
    "是",
    "无",
];

/// Is this word in the qualitative vocabulary?
pub fn known_word(word: &str) -> bool {
    let key = name_key(word);
    QUALITATIVE_WORDS.iter().any(|w| *w == key)
}

#[cfg(test)]
mod tests {
    use super::*;
    #[test]
    fn stems() {
        assert_eq!(level1("产出指标"), Some("产出"));
        assert_eq!(level1("满意度"), Some("满意度"));
        assert_eq!(
            level2("服务对象满意度指标"),
            Some(("服务对象满意度", "满意度"))
        );
        assert_eq!(level2("社会效益"), Some(("社会效益", "效益")));
        assert_eq!(level1("产出指数"), None);
        assert!(known_word("及时"));
        assert!(!known_word("很好"));
    }
}
