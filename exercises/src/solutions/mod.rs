//! Our solutions, checked by `cargo xtask exercises --check` and the chapters' doctests; the book includes them by
//! their anchors, folded away under each exercise.

pub mod ch01;
pub mod ch02;
pub mod ch03;
pub mod ch04;
pub mod ch05;
pub mod ch07;
pub mod ch08;
pub mod ch09;
pub mod ch12;
