//! Chapter 7's exercises: `cargo test -p exercises --test ch07` checks `src/ch07.rs`.

exercises::chapter_tests!(ch07);
