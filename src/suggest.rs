//! "Did you mean …?": the nearest known word by edit distance over characters.

/// Edit distance between two strings, counted in characters.
pub fn distance(a: &str, b: &str) -> usize {
    let b: Vec<char> = b.chars().collect();
    // One row of the edit-distance table at a time, without indexing.
    let mut prev: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.chars().enumerate() {
        let mut left = i + 1;
        let mut cur = Vec::with_capacity(prev.len());
        cur.push(left);
        for ((cb, diagonal), up) in b.iter().zip(&prev).zip(prev.iter().skip(1)) {
            let cost = usize::from(ca != *cb);
            left = (diagonal + cost).min(up + 1).min(left + 1);
            cur.push(left);
        }
        prev = cur;
    }
    prev.last().copied().unwrap_or(0)
}

/// The closest candidate, if it is close enough to be a likely slip: at most
/// half the word's length away, or one containing the other.
pub fn nearest<'a, I>(word: &str, candidates: I) -> Option<&'a str>
where
    I: IntoIterator<Item = &'a str>,
{
    let len = word.chars().count().max(1);
    candidates
        .into_iter()
        .map(|c| {
            let d = if c.contains(word) || word.contains(c) {
                c.chars().count().abs_diff(len).min(1)
            } else {
                distance(word, c)
            };
            (d, c)
        })
        .filter(|(d, c)| *d * 2 <= len.max(c.chars().count()))
        .min_by_key(|(d, _)| *d)
        .map(|(_, c)| c)
}

/// Is `near` `word` with one character changed (达城 → 达成)? What a fix
/// may write in its place; a nearer word found by containment
/// (优良中低差 → 优良) is only suggested.
pub fn one_slip(word: &str, near: &str) -> bool {
    word.chars().count() == near.chars().count() && distance(word, near) == 1
}

#[cfg(test)]
mod tests {
    use super::*;
    #[test]
    fn suggestions() {
        assert_eq!(distance("总额", "总额"), 0);
        assert_eq!(
            nearest("实施单元", ["实施单位", "主管部门"]),
            Some("实施单位")
        );
        assert_eq!(
            nearest("满意度", ["满意度指标", "产出指标"]),
            Some("满意度指标")
        );
        assert_eq!(nearest("天气", ["实施单位", "主管部门"]), None);
    }
}
