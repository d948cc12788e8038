//! Chapter 1's exercises: `cargo test -p exercises --test ch01` checks `src/ch01.rs`.

exercises::chapter_tests!(ch01);
