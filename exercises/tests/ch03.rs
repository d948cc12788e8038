//! Chapter 3's exercises: `cargo test -p exercises --test ch03` checks `src/ch03.rs`.

exercises::chapter_tests!(ch03);
