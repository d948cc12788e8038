//! Chapter 5's exercises: `cargo test -p exercises --test ch05` checks `src/ch05.rs`.

exercises::chapter_tests!(ch05);
