// Упражнения главы 9 (book/src/09-activations-and-optimizers.md, раздел «Упражнения»): впишите
// ответы вместо каждого `todo!()`, `f64::NAN` и `None`, затем проверьте их командой
// `cargo test -p exercises --features ru --test ch09`, а свой прогресс — командой
// `cargo xtask exercises --language ru`.

/// Упражнение 9.1 (напишите код): один шаг метода импульса для каждого параметра.
pub fn momentum_step(
    params: &mut [f64],
    velocity: &mut [f64],
    grads: &[f64],
    learn_rate: f64,
    beta: f64,
) {
    todo!("v ← beta v + g, затем p ← p - learn_rate v, для каждого параметра")
}

/// Упражнение 9.2 (напишите код): производная tanh, выраженная через её выход `y`.
pub fn tanh_derivative(y: f64) -> f64 {
    todo!("производная tanh в точке, где её выход равен y, записанная только через y")
}

/// Упражнение 9.3 (вручную, с допуском 0.0001): бинарная перекрёстная энтропия предсказания
/// 0.8 для метки 1.
pub const BCE_BY_HAND: f64 = f64::NAN;
