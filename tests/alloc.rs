//! Training the general network allocates nothing in its loops: once the first epoch has sized
//! everything, further epochs, batches, loss evaluations and batch predictions allocate zero
//! times.
//!
//! A counting global allocator applies to the whole test binary, hence this file of its own.
//! Counts are kept per thread, so tests running in parallel do not see each other's allocations.

use std::alloc::{GlobalAlloc, Layout, System};
use std::cell::Cell;

use nn_from_scratch::mlp::Activation;
use nn_from_scratch::mlp::Loss;
use nn_from_scratch::mlp::{FitConfig, Mlp, Output, Trainer, Workspace};
use nn_from_scratch::optimizer::Optimizer;

/// The system allocator, counting the allocations (and reallocations) of each thread.
struct Counting;

thread_local! {
    static ALLOCATIONS: Cell<u64> = const { Cell::new(0) };
}

fn count() {
    // `try_with`: during thread teardown the counter may be gone; those allocations are not ours.
    let _ = ALLOCATIONS.try_with(|c| c.set(c.get() + 1));
}

// SAFETY: every call is passed on unchanged to the system allocator, which upholds the contract;
// counting touches only a const-initialised thread-local `Cell`, which never allocates.
unsafe impl GlobalAlloc for Counting {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        count();
        // SAFETY: the caller's guarantees for `layout` are the system allocator's.
        unsafe { System.alloc(layout) }
    }

    unsafe fn alloc_zeroed(&self, layout: Layout) -> *mut u8 {
        count();
        // SAFETY: as for `alloc`.
        unsafe { System.alloc_zeroed(layout) }
    }

    unsafe fn realloc(&self, ptr: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
        count();
        // SAFETY: `ptr` and `layout` come from this allocator, i.e. from `System`.
        unsafe { System.realloc(ptr, layout, new_size) }
    }

    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        // SAFETY: as for `realloc`.
        unsafe { System.dealloc(ptr, layout) }
    }
}

#[global_allocator]
static GLOBAL: Counting = Counting;

/// How many times `f` allocates on this thread.
fn allocations_during(f: impl FnOnce()) -> u64 {
    let before = ALLOCATIONS.with(Cell::get);
    f();
    ALLOCATIONS.with(Cell::get) - before
}

/// 100 samples of two features, both classes, deterministic.
fn data() -> (Vec<[f64; 2]>, Vec<f64>) {
    let inputs: Vec<[f64; 2]> = (0..100)
        .map(|i| {
            let t = f64::from(i) * 0.37;
            [t.sin() * 2.0, (t * 1.7).cos() * 1.5]
        })
        .collect();
    let labels = inputs
        .iter()
        .map(|x| if x[0] + 0.5 * x[1] > 0.0 { 1.0 } else { 0.0 })
        .collect();
    (inputs, labels)
}

#[test]
fn the_counter_counts() {
    let n = allocations_during(|| {
        let v = std::hint::black_box(vec![1u8; 10]);
        drop(v);
    });
    assert_eq!(n, 1);
}

#[test]
fn epochs_after_the_first_allocate_nothing() {
    let (inputs, labels) = data();
    for batch_size in [1, 32] {
        for shuffle in [false, true] {
            for optimizer in [
                Optimizer::sgd(0.1),
                Optimizer::momentum(0.01),
                Optimizer::adam(0.01),
            ] {
                for loss in Loss::ALL {
                    let mut mlp =
                        Mlp::new(&[2, 16, 1], Activation::Tanh, Activation::Sigmoid, 1).unwrap();
                    let config = FitConfig {
                        batch_size,
                        shuffle,
                        seed: 5,
                        loss,
                        optimizer,
                        ..FitConfig::default()
                    };
                    let mut trainer = Trainer::new(&mlp, config).unwrap();
                    trainer.train_epoch(&mut mlp, &inputs, &labels).unwrap();
                    let before = mlp.clone();
                    let what =
                        format!("batch {batch_size}, shuffle {shuffle}, {optimizer:?}, {loss}");
                    let n = allocations_during(|| {
                        for _ in 0..3 {
                            trainer.train_epoch(&mut mlp, &inputs, &labels).unwrap();
                            trainer.dataset_loss(&mlp, &inputs, &labels).unwrap();
                        }
                    });
                    assert_eq!(n, 0, "{what}: epochs allocated {n} times");
                    assert_ne!(mlp, before, "{what}: the epochs did train");
                }
            }
        }
    }
}

#[test]
fn gradients_and_batch_predictions_allocate_nothing() {
    let (inputs, labels) = data();
    let mlp = Mlp::new(&[2, 16, 1], Activation::Relu, Activation::Sigmoid, 2).unwrap();
    let mut ws = Workspace::new(&mlp, 32).unwrap();
    let mut out = vec![0.0; inputs.len()];
    let n = allocations_during(|| {
        mlp.loss_and_gradient(&mut ws, &inputs[..32], &labels[..32], Loss::Bce)
            .unwrap();
        mlp.predict_batch(&mut ws, &inputs, &mut out).unwrap();
        mlp.dataset_loss(&mut ws, &inputs, &labels, Loss::Mse)
            .unwrap();
    });
    assert_eq!(n, 0);
    assert!(out.iter().all(|p| *p > 0.0 && *p < 1.0));
}

#[test]
fn fit_allocates_the_same_for_10_epochs_as_for_200() {
    let (inputs, labels) = data();
    for batch_size in [1, 32] {
        let run = |epochs| {
            let mut mlp = Mlp::new(&[2, 16, 1], Activation::Tanh, Activation::Sigmoid, 3).unwrap();
            let config = FitConfig {
                epochs,
                batch_size,
                shuffle: true,
                optimizer: Optimizer::adam(0.01),
                ..FitConfig::default()
            };
            allocations_during(|| {
                mlp.fit(&inputs, &labels, &config, |_| {}).unwrap();
            })
        };
        let (short, long) = (run(10), run(200));
        assert_eq!(
            short, long,
            "batch {batch_size}: {short} vs {long} allocations"
        );
    }
}

#[test]
fn a_softmax_network_allocates_nothing_per_epoch_or_batch() {
    let (inputs, labels) = data();
    // Three classes from the two-class labels and the first input's sign.
    let classes: Vec<f64> = (inputs.iter().zip(&labels))
        .map(|(x, &y)| if x[0] > 0.0 { 2.0 } else { y })
        .collect();
    let mut mlp = Mlp::new(&[2, 16, 3], Activation::Relu, Output::Softmax, 4).unwrap();
    let config = FitConfig {
        batch_size: 32,
        shuffle: true,
        loss: Loss::CrossEntropy,
        optimizer: Optimizer::adam(0.01),
        ..FitConfig::default()
    };
    let mut trainer = Trainer::new(&mlp, config).unwrap();
    trainer.train_epoch(&mut mlp, &inputs, &classes).unwrap();
    let mut ws = Workspace::new(&mlp, 32).unwrap();
    let (mut p, mut c) = (vec![0.0; 3 * inputs.len()], vec![0; inputs.len()]);
    let before = mlp.clone();
    let n = allocations_during(|| {
        for _ in 0..3 {
            trainer.train_epoch(&mut mlp, &inputs, &classes).unwrap();
            trainer.dataset_loss(&mlp, &inputs, &classes).unwrap();
        }
        mlp.predict_batch(&mut ws, &inputs, &mut p).unwrap();
        mlp.classify(&mut ws, &inputs, &mut c).unwrap();
    });
    assert_eq!(n, 0, "softmax training and predictions allocated {n} times");
    assert_ne!(mlp, before);
}
