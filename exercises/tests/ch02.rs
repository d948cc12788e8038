//! Chapter 2's exercises: `cargo test -p exercises --test ch02` checks `src/ch02.rs`.

exercises::chapter_tests!(ch02);
