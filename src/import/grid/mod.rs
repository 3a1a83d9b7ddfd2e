//! Published forms in the layouts budget systems print (issue 18): 申报表,
//! 自评表 and 批复表 of any province, as a PDF/Word extractor or a web page
//! gives their text. The text is read as a stream of cells ([`cells`]);
//! labelled cells give the project's fields, funds and budget grid
//! ([`fields`], [`budget`]), and the indicator table is read by its header
//! row ([`table`]). Whatever cannot be placed is a comment and a diagnostic;
//! a text whose layout is not recognised is `JX-I017 版式无法识别`, naming
//! the cell where recognition stopped — never a garbage write.

pub(crate) mod cells;
pub(crate) mod table;
