//! Budget systems print a unit's code before its name
//! (`219001-池州市贵池区棠溪镇人民政府`): the department, 主管部门 and 实施单位
//! are written without it, the printed text kept in a comment and an info
//! diagnostic (JX-I008). Project names keep their codes.

/// `219001-池州市…` → (`219001-`, `池州市…`): a code is a digit, then two or
/// more digits or capital letters, then `-`, before a Chinese name.
pub(crate) fn split(name: &str) -> Option<(&str, &str)> {
    let (code, rest) = name.split_once('-')?;
    let mut chars = code.chars();
    let coded = chars.next().is_some_and(|c| c.is_ascii_digit())
        && code.chars().count() >= 3
        && chars.all(|c| c.is_ascii_digit() || c.is_ascii_uppercase());
    let chinese = rest.chars().next().is_some_and(is_han);
    let at = code.len() + 1;
    (coded && chinese).then(|| (name.get(..at).unwrap_or(code), rest))
}

fn is_han(c: char) -> bool {
    ('\u{4e00}'..='\u{9fff}').contains(&c)
}

/// The comment that keeps the printed text.
pub(crate) fn comment(printed: &str, code: &str) -> String {
    format!("原表印“{printed}”，“{code}”是预算系统的单位编码")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_before_chinese_names() {
        assert_eq!(
            split("219001-池州市贵池区棠溪镇人民政府"),
            Some(("219001-", "池州市贵池区棠溪镇人民政府"))
        );
        assert_eq!(split("219-池州市"), Some(("219-", "池州市")));
        assert_eq!(split("51092324T000010263357-2023年"), None);
        assert_eq!(split("12-某局"), None);
        assert_eq!(split("A19-某局"), None);
        assert_eq!(split("池州市-贵池区"), None);
        assert_eq!(split("219001-"), None);
        assert_eq!(
            comment("219-池州市", "219-"),
            "原表印“219-池州市”，“219-”是预算系统的单位编码"
        );
    }
}
