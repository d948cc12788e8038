//! Chapter 9's exercises: `cargo test -p exercises --test ch09` checks `src/ch09.rs`.

exercises::chapter_tests!(ch09);
