//! Chapter 8's exercises: `cargo test -p exercises --test ch08` checks `src/ch08.rs`.

exercises::chapter_tests!(ch08);
