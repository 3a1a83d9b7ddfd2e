//! The command line's control over findings: `--allow CODE` drops a
//! finding everywhere, `--deny CODE` makes it an error, `--deny warnings`
//! makes every warning an error. Errors cannot be allowed.

use crate::diagnostic::{codes, Code, Diagnostic, Severity};

/// What `--deny` / `--allow` asked for.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Policy {
    pub deny: Vec<&'static Code>,
    pub allow: Vec<&'static Code>,
    pub deny_warnings: bool,
}

impl Policy {
    /// Read the command line's values. `Err` carries a Chinese message for
    /// a usage error.
    pub fn parse(deny: &[String], allow: &[String]) -> Result<Policy, String> {
        let mut policy = Policy::default();
        for d in deny {
            if matches!(d.trim(), "warnings" | "warning" | "警告") {
                policy.deny_warnings = true;
            } else {
                policy.deny.push(lookup(d)?);
            }
        }
        for a in allow {
            let code = lookup(a)?;
            if code.severity == Severity::Error {
                return Err(format!(
                    "{}（{}）是错误，不能用 --allow 略去；只有警告和提示可以",
                    code.code, code.title
                ));
            }
            if policy.deny.contains(&code) {
                return Err(format!("{} 同时写在了 --deny 和 --allow 中", code.code));
            }
            policy.allow.push(code);
        }
        Ok(policy)
    }

    /// Drop allowed findings and raise denied ones to errors.
    pub fn apply(&self, diagnostics: &mut Vec<Diagnostic>) {
        diagnostics.retain(|d| !self.allow.iter().any(|c| c.code == d.code));
        for d in diagnostics.iter_mut() {
            let denied = self.deny.iter().any(|c| c.code == d.code)
                || self.deny_warnings && d.severity == Severity::Warning;
            if denied {
                d.severity = Severity::Error;
            }
        }
    }
}

fn lookup(text: &str) -> Result<&'static Code, String> {
    codes::find(text.trim()).ok_or_else(|| {
        let near = crate::suggest::nearest(
            &text.trim().to_uppercase(),
            codes::ALL.iter().map(|c| c.code),
        );
        match near {
            Some(n) => format!("没有代码“{text}”；是不是想写“{n}”？"),
            None => {
                format!("没有代码“{text}”；代码写作 JX-G006 这样的形式，或写 warnings 表示所有警告")
            }
        }
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    #[test]
    fn parsing() {
        let p = Policy::parse(&["warnings".into(), "jx-g007".into()], &["JX-G006".into()]).unwrap();
        assert!(p.deny_warnings);
        assert_eq!(p.deny[0].code, "JX-G007");
        assert_eq!(p.allow[0].code, "JX-G006");
        assert!(Policy::parse(&[], &["JX-F001".into()])
            .unwrap_err()
            .contains("不能用 --allow"));
        assert!(Policy::parse(&["JX-G06".into()], &[])
            .unwrap_err()
            .contains("JX-G006"));
    }
}
