//! placeholder
use crate::model::evaluation::Evaluation;
pub fn render(_ev: &Evaluation) -> String {
    String::new()
}
