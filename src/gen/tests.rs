use super::*;

fn checked(text: &str) -> crate::Checked {
    crate::check_text("gen.jx", text)
}

#[test]
fn same_seed_same_text_and_prefix_stable() {
    let a = declaration_text(50, 7);
    assert_eq!(a, declaration_text(50, 7));
    assert_ne!(a, declaration_text(50, 8));
    // The first projects of a larger workload are the smaller workload.
    let small = generate(&Options {
        projects: 10,
        seed: 7,
        departments: 1,
    });
    let big = generate(&Options {
        projects: 40,
        seed: 7,
        departments: 1,
    });
    for (x, y) in small[0].projects.iter().zip(&big[0].projects) {
        assert_eq!(x.name, y.name);
        assert_eq!(x.total, y.total);
    }
}

#[test]
fn generated_text_checks_clean_and_adds_up() {
    let text = declaration_text(300, 42);
    let c = checked(&text);
    assert!(
        c.diagnostics.is_empty(),
        "{:#?}",
        &c.diagnostics[..c.diagnostics.len().min(3)]
    );
    let ws = &c.workspace;
    assert_eq!(ws.departments.len(), 1);
    let d = &ws.departments[0];
    assert_eq!(d.projects.len(), 300);
    let mut sum = Decimal::ZERO;
    for p in &d.projects {
        assert!(
            (6..=8).contains(&p.indicators.len()),
            "{}",
            p.indicators.len()
        );
        let f = &p.funds;
        let y = |a: &Option<crate::model::Amount>| {
            a.as_ref()
                .and_then(|a| a.quantity.yuan())
                .unwrap_or_default()
        };
        let total = y(&f.total);
        assert_eq!(
            total,
            y(&f.current_appropriation) + y(&f.carryover) + y(&f.other),
            "{}",
            p.name
        );
        if f.fiscal.is_some() {
            assert_eq!(y(&f.fiscal), y(&f.current_appropriation) + y(&f.carryover));
        }
        sum += total;
    }
    let claim = d.claim.as_ref().unwrap();
    assert_eq!(claim.project_count, Decimal::from(300));
    assert_eq!(claim.funds.yuan(), Some(sum));
}

#[test]
fn the_seed_mix_of_units_and_kinds_appears() {
    let ws = checked(&declaration_text(400, 3)).workspace;
    let mut units = std::collections::BTreeSet::new();
    let mut qualitative = 0;
    let mut level1 = std::collections::BTreeSet::new();
    for p in ws.projects() {
        for i in &p.indicators {
            level1.insert(i.level1.clone());
            match i.target.quantity() {
                Some(q) => {
                    units.insert(q.unit.text().to_string());
                }
                None => qualitative += 1,
            }
        }
    }
    for u in ["万元", "元", "元/人", "次", "人", "%"] {
        assert!(units.contains(u), "missing unit {u}: {units:?}");
    }
    assert_eq!(level1.len(), 4, "{level1:?}");
    assert!(qualitative > 400 * 2, "{qualitative}");
    let checks: usize = ws.projects().map(|p| p.checks.len()).sum();
    assert!(checks > 10, "{checks}");
}

#[test]
fn departments_split_projects_with_distinct_names() {
    let ds = generate(&Options {
        projects: 10,
        seed: 1,
        departments: 3,
    });
    assert_eq!(
        ds.iter().map(|d| d.projects.len()).collect::<Vec<_>>(),
        [4, 3, 3]
    );
    assert_ne!(ds[0].name, ds[1].name);
    let a = actuals(&ds[0]);
    assert!(
        a.starts_with(&format!("自评 \"{}\" 2025 {{", ds[0].name)),
        "{a}"
    );
    assert!(a.contains("执行 ") && a.contains(": 达成"), "{a}");
}

#[test]
fn project_size_is_near_the_seed() {
    let text = declaration_text(1000, 1);
    let per_project = text.len() / 1000;
    // The seed: 25,245 bytes for 9 projects ≈ 2,800 bytes each.
    assert!((1800..=3800).contains(&per_project), "{per_project}");
}
