//! Chapter 12's exercises: `cargo test -p exercises --test ch12` checks `src/ch12.rs`.

exercises::chapter_tests!(ch12);
