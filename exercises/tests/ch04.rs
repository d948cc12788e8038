//! Chapter 4's exercises: `cargo test -p exercises --test ch04` checks `src/ch04.rs`.

exercises::chapter_tests!(ch04);
